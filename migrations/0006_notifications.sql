-- Notification outbox (src/platform/notify). A row is written in the same transaction as the change that
-- causes it, so a message exists exactly when that change commits; pg-boss jobs and a periodic sweep then
-- deliver it. The row is the single source of truth for delivery: status, attempts and the time of the
-- next attempt live here, and a node claims a row (pending -> sending) before sending, so two nodes never
-- send the same message.
--
-- Personal data: the recipient (an e-mail address or a phone number) is encrypted with its own data key
-- (envelope encryption, authenticated with the context `notification.recipient:<id>`); the check below
-- refuses anything that is not ciphertext. `params` holds the template parameters the caller chose. A
-- one-time code may be among them, because delivery needs it (and the development mailbox shows it);
-- codes are short-lived, and params are never logged. The rendered text is never stored: it is rebuilt
-- from kind, locale and params.
create table notification (
  id uuid primary key,
  -- A template in notify.templates.ts, e.g. account.verify_contact.
  kind text not null check (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  channel text not null check (channel in ('email', 'sms', 'whatsapp')),
  recipient text not null check (recipient like 'v1.%'),
  data_key_id uuid not null references data_key (id),
  locale text not null check (locale in ('id', 'en')),
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  -- pending: waiting for its next attempt; sending: claimed by a node (next_attempt_at is then the end
  -- of that claim, after which the sweep takes it back); sent; failed: cannot be delivered, no retry
  -- (e.g. channel not configured in production); dead: every attempt failed.
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  -- A short reason such as "smtp EENVELOPE 550"; never an address, a code or a server's free text.
  last_error text check (char_length(last_error) <= 200),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

-- The delivery query (due rows, oldest first). Partial, so it stays as small as the backlog while the
-- table grows with every message ever sent.
create index notification_due_idx on notification (next_attempt_at) where status in ('pending', 'sending');
