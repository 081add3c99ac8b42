-- Ed25519 keys that sign issued documents (issue 5). Each agency signs with its own key; a row without
-- an agency is the platform's key. Rotation retires the active key and creates a new one; a retired key
-- is kept and published so that documents it signed still verify. The private key never sits in clear:
-- its PKCS#8 DER is sealed with envelope encryption under the row's own data key, with a context that
-- names the table, the column and the kid, so a sealed key copied to another row does not open.

create table signing_key (
  -- The kid: a short fingerprint of the public key (SHA-256, base64url), published in the JWKS.
  id text primary key check (id ~ '^[A-Za-z0-9_-]{16}$'),
  agency_id uuid references agency (id),
  public_key bytea not null check (length(public_key) = 32),
  data_key_id uuid not null references data_key (id),
  private_key_enc text not null,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  check ((status = 'retired') = (retired_at is not null))
);

-- At most one active key per agency, and one platform key (NULLS NOT DISTINCT: PostgreSQL 15).
create unique index signing_key_one_active_idx on signing_key (agency_id) nulls not distinct where status = 'active';
create index signing_key_agency_idx on signing_key (agency_id);
