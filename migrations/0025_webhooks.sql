-- Webhooks for agency systems (issue 10). An agency subscribes a target URL to event types; each
-- event of that agency becomes one message per subscription, delivered (signed per Standard
-- Webhooks) by jobs with retries, and every attempt is logged. The signing secret is Loket's own
-- and sits sealed under the subscription's data key, like signing_key.private_key_enc.

create table webhook_subscription (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agency (id),
  target_url text not null check (length(target_url) <= 2000),
  description text not null default '' check (length(description) <= 200),
  event_types text[] not null check (cardinality(event_types) between 1 and 20),
  data_key_id uuid not null references data_key (id),
  secret_enc text not null,
  enabled boolean not null default true,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create index webhook_subscription_agency_idx on webhook_subscription (agency_id, created_at desc);

-- Outbox events still to fan out. The trigger below fills it in the transaction that wrote the
-- event, so an event is captured exactly when it committed: a cursor over outbox ids would skip an
-- event whose transaction took its id early but committed late. Only events written now are
-- captured (created_at defaults to the transaction's now()): rows a restore or a bulk seed copies in
-- keep their past created_at, and must not be sent again or to subscriptions made after them.
create table webhook_inbox (
  outbox_event_id bigint primary key references outbox_event (id) on delete cascade
);

-- Most agencies subscribe nothing: one index probe spares the submission path an insert (and its
-- WAL) per event for them.
create function webhook_capture() returns trigger language plpgsql as $$
begin
  if exists (select 1 from webhook_subscription where agency_id = new.agency_id and enabled) then
    insert into webhook_inbox (outbox_event_id) values (new.id);
  end if;
  return new;
end;
$$;

create trigger webhook_capture after insert on outbox_event for each row
  when (new.agency_id is not null and new.created_at >= now()
        and new.topic in ('application.changed', 'document.issued', 'complaint.forwarded'))
  execute function webhook_capture();

-- One event for one subscription. The body is kept byte for byte so that a redelivery sends the
-- same message (same webhook-id) with only a fresh timestamp and signature.
create table webhook_message (
  id text primary key check (id ~ '^msg_[A-Za-z0-9]{20,40}$'),
  subscription_id uuid not null references webhook_subscription (id),
  agency_id uuid not null references agency (id),
  event_type text not null,
  -- No foreign key: the outbox may be pruned while its messages stay in the delivery log.
  outbox_event_id bigint not null,
  body text not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  -- The node running an attempt holds the message until then; a crashed node's lease runs out.
  lease_until timestamptz,
  last_status_code integer,
  last_error_class text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (subscription_id, outbox_event_id),
  check ((state = 'pending') = (next_attempt_at is not null))
);

create index webhook_message_subscription_idx on webhook_message (subscription_id, created_at desc);
create index webhook_message_due_idx on webhook_message (next_attempt_at) where state = 'pending';

-- The delivery log: one row per attempt.
create table webhook_attempt (
  id bigint generated always as identity primary key,
  message_id text not null references webhook_message (id),
  agency_id uuid not null references agency (id),
  attempt integer not null,
  manual boolean not null default false,
  attempted_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  error_class text,
  next_attempt_at timestamptz
);

create index webhook_attempt_message_idx on webhook_attempt (message_id, id);
