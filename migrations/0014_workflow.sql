-- Issue 5: workflows versioned with the service, where each application stands in its workflow, the
-- clock pauses while the agency waits for the applicant, SLA alerts, internal notes, fees, issued
-- documents, and the domain outbox whose inserts are announced with NOTIFY for live pages.
alter table service_version drop column workflow_ref;

-- The workflow is data beside the rest of the version (validated by src/modules/workflow/workflow.schema.ts).
-- Null means the platform's standard workflow (workflow.defaults.ts), so versions published before this
-- migration keep working.
alter table service_version add column workflow jsonb;

-- Where the application stands. step_id is null once the application is closed (decided and issued,
-- rejected or withdrawn) or before its workflow starts.
alter table application
  add column step_id text check (step_id ~ '^[a-z][a-z0-9-]{0,39}$'),
  -- Increases on every step entered: SLA alerts are keyed on it, so a step entered twice alerts twice.
  add column step_seq integer not null default 0,
  -- Set by "forward to another unit": overrides the step's responsible unit until the step changes.
  add column forwarded_unit_code text,
  -- The effective queue: the unit (null: any unit of the agency) and role that must act now.
  add column queue_unit_code text,
  add column queue_role text check (queue_role in ('officer', 'supervisor', 'agency_admin')),
  add column assignee_id uuid references account (id),
  add column assigned_at timestamptz,
  add column checklist_done text[] not null default '{}',
  add column step_started_at timestamptz,
  -- The step's share of the time limit, as instants of the agency's working calendar; both move later
  -- by the working time spent waiting for the applicant.
  add column step_warn_at timestamptz,
  add column step_due_at timestamptz,
  add column sla_state text not null default 'on_time' check (sla_state in ('on_time', 'warned', 'breached')),
  add column breach_count integer not null default 0,
  -- Set when repeated breaches move the application into the agency head's queue.
  add column escalated_at timestamptz,
  add column fee_paid_at timestamptz,
  add column decided_at timestamptz,
  add column closed_at timestamptz;

-- Work queues: per agency, unit and role, open items by priority group then due date.
create index application_work_queue_idx on application (agency_id, queue_unit_code, queue_role, due_at) where step_id is not null;
create index application_assignee_idx on application (assignee_id, due_at) where assignee_id is not null and step_id is not null;
-- The SLA sweep: open, running items whose warning or due instant has passed.
create index application_sla_idx on application (step_warn_at) where step_id is not null and status <> 'information_requested';

-- Stretches of time the agency waited for the applicant; ended_at is null while still waiting.
create table application_pause (
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  started_at timestamptz not null,
  ended_at timestamptz,
  primary key (application_id, started_at),
  check (ended_at is null or ended_at >= started_at)
);

-- At most one open pause per application.
create unique index application_pause_open_idx on application_pause (application_id) where ended_at is null;

-- Each SLA alert fires once per application, step entry and kind, however many nodes sweep at once:
-- the primary key decides.
create table sla_alert (
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  step_seq integer not null,
  kind text not null check (kind in ('warning', 'breach', 'escalation')),
  fired_at timestamptz not null default now(),
  primary key (application_id, step_seq, kind)
);

create index sla_alert_agency_idx on sla_alert (agency_id, fired_at);

-- Internal notes: staff only, never shown to the applicant; the body is encrypted under the
-- application's data key.
create table application_note (
  id bigint generated always as identity primary key,
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  author_id uuid not null references account (id),
  body_enc text not null,
  created_at timestamptz not null default now()
);

create index application_note_application_idx on application_note (application_id, created_at);

-- Fees: a billing code per application whose service has a cost. The payment provider confirms a
-- payment through a signed webhook; each provider event is processed once.
create table application_bill (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  billing_code text not null unique check (billing_code ~ '^[0-9]{10,20}$'),
  amount bigint not null check (amount > 0),
  status text not null default 'unpaid' check (status in ('unpaid', 'paid', 'expired', 'cancelled')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  paid_at timestamptz,
  provider_reference text,
  check ((status = 'paid') = (paid_at is not null))
);

-- One bill awaiting payment per application at a time.
create unique index application_bill_open_idx on application_bill (application_id) where status in ('unpaid', 'paid');

create table payment_event (
  provider_event_id text primary key check (length(provider_event_id) between 1 and 100),
  bill_id uuid references application_bill (id),
  kind text not null,
  received_at timestamptz not null default now()
);

-- Documents issued on approval. `fields` holds only what the public verification page shows (the
-- minimum) and is exactly what was signed; the PDF is an encrypted stored file.
create table issued_document (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references application (id),
  agency_id uuid not null references agency (id),
  number text not null unique check (length(number) between 6 and 60),
  signing_key_id text not null references signing_key (id),
  fields jsonb not null,
  signature text not null,
  qr_payload text not null,
  file_id uuid references stored_file (id),
  issued_by uuid references account (id),
  issued_at timestamptz not null default now(),
  valid_until date,
  revoked_at timestamptz,
  revoked_by uuid references account (id),
  revocation_reason text,
  check ((revoked_at is null) = (revocation_reason is null))
);

-- One document per application (a re-issue revokes and replaces it in a later version).
create unique index issued_document_application_idx on issued_document (application_id) where revoked_at is null;
create index issued_document_agency_idx on issued_document (agency_id, issued_at);

-- The domain outbox: written in the transaction of the change it reports, consumed by jobs (rollups,
-- notifications of other modules) and announced to live pages. Payloads carry ids and codes, never
-- personal data, because they travel in clear.
create table outbox_event (
  id bigint generated always as identity primary key,
  topic text not null check (topic ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  aggregate_id uuid not null,
  agency_id uuid references agency (id),
  payload jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create index outbox_event_created_idx on outbox_event (created_at);

-- NOTIFY is delivered at commit to every listening node, so each node's live pages hear of every change
-- made on any node. The payload is small and personal-data free.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('loket_events', json_build_object(
    'id', new.id, 'topic', new.topic, 'aggregateId', new.aggregate_id, 'agencyId', new.agency_id)::text);
  return new;
end;
$$;

create trigger outbox_event_notify after insert on outbox_event for each row execute function outbox_event_notify();
