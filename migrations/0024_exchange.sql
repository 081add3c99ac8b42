-- Once-only data exchange between agencies (issue 10): data products, the registry rows Loket serves
-- them from, API clients of agency systems with their public keys, the keys that sign responses, the
-- append-only exchange log, the citizen's data-tracker access records and queued fetches.

-- A data product an agency offers to others: what it holds about a subject (a person by NIK, a family
-- card by KK number, a business by NIB), under which law, for which purposes, to which agencies.
create table exchange_product (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  name_id text not null check (name_id <> ''),
  name_en text not null check (name_en <> ''),
  description_id text not null default '',
  description_en text not null default '',
  provider_agency_id uuid not null references agency (id),
  subject_kind text not null check (subject_kind in ('nik', 'kk', 'nib')),
  -- [{name, type, labelId, labelEn, personal}]: the fields a fetch returns.
  fields jsonb not null check (jsonb_typeof(fields) = 'array'),
  legal_basis text not null check (legal_basis <> ''),
  -- [{code, labelId, labelEn, lawEnforcement}]: a law-enforcement purpose withholds the access record
  -- from the citizen until it is released.
  purposes jsonb not null check (jsonb_typeof(purposes) = 'array'),
  -- registry: rows of exchange_registry_record; http: the agency's own service at provider_url.
  provider_kind text not null check (provider_kind in ('registry', 'http')),
  provider_url text,
  -- {requestsPerSecond, timeoutMs, retries}: limits of the http adapter.
  provider_limits jsonb not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((provider_kind = 'http') = (provider_url is not null))
);

create table exchange_product_consumer (
  product_code text not null references exchange_product (code) on delete cascade,
  agency_id uuid not null references agency (id),
  primary key (product_code, agency_id)
);

-- Registry rows: keyed by a keyed blind index of the subject key, the payload envelope-encrypted under
-- the data key of the import that loaded it (one per import: a registry is an agency's dataset, not one
-- person's, and a million data keys would cost a million unwraps on load).
create table exchange_registry_record (
  product_code text not null references exchange_product (code),
  subject_index text not null,
  data_key_id uuid not null references data_key (id),
  payload_enc text not null,
  loaded_at timestamptz not null default now(),
  primary key (product_code, subject_index)
);

-- Systems of other agencies calling /api/exchange/v1, each with one public key (EdDSA or ES256).
create table exchange_client (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  name text not null check (name <> ''),
  alg text not null check (alg in ('EdDSA', 'ES256')),
  public_jwk jsonb not null check (jsonb_typeof(public_jwk) = 'object'),
  purposes text[] not null,
  products text[] not null,
  requests_per_minute integer not null default 600 check (requests_per_minute between 1 and 1000000),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create index exchange_client_agency_idx on exchange_client (agency_id);

-- Client-assertion ids seen, until the assertion expires: the primary key makes a replay fail on every
-- node, not only on the one that saw the first use.
create table exchange_assertion_jti (
  client_id uuid not null references exchange_client (id),
  jti text not null,
  expires_at timestamptz not null,
  primary key (client_id, jti)
);

create index exchange_assertion_jti_expires_idx on exchange_assertion_jti (expires_at);

-- Ed25519 keys that sign API responses (as signing_key does for documents); retired keys stay
-- published so that responses signed earlier still verify.
create table exchange_signing_key (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{16}$'),
  public_key bytea not null check (length(public_key) = 32),
  data_key_id uuid not null references data_key (id),
  private_key_enc text not null,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  check ((status = 'retired') = (retired_at is not null))
);

create unique index exchange_signing_key_one_active_idx on exchange_signing_key ((true)) where status = 'active';

-- One row per API request, answered or refused: evidence for both sides. Hashes are SHA-256 of the
-- exact request body bytes and the exact response body bytes (docs/exchange.md). No personal data.
create table exchange_log (
  id bigint generated always as identity primary key,
  request_id text not null,
  received_at timestamptz not null,
  responded_at timestamptz not null,
  method text not null,
  path text not null,
  client_id uuid references exchange_client (id),
  agency_id uuid references agency (id),
  jti text,
  official_ref text,
  product_code text,
  purpose text,
  legal_basis text,
  case_reference text,
  status_code integer not null check (status_code between 100 and 599),
  outcome text not null check (outcome ~ '^[a-z_]+(\.[a-z_]+)?$'),
  request_sha256 bytea not null check (octet_length(request_sha256) = 32),
  response_sha256 bytea not null check (octet_length(response_sha256) = 32)
);

create index exchange_log_client_idx on exchange_log (client_id, id desc) where client_id is not null;
create index exchange_log_received_idx on exchange_log (received_at);

create function exchange_log_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'exchange_log is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger exchange_log_no_update_or_delete
  before update or delete on exchange_log
  for each row execute function exchange_log_refuse_change();

create trigger exchange_log_no_truncate
  before truncate on exchange_log
  for each statement execute function exchange_log_refuse_change();

-- The citizen's data tracker: every read of personal data through the exchange (or an officer's view
-- reported by another module). Withheld records (law-enforcement purposes) stay hidden from the subject
-- until withheld_until has passed; 'infinity' means until someone releases it.
create table exchange_access (
  id bigint generated always as identity primary key,
  subject_kind text not null check (subject_kind in ('nik', 'kk', 'nib')),
  subject_index text not null,
  accessed_at timestamptz not null default now(),
  agency_id uuid references agency (id),
  account_id uuid references account (id),
  actor_role text not null check (actor_role <> ''),
  client_id uuid references exchange_client (id),
  -- Null for an officer's view of a record held elsewhere in Loket.
  product_code text references exchange_product (code),
  fields text[] not null,
  purpose text not null,
  legal_basis text not null,
  case_reference text not null,
  channel text not null check (channel in ('application', 'agency_api', 'officer_view')),
  withheld_until timestamptz,
  released_at timestamptz
);

create index exchange_access_subject_idx on exchange_access (subject_index, accessed_at desc, id desc);
create index exchange_access_withheld_idx on exchange_access (withheld_until) where withheld_until is not null;

-- Access records are evidence too: never deleted, and only the withholding may change (a release).
create function exchange_access_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' or (to_jsonb(new) - 'withheld_until' - 'released_at') <> (to_jsonb(old) - 'withheld_until' - 'released_at') then
    raise exception 'exchange_access is append-only: % refused', tg_op
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;

create trigger exchange_access_append_only
  before update or delete on exchange_access
  for each row execute function exchange_access_guard();

-- Fetches queued for later (a submission never waits on a slow registry): the request and, once
-- fetched, the result are sealed under the row's own data key; pg-boss job data carries only the id.
create table exchange_fetch (
  id uuid primary key default gen_random_uuid(),
  product_code text not null references exchange_product (code),
  agency_id uuid references agency (id),
  data_key_id uuid not null references data_key (id),
  request_enc text not null,
  status text not null default 'queued' check (status in ('queued', 'fetched', 'not_found', 'refused', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  result_enc text,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);

create index exchange_fetch_due_idx on exchange_fetch (next_attempt_at) where status = 'queued';
