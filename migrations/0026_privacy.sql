-- Data-subject rights (UU 27/2022) and retention (src/modules/privacy; docs/privacy.md).
--
-- privacy_request: every request a person makes about their own data (a copy, a correction, deletion,
-- an objection, a restriction) is a tracked case with deadlines, whatever its outcome. The person's
-- free text is personal data: it is envelope-encrypted under the account's data key (context
-- `privacy_request.details:<id>`), never stored in clear.
create table privacy_request (
  id uuid primary key,
  -- PRV-XXXX-XXXX: the tracking scheme of applications and complaints (random, Crockford base32).
  reference text not null unique check (reference ~ '^PRV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  account_id uuid not null references account (id),
  kind text not null check (kind in ('access', 'correction', 'deletion', 'objection', 'restriction')),
  -- Which data the request is about (a code from privacy.tables.ts), and the application it names, if any.
  data_category text not null check (data_category ~ '^[a-z][a-z_]{1,39}$'),
  application_id uuid references application (id),
  -- Who answers: the agency holding the data named, or the platform (null) for account-level data.
  agency_id uuid references agency (id),
  status text not null check (status in ('received', 'in_progress', 'fulfilled', 'refused', 'closed')),
  data_key_id uuid not null references data_key (id),
  details_enc text check (details_enc like 'v1.%'),
  -- Why a request was refused: a code (privacy.tables.ts), shown to the person in their language.
  refusal_reason text check (refusal_reason ~ '^[a-z][a-z_]{1,39}$'),
  -- What staff answered, encrypted like the details.
  response_enc text check (response_enc like 'v1.%'),
  created_at timestamptz not null default now(),
  -- 3×24 hours: the legal window for access and, here, for acknowledging every other request.
  acknowledge_by timestamptz not null,
  due_at timestamptz not null,
  acknowledged_at timestamptz,
  fulfilled_at timestamptz,
  closed_at timestamptz,
  closed_by uuid references account (id),
  check (due_at >= acknowledge_by),
  check ((status in ('fulfilled', 'refused', 'closed')) = (closed_at is not null))
);

create index privacy_request_account_idx on privacy_request (account_id, created_at desc);
-- The staff queue: open requests by deadline, per agency.
create index privacy_request_open_idx on privacy_request (agency_id, due_at) where closed_at is null;

-- How long each kind of record is kept after its anchor (expiry, sending, closing, completion), and
-- what happens then: deleted, anonymized, or kept (a 'keep' rule only refuses deletion requests
-- within the period; such records go to the archive authority, never silently away). Data, so an
-- operator changes a period with an UPDATE that the audit of the next run shows.
create table retention_rule (
  record_type text primary key check (record_type ~ '^[a-z][a-z_]{1,39}$'),
  action text not null check (action in ('delete', 'anonymize', 'keep')),
  period_days integer not null check (period_days between 1 and 36600),
  -- Under which rule or law the period was chosen, in a sentence; shown in docs and to staff.
  basis text not null check (char_length(basis) between 1 and 500),
  enabled boolean not null default true,
  updated_at timestamptz not null default now()
);

insert into retention_rule (record_type, action, period_days, basis) values
  ('session', 'delete', 30, 'Sign-in records: kept 30 days after a session ends, for security investigations.'),
  ('notification', 'delete', 365, 'Delivery records of e-mail and SMS messages: one year, for complaints about missed notices.'),
  ('complaint_guest_contact', 'anonymize', 730, 'Contact details of reporters without an account: two years after the report closes (follow-up and appeal window).'),
  ('survey_comment', 'anonymize', 730, 'Free-text survey comments: two years (two annual SKM cycles, PermenPANRB 14/2017).'),
  ('privacy_request', 'delete', 1825, 'Data-subject requests: five years after closing, as evidence of compliance with UU 27/2022.'),
  ('application', 'keep', 3650, 'Applications and their files: ten years after completion (archives retention schedule, UU 43/2009).'),
  ('issued_document', 'keep', 3650, 'Issued documents: ten years after issue, so that they can still be verified.');

-- A legal hold keeps one record past its retention period and blocks its deletion (a dispute, an
-- investigation, a court order). Released, never deleted: the history of holds is evidence too.
create table legal_hold (
  id uuid primary key,
  record_type text not null check (record_type ~ '^[a-z][a-z_]{1,39}$'),
  record_id text not null check (char_length(record_id) between 1 and 100),
  -- A case reference or short reason, no personal data (the hold is shown to staff and audited).
  reason text not null check (char_length(reason) between 1 and 500),
  set_by uuid not null references account (id),
  set_at timestamptz not null default now(),
  released_at timestamptz,
  released_by uuid references account (id)
);

create unique index legal_hold_active_idx on legal_hold (record_type, record_id) where released_at is null;
