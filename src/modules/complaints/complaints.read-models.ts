import { DAY_MS, type StaffStanding } from './complaints.context.ts';
import type { Place, PublicComplaintSummary, ReporterActions, StaffActionType, StaffComplaintSummary, TimelineEntry } from './complaints.contract.ts';
import { redact } from './complaints.redact.ts';
import { AGENCY_OPEN_STATUSES, agencyRef, type ComplaintRow, type EventRow, unitRef } from './complaints.repository.ts';

// The read models' pure parts: one report row (and its events) as each audience may see it.

export function place(row: ComplaintRow, regionNames: Map<string, string>): Place {
  return {
    regionCode: row.regionCode,
    regionName: row.regionCode ? (regionNames.get(row.regionCode) ?? null) : null,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

export function summary(row: ComplaintRow, regionNames: Map<string, string>, now: Date): PublicComplaintSummary {
  const end = row.respondedAt ?? row.closedAt ?? now;
  return {
    trackingId: row.trackingId,
    kind: row.kind,
    category: { code: row.categoryCode, name: { id: row.categoryNameId, en: row.categoryNameEn } },
    title: row.title,
    status: row.status,
    agency: agencyRef(row),
    place: place(row, regionNames),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    respondedAt: row.respondedAt,
    closedAt: row.closedAt,
    daysTaken: Math.max(0, Math.floor((end.getTime() - row.createdAt.getTime()) / DAY_MS)),
    reportedBy: 1 + row.supportCount,
    rating: row.rating,
  };
}

export function staffSummary(row: ComplaintRow, regionNames: Map<string, string>, now: Date): StaffComplaintSummary {
  const clockState =
    row.stage && row.stageDueAt && row.stageDueAt <= now ? 'breached' : row.stage && row.stageWarnAt && row.stageWarnAt <= now ? 'warned' : 'on_time';
  return {
    ...summary(row, regionNames, now),
    isSecret: row.isSecret,
    isAnonymous: row.isAnonymous,
    stage: row.stage,
    stageDueAt: row.stageDueAt,
    clock: clockState,
    escalationLevel: row.escalationLevel,
    unit: unitRef(row),
    channel: row.channel,
  };
}

export function timeline(events: EventRow[], audience: 'public' | 'reporter' | 'staff'): TimelineEntry[] {
  return events.map((e) => ({
    id: Number(e.id),
    occurredAt: e.occurredAt,
    kind: e.kind,
    actorRole: e.actorRole,
    agency: agencyRef(e),
    visibility: e.visibility,
    message: e.message === null ? null : audience === 'public' ? redact(e.message) : e.message,
    details: (e.details ?? {}) as Record<string, unknown>,
  }));
}

export function staffActions(row: ComplaintRow, s: StaffStanding): StaffActionType[] {
  const actions: StaffActionType[] = [];
  if (s.desk && row.status === 'unverified') actions.push('forward', 'archive', 'merge');
  const open = (AGENCY_OPEN_STATUSES as readonly string[]).includes(row.status);
  if (s.handler) {
    if (row.status === 'not_followed_up') actions.push('plan', 'message', 'postpone');
    if (row.status === 'in_process') actions.push('message', 'respond', 'postpone');
    if (row.status === 'postponed') actions.push('resume');
  }
  if ((s.desk || s.supervisor) && open) actions.push('reroute');
  if (s.desk || (s.handler && row.status !== 'archived' && row.status !== 'closed')) actions.push('set_flags');
  actions.push('note');
  return actions;
}

export function reporterActions(row: ComplaintRow, events: EventRow[]): ReporterActions {
  let informationRequested = false;
  for (const e of events) {
    if (e.kind === 'information_requested') informationRequested = true;
    if (e.kind === 'reporter_reply') informationRequested = false;
  }
  const replyable = ['unverified', 'not_followed_up', 'in_process', 'postponed'].includes(row.status);
  return {
    canReply: replyable,
    informationRequested: informationRequested && replyable,
    canAccept: row.status === 'done',
    canReject: row.status === 'done' && !row.reopened,
    canRate: (row.status === 'done' || row.status === 'closed') && row.respondedAt !== null && row.rating === null,
  };
}
