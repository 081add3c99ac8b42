-- Services and their versions. A version carries the binding service standard (PermenPANRB 15/2014)
-- and the form as JSON; an application keeps the version it was filed under, so a published version
-- is never edited: changes make a new draft version.

create table service (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  created_at timestamptz not null default now()
);

create index service_agency_idx on service (agency_id);

create table service_version (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service (id),
  version integer not null check (version > 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  name_id text not null,
  name_en text not null,
  summary_id text not null,
  summary_en text not null,
  -- Life events (birth, marriage, moving, business, building, retiring, social, health, security, …).
  life_events text[] not null default '{}',
  applicant_types text[] not null check (applicant_types <@ array['citizen', 'business'] and cardinality(applicant_types) > 0),
  channels text[] not null check (channels <@ array['online', 'counter'] and cardinality(channels) > 0),
  priority_groups text[] not null default '{}' check (priority_groups <@ array['elderly', 'disabled', 'pregnant']),
  time_limit_working_days integer not null check (time_limit_working_days between 0 and 365),
  cost_amount bigint not null default 0 check (cost_amount >= 0),
  -- The fourteen components of the standard, in both languages (see catalogue.standard.ts).
  standard jsonb not null,
  form jsonb not null,
  workflow_ref text,
  output_template jsonb,
  search_text text not null default '',
  search_vector tsvector generated always as (to_tsvector('indonesian', search_text)) stored,
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  published_at timestamptz,
  retired_at timestamptz,
  unique (service_id, version),
  check ((status = 'draft') = (published_at is null))
);

-- At most one published version per service: publishing retires the previous one in the same transaction.
create unique index service_version_one_published_idx on service_version (service_id) where status = 'published';
create index service_version_search_idx on service_version using gin (search_vector) where status = 'published';
create index service_version_trgm_idx on service_version using gin (search_text gin_trgm_ops) where status = 'published';
create index service_version_life_events_idx on service_version using gin (life_events) where status = 'published';
