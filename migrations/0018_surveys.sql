-- Issue 9: the satisfaction survey (SKM, PermenPANRB 14/2017) and its index (IKM).
--
-- Two tables, deliberately not joined (and survey_daily, their sums per day, at the end): an invitation knows whose application or closed complaint it
-- is (so that each gets one answer), a response knows only what it rates (agency, unit, service,
-- channel, day). Nothing in a response names the person, their application or their invitation, and
-- responses carry a day, not a time, so they cannot be matched to an invitation by when it was used.

create table survey_invitation (
  id uuid primary key default gen_random_uuid(),
  subject_kind text not null check (subject_kind in ('application', 'complaint')),
  -- The application's or complaint's id: unique per kind, so each is invited (and answered) once.
  subject_id uuid not null,
  -- Its tracking number (application) or tracking id (complaint), as printed on the receipt: what the
  -- counter's officer types to open the kiosk, and what the invitation message names.
  reference text not null,
  agency_id uuid not null references agency (id),
  unit_id uuid references agency_unit (id),
  service_id uuid references service (id),
  -- sha-256 of the link's token. The token itself is an HMAC of the id under a server key, so the page
  -- of the application can show the link again, while a copy of this table opens no survey.
  token_hash text not null unique,
  invited_at timestamptz not null default now(),
  -- Only that it was used, never when: a time here could be matched with a response's.
  used boolean not null default false,
  unique (subject_kind, subject_id)
);

create index survey_invitation_reference_idx on survey_invitation (reference);
-- The period's population (people served) per agency.
create index survey_invitation_agency_idx on survey_invitation (agency_id, invited_at);

create table survey_response (
  -- Random, so that the order of ids says nothing about the order of answers.
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  unit_id uuid references agency_unit (id),
  service_id uuid references service (id),
  -- What was rated: an application's service, or the handling of a complaint.
  subject_kind text not null check (subject_kind in ('application', 'complaint')),
  -- Where the answer was given: online, entered by staff from a paper form at the counter, or on the counter's kiosk.
  channel text not null check (channel in ('online', 'counter', 'kiosk')),
  answered_on date not null,
  -- The nine SKM elements, 1 (not good) to 4 (very good).
  u1 smallint not null check (u1 between 1 and 4),
  u2 smallint not null check (u2 between 1 and 4),
  u3 smallint not null check (u3 between 1 and 4),
  u4 smallint not null check (u4 between 1 and 4),
  u5 smallint not null check (u5 between 1 and 4),
  u6 smallint not null check (u6 between 1 and 4),
  u7 smallint not null check (u7 between 1 and 4),
  u8 smallint not null check (u8 between 1 and 4),
  u9 smallint not null check (u9 between 1 and 4),
  comment text check (char_length(comment) <= 2000),
  -- The optional respondent profile: coarse bands only, as the SKM form asks them.
  age_band text check (age_band in ('under_20', '20_29', '30_39', '40_49', '50_59', '60_plus')),
  sex text check (sex in ('female', 'male')),
  education text check (education in ('none', 'primary', 'junior', 'senior', 'diploma', 'bachelor', 'postgraduate')),
  occupation text check (occupation in ('civil_servant', 'military_police', 'private_employee', 'self_employed', 'student', 'other'))
);

-- The index is asked for per agency, unit and service over a period: each query is a range over answered_on.
create index survey_response_agency_idx on survey_response (agency_id, answered_on);
create index survey_response_unit_idx on survey_response (unit_id, answered_on) where unit_id is not null;
create index survey_response_service_idx on survey_response (service_id, answered_on) where service_id is not null;
create index survey_response_day_idx on survey_response (answered_on);

-- What the index reads: per day and group (agency, unit, service, kind), the people served (invitations
-- made) and the answers' count and element sums, kept in step in the transactions that invite and
-- answer. An index over a year is then a sum over at most 366 rows per group, however many millions
-- were served. A unit or service that does not apply is the zero uuid, so that the key is a plain
-- primary key. A row holds no more than the responses of its day already do.
create table survey_daily (
  agency_id uuid not null references agency (id),
  day date not null,
  unit_key uuid not null,
  service_key uuid not null,
  subject_kind text not null check (subject_kind in ('application', 'complaint')),
  served integer not null default 0 check (served >= 0),
  respondents integer not null default 0 check (respondents >= 0),
  s1 integer not null default 0,
  s2 integer not null default 0,
  s3 integer not null default 0,
  s4 integer not null default 0,
  s5 integer not null default 0,
  s6 integer not null default 0,
  s7 integer not null default 0,
  s8 integer not null default 0,
  s9 integer not null default 0,
  primary key (agency_id, day, unit_key, service_key, subject_kind)
);

create index survey_daily_day_idx on survey_daily (day);
create index survey_daily_unit_idx on survey_daily (unit_key, day);
create index survey_daily_service_idx on survey_daily (service_key, day);
