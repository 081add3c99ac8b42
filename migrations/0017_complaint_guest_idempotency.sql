-- Guests share one idempotency key space (the key is random per form), as findByIdempotencyKey reads
-- it. The first index keyed guests by their follow-up hash, which is random per filing, so two
-- concurrent posts of one guest form could both commit; this one makes the second wait and replay.
drop index complaint_idempotency_idx;
create unique index complaint_idempotency_idx
  on complaint (coalesce(reporter_account_id::text, open311_key_id::text, ''), idempotency_key)
  where idempotency_key is not null;
