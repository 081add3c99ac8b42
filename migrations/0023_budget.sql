-- Budget transparency (issue 9): each agency publishes its budget ceiling (pagu) and realization per
-- programme for a fiscal year, uploaded as a CSV by its admin. An upload replaces that agency's lines
-- for the year in one transaction; every upload is kept (who, when, totals, file hash), so a changed
-- figure can be traced to the upload that changed it. Owned by the transparency module.

create table budget_upload (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  uploaded_by uuid not null references account (id),
  uploaded_at timestamptz not null default now(),
  file_name text not null check (length(file_name) <= 255),
  file_sha256 bytea not null check (octet_length(file_sha256) = 32),
  line_count integer not null check (line_count > 0),
  budget_total numeric(20, 2) not null check (budget_total >= 0),
  realization_total numeric(20, 2) not null check (realization_total >= 0)
);

create index budget_upload_agency_idx on budget_upload (agency_id, fiscal_year, uploaded_at desc);

create table budget_line (
  agency_id uuid not null references agency (id),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  programme_code text not null check (programme_code ~ '^[A-Za-z0-9][A-Za-z0-9.\-]{0,39}$'),
  programme_name text not null check (length(programme_name) between 1 and 300),
  -- The services the programme pays for (codes of this agency's services), so the dashboard can show
  -- spending beside the performance it buys.
  service_ids uuid[] not null default '{}',
  budget numeric(18, 2) not null check (budget >= 0),
  realization numeric(18, 2) not null check (realization >= 0 and realization <= budget),
  as_of date not null,
  upload_id uuid not null references budget_upload (id),
  primary key (agency_id, fiscal_year, programme_code)
);

-- The open-data file lists every line in (fiscal year, agency, programme) order.
create index budget_line_year_idx on budget_line (fiscal_year, agency_id, programme_code);
