-- Issue 8: complaints, aspirations and requests for information (SP4N-LAPOR!), routed to the agency
-- that can act, answered within the legal time limits, and open to Open311 GeoReport v2 clients.
--
-- What the reporter writes (title, description, address, messages) is kept in clear: it is what they
-- chose to hand over for handling and publication, and duplicate detection (pg_trgm) and the public
-- search need it. Who the reporter is (name, e-mail, phone of someone without an account) is personal
-- data: encrypted under the complaint's data key, and withheld from the handling agency when the
-- report is anonymous.

-- Categories carry their own time limits (working days, except resolution in calendar days as the
-- regulation counts it) and are the Open311 services (service_code = code).
create table complaint_category (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  name_id text not null,
  name_en text not null,
  description_id text not null default '',
  description_en text not null default '',
  -- Open311 `group` and `keywords`.
  group_name text not null default '',
  keywords text[] not null default '{}',
  verify_working_days integer not null default 3 check (verify_working_days between 1 and 60),
  plan_working_days integer not null default 5 check (plan_working_days between 1 and 60),
  resolve_days integer not null default 60 check (resolve_days between 1 and 365),
  auto_close_working_days integer not null default 10 check (auto_close_working_days between 1 and 60),
  active boolean not null default true,
  position integer not null default 0
);

create table complaint (
  id uuid primary key default gen_random_uuid(),
  -- ADU-XXXX-XXXX: the applications' tracking scheme (random, Crockford base32, check symbol).
  tracking_id text not null unique check (tracking_id ~ '^ADU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  kind text not null check (kind in ('complaint', 'aspiration', 'information_request')),
  category_code text not null references complaint_category (code),
  channel text not null default 'web' check (channel in ('web', 'open311', 'counter')),
  title text not null check (length(title) between 1 and 200),
  description text not null check (length(description) between 1 and 10000),
  incident_date date,
  -- Where: a region (province to village), a typed address, and a point when the reporter picked one.
  region_code text references region (code),
  address text check (length(address) <= 500),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  -- Privacy flags, both defaulting to the safe choice. secret: never public. anonymous: the reporter's
  -- identity is shown to no one outside the complaints desk, the handling agency included.
  is_secret boolean not null default true,
  is_anonymous boolean not null default true,
  reporter_account_id uuid references account (id),
  data_key_id uuid not null references data_key (id),
  -- {name, email, phone} of a reporter without an account (or as given to Open311), encrypted; null when empty.
  reporter_enc text,
  -- SHA-256 of the secret in the follow-up link given to a reporter without an account.
  follow_up_hash text unique check (follow_up_hash ~ '^[0-9a-f]{64}$'),
  application_id uuid references application (id),
  suggested_agency_id uuid references agency (id),
  status text not null default 'unverified'
    check (status in ('unverified', 'not_followed_up', 'in_process', 'done', 'closed', 'archived', 'postponed')),
  archive_reason text check (archive_reason in ('not_authority', 'unclear', 'duplicate', 'other')),
  -- The handling agency and unit once forwarded; null while the complaints desk triages it.
  agency_id uuid references agency (id),
  unit_id uuid references agency_unit (id),
  merged_into_id uuid references complaint (id),
  -- The clock. Each stage has its deadline; stage_seq increases whenever a stage is entered (forward,
  -- reopen), so alerts are keyed on it and fire once per stage entry.
  stage text check (stage in ('verify', 'plan', 'resolve', 'confirm')),
  stage_seq integer not null default 0,
  stage_warn_at timestamptz,
  stage_due_at timestamptz,
  -- Resolution is counted from the complete file (verification) and carried across forwards.
  resolve_due_at timestamptz,
  escalation_level integer not null default 0 check (escalation_level between 0 and 2),
  verified_at timestamptz,
  forwarded_at timestamptz,
  followed_up_at timestamptz,
  responded_at timestamptz,
  closed_at timestamptz,
  closed_by text check (closed_by in ('reporter', 'timeout', 'desk')),
  reopened boolean not null default false,
  rating smallint check (rating between 1 and 5),
  rated_at timestamptz,
  -- "Me too": people who reported the same (merged reports and supporters), for the public page.
  support_count integer not null default 0 check (support_count >= 0),
  open311_key_id uuid,
  -- Returned by an Open311 POST and resolved later through tokens/{token}.
  open311_token text unique check (open311_token ~ '^[A-Za-z0-9_-]{16,64}$'),
  idempotency_key text check (length(idempotency_key) between 8 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'archived') = (archive_reason is not null)),
  check ((latitude is null) = (longitude is null))
);

-- A retry or a double click with the same key from the same sender finds the first report.
create unique index complaint_idempotency_idx
  on complaint (coalesce(reporter_account_id::text, open311_key_id::text, follow_up_hash, ''), idempotency_key)
  where idempotency_key is not null;
create index complaint_reporter_idx on complaint (reporter_account_id, created_at desc) where reporter_account_id is not null;
-- The desk's triage queue and each agency's queue, oldest deadline first.
create index complaint_triage_idx on complaint (stage_due_at) where agency_id is null and status = 'unverified';
create index complaint_agency_queue_idx on complaint (agency_id, status, stage_due_at) where agency_id is not null;
-- The SLA sweep: open items whose warning instant has passed.
create index complaint_sla_idx on complaint (stage_warn_at) where stage is not null;
-- The public list and Open311 queries, newest first.
create index complaint_public_idx on complaint (created_at desc) where not is_secret and merged_into_id is null;
create index complaint_category_created_idx on complaint (category_code, created_at);
-- Duplicates: trigram similarity of the title and description.
create index complaint_text_trgm_idx on complaint using gin ((title || ' ' || description) gin_trgm_ops);

-- The timeline. visibility: 'public' shows on the public page (personal data removed) and to the
-- reporter; 'reporter' shows to the reporter and staff; 'internal' to staff only.
create table complaint_event (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references complaint (id),
  agency_id uuid references agency (id),
  occurred_at timestamptz not null default now(),
  kind text not null check (kind ~ '^[a-z][a-z_]{1,39}$'),
  actor_role text not null check (actor_role ~ '^[a-z][a-z_]{1,39}$'),
  actor_agency_id uuid references agency (id),
  -- For accountability inside government; never shown to the reporter or the public.
  actor_account_id uuid references account (id),
  visibility text not null check (visibility in ('public', 'reporter', 'internal')),
  message text check (length(message) <= 10000),
  -- Kind-specific details (from/to agency, archive reason, status): codes and ids, no personal data.
  details jsonb not null default '{}'
);

create index complaint_event_complaint_idx on complaint_event (complaint_id, occurred_at, id);

create table complaint_attachment (
  complaint_id uuid not null references complaint (id),
  file_id uuid not null references stored_file (id),
  event_id bigint references complaint_event (id),
  added_at timestamptz not null default now(),
  primary key (complaint_id, file_id)
);

-- Routing rules: category and region (a province code matches its regencies, districts and villages;
-- null matches anything) to the agency and unit that can act. The most specific match wins.
create table complaint_route (
  id uuid primary key default gen_random_uuid(),
  category_code text references complaint_category (code),
  region_code text references region (code),
  agency_id uuid not null references agency (id),
  unit_id uuid references agency_unit (id),
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  unique nulls not distinct (category_code, region_code)
);

-- Each alert fires once per complaint, stage entry and kind, however many nodes sweep at once.
create table complaint_alert (
  complaint_id uuid not null references complaint (id),
  stage text not null check (stage in ('verify', 'plan', 'resolve', 'confirm')),
  stage_seq integer not null,
  kind text not null check (kind in ('warning', 'breach', 'escalation', 'auto_close')),
  fired_at timestamptz not null default now(),
  primary key (complaint_id, stage, stage_seq, kind)
);

-- "Me too" from people who did not file: one per account (or per browser for anonymous visitors, by a
-- keyed hash of a random cookie — never an IP address).
create table complaint_support (
  complaint_id uuid not null references complaint (id),
  supporter_key text not null check (supporter_key ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  primary key (complaint_id, supporter_key)
);

-- Open311 API keys of partner apps, issued by platform admins. Only a hash of the key is kept.
create table open311_key (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  -- The first characters, to recognise a key in the admin list.
  key_prefix text not null,
  requests_per_minute integer not null default 60 check (requests_per_minute between 1 and 100000),
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

alter table complaint add foreign key (open311_key_id) references open311_key (id);
