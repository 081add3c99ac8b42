-- Accounts of citizens and staff, organisations (businesses by NIB), staff roles, sessions and
-- one-time codes. Personal data is encrypted per account (envelope encryption, data_key); exact
-- lookups go through keyed blind indexes, so a dump shows no NIK, name, e-mail or phone in clear.

create table account (
  id uuid primary key,
  kind text not null check (kind in ('citizen', 'staff')),
  data_key_id uuid not null references data_key (id),
  nik_index text unique,
  nik_enc text,
  full_name_enc text not null,
  birth_date_enc text,
  email_index text unique,
  email_enc text,
  email_verified_at timestamptz,
  phone_index text unique,
  phone_enc text,
  phone_verified_at timestamptz,
  password_hash text not null,
  locale text not null default 'id' check (locale in ('id', 'en')),
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  -- The last accepted TOTP time step: a code is never accepted twice.
  totp_last_step bigint,
  status text not null default 'active' check (status in ('active', 'disabled')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind = 'staff' or nik_index is not null),
  check (email_index is not null or phone_index is not null)
);

create table recovery_code (
  account_id uuid not null references account (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (account_id, code_hash)
);

create table staff_role (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id) on delete cascade,
  role text not null check (role in ('officer', 'supervisor', 'agency_admin', 'complaints_desk', 'auditor', 'platform_admin')),
  -- Null only for the cross-agency roles.
  agency_id uuid references agency (id),
  unit_id uuid references agency_unit (id),
  granted_by uuid references account (id),
  granted_at timestamptz not null default now(),
  check (agency_id is not null or role in ('auditor', 'platform_admin')),
  check (unit_id is null or agency_id is not null)
);

create unique index staff_role_unique_idx on staff_role (account_id, role, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'), coalesce(unit_id, '00000000-0000-0000-0000-000000000000'));
create index staff_role_agency_idx on staff_role (agency_id, role);

create table organisation (
  id uuid primary key default gen_random_uuid(),
  nib_index text not null unique,
  nib_enc text not null,
  -- A business's registered name is public information, not personal data.
  name text not null,
  data_key_id uuid not null references data_key (id),
  created_at timestamptz not null default now()
);

create table organisation_member (
  organisation_id uuid not null references organisation (id) on delete cascade,
  account_id uuid not null references account (id) on delete cascade,
  role text not null check (role in ('owner', 'staff')),
  added_at timestamptz not null default now(),
  primary key (organisation_id, account_id)
);

create index organisation_member_account_idx on organisation_member (account_id);

-- Only a hash of the session id is stored: a copy of this table opens no session.
create table session (
  id_hash text primary key,
  account_id uuid not null references account (id) on delete cascade,
  kind text not null check (kind in ('web', 'api')),
  -- Staff sign-in is complete only after TOTP.
  mfa_verified boolean not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  idle_timeout_seconds integer not null,
  expires_at timestamptz not null,
  user_agent text,
  revoked_at timestamptz
);

create index session_account_idx on session (account_id) where revoked_at is null;
create index session_expires_idx on session (expires_at);

create table verification_code (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);

create index verification_code_account_idx on verification_code (account_id, created_at desc);
