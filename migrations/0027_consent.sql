-- Once-only in applications and consent receipts (issue 10). A consent is the applicant's agreement
-- that an agency may fetch named data from another agency's data product for one purpose until a date;
-- a requirement fetch is what became of one requirement of one application: fetched with consent
-- (the data sealed beside its provenance), queued while the provider is unavailable, or declined (the
-- applicant uploads instead). Rows of either table are never deleted by the app: a revoked consent
-- stays as the record of what was agreed, and past fetches stay recorded.

create table consent (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id),
  product_code text not null references exchange_product (code),
  provider_agency_id uuid not null references agency (id),
  -- The agency that handles the application and fetches the data.
  consumer_agency_id uuid not null references agency (id),
  purpose text not null check (purpose ~ '^[a-z][a-z0-9_]{1,63}$'),
  legal_basis text not null check (legal_basis <> ''),
  fields text[] not null check (cardinality(fields) > 0),
  service_version_id uuid not null references service_version (id),
  requirement_id text not null,
  -- The submission key of the draft it was given for; the application filed from that draft carries it
  -- as its idempotency key (application.applicant_account_id, application.idempotency_key).
  submission_key text not null,
  granted_at timestamptz not null default now(),
  valid_until timestamptz not null,
  revoked_at timestamptz,
  check (valid_until > granted_at)
);

create index consent_account_idx on consent (account_id, granted_at desc);

create table requirement_fetch (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id),
  submission_key text not null,
  requirement_id text not null,
  service_version_id uuid not null references service_version (id),
  product_code text not null references exchange_product (code),
  consent_id uuid references consent (id),
  status text not null check (status in ('declined', 'fetched', 'queued', 'not_found', 'failed')),
  -- The exchange's queued fetch while the provider was unavailable (gone if the exchange purges it:
  -- the row then stays queued, shown to the officer as waiting).
  queued_fetch_id uuid references exchange_fetch (id) on delete set null,
  provider_agency_id uuid references agency (id),
  fetched_at timestamptz,
  sha256 text,
  data_key_id uuid references data_key (id),
  -- {data, fields, provenance} as the exchange returned them, envelope-encrypted.
  result_enc text,
  decided_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, submission_key, requirement_id),
  check ((status = 'fetched') = (result_enc is not null)),
  check ((status = 'declined') = (consent_id is null))
);

create index requirement_fetch_queued_idx on requirement_fetch (updated_at) where status = 'queued';
