-- Issue 9: the public transparency dashboard. Pages read small daily rollups only, never the
-- applications or complaints themselves, so a page costs the same at ten thousand or ten million.
--
-- How the rollups stay right (src/modules/transparency/transparency.fold.ts):
-- - Every application and complaint has one "fact" row holding what the rollups count for it now
--   (its received day, completed day, duration bucket, …). Folding an item recomputes its fact from
--   the base tables and applies only the difference to the rollups, so folding the same item twice,
--   or on two nodes, never double counts.
-- - Which items to fold: everything after a watermark on application_event.id / complaint_event.id
--   (every change writes a timeline event, seeded data included), and on the first run a backfill
--   walking the base tables by id.
-- - One transaction per batch, holding the watermark row's lock (select … for update): two nodes
--   folding at once take turns.
-- Days are local dates in WIB (Asia/Jakarta), as the national dashboard reads them.

create table transparency_watermark (
  source text primary key check (source in ('application', 'complaint')),
  -- Events up to this id are folded.
  last_event_id bigint not null default 0,
  -- The backfill walks the base table by id; null before it starts or once it is done.
  backfill_after uuid,
  backfill_done boolean not null default false,
  -- When the rollups last caught up: the pages' "updated N minutes ago".
  folded_at timestamptz
);

insert into transparency_watermark (source) values ('application'), ('complaint');

-- What the rollups count for each application. unit_id is the last unit seen handling it (the
-- workflow clears the queue unit on closing, so the fact keeps the one it saw).
create table transparency_application_fact (
  application_id uuid primary key,
  agency_id uuid not null,
  service_id uuid not null,
  unit_id uuid,
  received_on date not null,
  -- Completed: decided (approved, issued or rejected); withdrawn applications are neither completed nor open.
  completed_on date,
  -- Completion time in calendar days, rounded up (0 for the same hour), capped at 366.
  duration_days smallint,
  on_time boolean,
  is_open boolean not null,
  -- Local date of the time limit, for "overdue" in the backlog.
  due_on date not null
);

-- One row per day, agency, service and unit. Each column counts on its own kind of day:
-- received on the filing day; completed, on_time on the completion day; open_by_received counts
-- applications still open by their filing day (the backlog's age); open_by_due counts them by the day
-- their time limit ends (overdue = days before today).
create table transparency_application_daily (
  day date not null,
  agency_id uuid not null,
  service_id uuid not null,
  unit_id uuid,
  received integer not null default 0,
  completed integer not null default 0,
  completed_on_time integer not null default 0,
  open_by_received integer not null default 0,
  open_by_due integer not null default 0,
  constraint transparency_application_daily_key unique nulls not distinct (day, agency_id, service_id, unit_id)
);

create index transparency_application_daily_agency_idx on transparency_application_daily (agency_id, day);
create index transparency_application_daily_service_idx on transparency_application_daily (service_id, day);
create index transparency_application_daily_day_idx on transparency_application_daily (day);

-- Completion times as a histogram per completion day: medians and 90th percentiles come from
-- bucket counts, never from the applications.
create table transparency_application_duration (
  day date not null,
  agency_id uuid not null,
  service_id uuid not null,
  unit_id uuid,
  duration_days smallint not null,
  completed integer not null default 0,
  constraint transparency_application_duration_key unique nulls not distinct (day, agency_id, service_id, unit_id, duration_days)
);

create index transparency_application_duration_agency_idx on transparency_application_duration (agency_id, day);
create index transparency_application_duration_service_idx on transparency_application_duration (service_id, day);
create index transparency_application_duration_day_idx on transparency_application_duration (day);

-- What the rollups count for each complaint (merged-away reports count in the one they merged into).
create table transparency_complaint_fact (
  complaint_id uuid primary key,
  -- Null while the complaints desk triages it.
  agency_id uuid,
  unit_id uuid,
  received_on date,
  forwarded_on date,
  forwarded_on_time boolean,
  resolved_on date,
  resolved_on_time boolean,
  rated_on date,
  rating smallint,
  is_open boolean not null,
  -- Local date the current stage's deadline ends, while open with the agency.
  due_on date
);

-- As transparency_application_daily: received on the filing day, forwarded on the forwarding day,
-- resolved on the response day, ratings on the rating day, open_by_due by the stage deadline's day.
create table transparency_complaint_daily (
  day date not null,
  agency_id uuid,
  unit_id uuid,
  received integer not null default 0,
  forwarded integer not null default 0,
  forwarded_on_time integer not null default 0,
  resolved integer not null default 0,
  resolved_on_time integer not null default 0,
  ratings integer not null default 0,
  rating_sum integer not null default 0,
  open integer not null default 0,
  open_by_due integer not null default 0,
  constraint transparency_complaint_daily_key unique nulls not distinct (day, agency_id, unit_id)
);

create index transparency_complaint_daily_agency_idx on transparency_complaint_daily (agency_id, day);
create index transparency_complaint_daily_day_idx on transparency_complaint_daily (day);
