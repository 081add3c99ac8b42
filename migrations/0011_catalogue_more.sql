-- Catalogue editing: when a draft was last saved, and at most one draft per service, so that "new
-- version" clicked twice (or by two admins at once) cannot fork the service into competing drafts.

alter table service_version add column updated_at timestamptz not null default now();

create unique index service_version_one_draft_idx on service_version (service_id) where status = 'draft';
