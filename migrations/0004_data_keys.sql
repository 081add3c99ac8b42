-- Data keys of envelope encryption: one per subject (person, organisation, document), stored wrapped
-- under a master key whose id sits beside it. Deleting a subject destroys its key (crypto-shredding).
create table data_key (
  id uuid primary key default gen_random_uuid(),
  master_key_id text not null,
  wrapped bytea not null,
  created_at timestamptz not null default now(),
  rotated_at timestamptz
);

create index data_key_master_key_id_idx on data_key (master_key_id);
