-- The work queue at national scale (docs/scaling.md, section 7): an agency can hold hundreds of
-- thousands of open applications, and each page view must not visit them all.

-- The queue's page order (vulnerable applicants first, then by due date), so the first page is the
-- first 25 entries of an index scan instead of a sort of every open item of the agency.
create index application_queue_order_idx on application (agency_id, (priority_group is null), due_at, step_due_at, tracking_number)
  where step_id is not null;

-- The "overdue" and "near the limit" counts and filters: late by the clock, or flagged by the SLA sweep.
create index application_queue_late_idx on application (agency_id, (coalesce(step_due_at, due_at))) where step_id is not null;
create index application_queue_sla_idx on application (agency_id, sla_state) where step_id is not null and sla_state <> 'on_time';
