-- Platform tables: key-value metadata and the rate-limit counters shared by every node.

create extension if not exists pg_trgm;

create table platform_meta (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Counters are short-lived and rebuilt by traffic: unlogged keeps them off the WAL.
create unlogged table rate_limit_counter (
  key text primary key,
  hits integer not null,
  expires_at timestamptz not null
);

create index rate_limit_counter_expires_at_idx on rate_limit_counter (expires_at);
