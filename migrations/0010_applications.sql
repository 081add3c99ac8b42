-- Applications filed online or at a counter, their timeline, attachments and the save-and-continue
-- drafts of the apply journey. Answers are personal data: encrypted JSON under each application's (or
-- draft's) own data key. Every large table carries agency_id so that it can be sharded by agency.

create table application (
  id uuid primary key default gen_random_uuid(),
  -- LKT-XXXX-XXXX: random, Crockford base32, the last character a check character.
  tracking_number text not null unique check (tracking_number ~ '^LKT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  agency_id uuid not null references agency (id),
  service_id uuid not null references service (id),
  -- The version the application was filed under: it never changes, whatever is published later.
  service_version_id uuid not null references service_version (id),
  channel text not null check (channel in ('online', 'counter')),
  -- Null for a counter application of someone without an account: they claim it later by NIK.
  applicant_account_id uuid references account (id),
  -- The applicant's NIK as a keyed blind index (the same kind as account.nik_index), for claims.
  applicant_nik_index text not null,
  organisation_id uuid references organisation (id),
  status text not null default 'submitted'
    check (status in ('submitted', 'in_review', 'information_requested', 'approved', 'rejected', 'issued', 'withdrawn')),
  priority_group text check (priority_group in ('elderly', 'disabled', 'pregnant')),
  data_key_id uuid not null references data_key (id),
  answers_enc text not null,
  submitted_at timestamptz not null default now(),
  due_at timestamptz not null,
  -- The officer who registered a counter application.
  created_by uuid references account (id),
  idempotency_key text not null check (length(idempotency_key) between 8 and 200),
  updated_at timestamptz not null default now(),
  check (channel = 'counter' or applicant_account_id is not null),
  check (channel = 'online' or created_by is not null)
);

-- A retry or a double click with the same key from the same person finds the first application.
create unique index application_idempotency_idx on application (coalesce(applicant_account_id, created_by), idempotency_key);
-- "My applications", newest first.
create index application_applicant_idx on application (applicant_account_id, submitted_at desc) where applicant_account_id is not null;
-- The agency's work queue (workflow issue) and SLA watch.
create index application_agency_queue_idx on application (agency_id, status, due_at);
-- Counter applications waiting to be claimed by NIK.
create index application_unclaimed_nik_idx on application (applicant_nik_index) where applicant_account_id is null;
create index application_service_version_idx on application (service_version_id);

-- The timeline. Applicants see the kind, the time and the agency, never an officer's name.
create table application_event (
  id bigint generated always as identity primary key,
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  occurred_at timestamptz not null default now(),
  -- An open list: the workflow issue adds its own kinds.
  kind text not null check (kind ~ '^[a-z][a-z_]{1,39}$'),
  -- The role the actor acted in: applicant, officer, supervisor, system, …
  actor_role text not null check (actor_role ~ '^[a-z][a-z_]{1,39}$'),
  actor_agency_id uuid references agency (id),
  -- For accountability inside the agency; never shown to the applicant.
  actor_account_id uuid references account (id),
  -- A message to or from the applicant, encrypted under the application's data key.
  message_enc text
);

create index application_event_application_idx on application_event (application_id, occurred_at, id);
create index application_event_agency_idx on application_event (agency_id, occurred_at);

create table application_attachment (
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  -- The form field the file answers, or 'information' for files sent with requested information.
  field_name text not null check (field_name ~ '^[a-z][a-zA-Z0-9]{0,39}$'),
  file_id uuid not null references stored_file (id),
  event_id bigint references application_event (id),
  added_at timestamptz not null default now(),
  primary key (application_id, file_id)
);

create index application_attachment_file_idx on application_attachment (file_id);

-- Save-and-continue: one draft per person per service, removed when it is submitted.
create table application_draft (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id) on delete cascade,
  service_id uuid not null references service (id),
  service_version_id uuid not null references service_version (id),
  organisation_id uuid references organisation (id),
  data_key_id uuid not null references data_key (id),
  answers_enc text not null,
  current_page text,
  -- Set when the check-answers page is first shown: a double click or a retry of the submission
  -- carries the same key and so finds the first application.
  idempotency_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, service_id)
);
