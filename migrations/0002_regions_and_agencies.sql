-- Kemendagri region codes and the agencies (instansi) that publish services, with their units.

create table region (
  code text primary key check (code ~ '^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$'),
  parent_code text references region (code),
  level text not null check (level in ('province', 'regency', 'district', 'village')),
  name text not null
);

create index region_parent_code_idx on region (parent_code);

create table agency (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  level text not null check (level in ('national', 'provincial', 'regency', 'city')),
  region_code text references region (code),
  name_id text not null,
  name_en text not null,
  website text,
  created_at timestamptz not null default now(),
  check ((level = 'national') = (region_code is null))
);

create table agency_unit (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name_id text not null,
  name_en text not null,
  street_address text not null,
  region_code text not null references region (code),
  postal_code text check (postal_code ~ '^\d{5}$'),
  time_zone text not null check (time_zone in ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  opening_hours jsonb not null default '[]',
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  phone text,
  email text,
  created_at timestamptz not null default now(),
  unique (agency_id, code)
);
