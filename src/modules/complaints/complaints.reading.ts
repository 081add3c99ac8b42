import type { AuditActor } from '../../platform/audit/audit.input.ts';
import { can } from '../../platform/auth/actor.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { type ComplaintsContext, followUpHash, handleScope, MAX_PER_PAGE, PER_PAGE, pageOf, staffAuditActor, standing } from './complaints.context.ts';
import type {
  CategorySummary,
  ComplaintsService,
  Paged,
  PublicComplaint,
  QueueFilter,
  RegionOption,
  ReporterComplaint,
  ReporterIdentity,
  StaffComplaint,
  StaffComplaintSummary,
} from './complaints.contract.ts';
import { findDuplicates } from './complaints.duplicates.ts';
import { reporterActions, staffActions, staffSummary, summary, timeline } from './complaints.read-models.ts';
import { redact } from './complaints.redact.ts';
import { type BaseQuery, type ComplaintRow, filterText, OPEN_STATUSES } from './complaints.repository.ts';
import { routeFor } from './complaints.routing.ts';

/** The complaints service's reads: categories, the public list and page, the reporter's view, the staff queues and workspace. */
export function createReading(
  ctx: ComplaintsContext,
): Pick<
  ComplaintsService,
  | 'categories'
  | 'regionChildren'
  | 'suggestDuplicates'
  | 'publicList'
  | 'publicView'
  | 'support'
  | 'reporterView'
  | 'trackingIdForFollowUp'
  | 'myComplaints'
  | 'triageQueue'
  | 'agencyQueue'
  | 'staffView'
  | 'attachmentFor'
> {
  const { deps, db, audit, personalData, clock, repository, storedContact, ownRow } = ctx;

  async function attachments(complaintId: string) {
    const ids = await repository.attachmentIds(complaintId);
    if (ids.length === 0) return [];
    const described = await deps.storage.describeFiles(ids);
    return described.map((f) => ({ fileId: f.id, name: f.name, mediaType: f.mediaType, sizeBytes: f.size }));
  }

  async function publicModel(row: ComplaintRow, now: Date): Promise<PublicComplaint> {
    const regionNames = await repository.regionNames(row.regionCode ? [row.regionCode] : []);
    return {
      ...summary(row, regionNames, now),
      // What the public reads of other people's words: with personal data masked.
      title: redact(row.title),
      description: redact(row.description),
      incidentDate: row.incidentDate,
      timeline: timeline(await repository.events(row.id, ['public']), 'public'),
      resolveDueAt: row.resolveDueAt,
      archiveReason: row.archiveReason,
    };
  }

  const isPublic = (row: ComplaintRow) => !row.isSecret && row.mergedIntoId === null && row.status !== 'unverified';

  async function staffList(rows: ComplaintRow[], total: number, page: number): Promise<Paged<StaffComplaintSummary>> {
    const now = clock();
    const regionNames = await repository.regionNames(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])));
    return { items: rows.map((r) => staffSummary(r, regionNames, now)), total, page, perPage: PER_PAGE };
  }

  function queueFilters<Q extends BaseQuery>(query: Q, filter: QueueFilter): Q {
    let q = query;
    if (filter.status) q = q.where('c.status', '=', filter.status) as Q;
    if (filter.categoryCode) q = q.where('c.categoryCode', '=', filter.categoryCode) as Q;
    if (filter.overdue) q = q.where((eb) => eb.or([eb('c.stageDueAt', '<=', clock()), eb('c.escalationLevel', '>', 0)])) as Q;
    return filterText(q, filter.q);
  }

  async function identityOf(row: ComplaintRow): Promise<ReporterIdentity> {
    if (row.reporterAccountId) {
      const account = await deps.accounts.findById(row.reporterAccountId);
      if (!account) return { name: null, email: null, phone: null, hasAccount: true };
      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      return {
        name: sealer.open('fullName', account.fullNameEnc),
        email: sealer.openOptional('email', account.emailEnc),
        phone: sealer.openOptional('phone', account.phoneEnc),
        hasAccount: true,
      };
    }
    const stored = await storedContact(row);
    return { name: stored.name ?? null, email: stored.email ?? null, phone: stored.phone ?? null, hasAccount: false };
  }

  return {
    async categories(): Promise<CategorySummary[]> {
      const rows = await repository.categories();
      return rows.map((c) => ({
        code: c.code,
        name: { id: c.nameId, en: c.nameEn },
        description: { id: c.descriptionId, en: c.descriptionEn },
        group: c.groupName,
        keywords: c.keywords,
        verifyWorkingDays: c.verifyWorkingDays,
        planWorkingDays: c.planWorkingDays,
        resolveDays: c.resolveDays,
        autoCloseWorkingDays: c.autoCloseWorkingDays,
      }));
    },

    async regionChildren(parentCode: string): Promise<RegionOption[]> {
      // Only a regency's districts or a district's villages: a province's children are the cached regency list.
      if (!/^\d{2}\.\d{2}(\.\d{2})?$/.test(parentCode)) return [];
      return repository.regionChildren(parentCode);
    },

    async suggestDuplicates(draft) {
      const found = await findDuplicates(db, { ...draft, audience: { kind: 'public' } });
      return found.map((d) => ({ ...d, title: redact(d.title) }));
    },

    async publicList(query) {
      const page = pageOf(query.page);
      const perPage = Number.isInteger(query.perPage) ? Math.min(Math.max(1, query.perPage as number), MAX_PER_PAGE) : PER_PAGE;
      let q = repository.base().where('c.isSecret', '=', false).where('c.mergedIntoId', 'is', null).where('c.status', '<>', 'unverified');
      if (query.categoryCode) q = q.where('c.categoryCode', '=', query.categoryCode);
      if (query.status) q = q.where('c.status', '=', query.status);
      if (query.kind) q = q.where('c.kind', '=', query.kind);
      if (query.agencyCode) q = q.where('a.code', '=', query.agencyCode);
      if (query.regionCode) {
        const code = query.regionCode;
        q = q.where((eb) => eb.or([eb('c.regionCode', '=', code), eb('c.regionCode', 'like', `${code.replace(/[\\%_]/g, '')}.%`)]));
      }
      q = filterText(q, query.q);
      const { rows, total } = await repository.paged(q, page, perPage, 'newest');
      const now = clock();
      const regionNames = await repository.regionNames(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])));
      return { items: rows.map((r) => ({ ...summary(r, regionNames, now), title: redact(r.title) })), total, page, perPage };
    },

    async publicView(trackingId) {
      const row = await repository.byTrackingId(trackingId.trim().toUpperCase());
      if (!row || !isPublic(row)) return undefined;
      return publicModel(row, clock());
    },

    async support(trackingId, supporterKey) {
      const row = await repository.byTrackingId(trackingId.trim().toUpperCase());
      if (!row || !isPublic(row) || !/^[0-9a-f]{64}$/.test(supporterKey)) return { ok: false, reason: 'not_found' };
      const count = (await repository.addSupport(row.id, supporterKey, clock())) ?? row.supportCount;
      return { ok: true, reportedBy: 1 + count };
    },

    async reporterView(access, trackingId) {
      const row = await ownRow(access, trackingId);
      if (!row) return undefined;
      const now = clock();
      const events = await repository.events(row.id, ['public', 'reporter']);
      const base = await publicModel(row, now);
      const view: ReporterComplaint = {
        ...base,
        // Their own words, unmasked.
        title: row.title,
        description: row.description,
        isSecret: row.isSecret,
        isAnonymous: row.isAnonymous,
        timeline: timeline(events, 'reporter'),
        actions: reporterActions(row, events),
        attachments: await attachments(row.id),
        autoCloseAt: row.status === 'done' ? row.stageDueAt : null,
      };
      return view;
    },

    async trackingIdForFollowUp(secret) {
      if (typeof secret !== 'string' || secret.length < 16 || secret.length > 200) return undefined;
      return repository.trackingIdByFollowUpHash(followUpHash(secret));
    },

    async myComplaints(accountId, page = 1) {
      const p = pageOf(page);
      const { rows, total } = await repository.paged(repository.base().where('c.reporterAccountId', '=', accountId), p, PER_PAGE, 'newest');
      const now = clock();
      const regionNames = await repository.regionNames(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])));
      return {
        items: rows.map((r) => ({ ...summary(r, regionNames, now), isSecret: r.isSecret, isAnonymous: r.isAnonymous })),
        total,
        page: p,
        perPage: PER_PAGE,
      };
    },

    async triageQueue(actor, filter) {
      if (!can(actor, 'complaint.triage')) return { items: [], total: 0, page: 1, perPage: PER_PAGE };
      const page = pageOf(filter.page);
      let q = repository
        .base()
        .where((eb) =>
          eb.or([
            eb.and([eb('c.status', '=', 'unverified'), eb('c.agencyId', 'is', null)]),
            eb.and([eb('c.escalationLevel', '>=', 2), eb('c.status', 'in', [...OPEN_STATUSES])]),
          ]),
        );
      q = queueFilters(q, filter);
      const { rows, total } = await repository.paged(q, page, PER_PAGE, 'deadline');
      return staffList(rows, total, page);
    },

    async agencyQueue(actor, filter) {
      const scope = handleScope(actor);
      if (scope !== 'all' && scope.agencies.size === 0 && scope.units.size === 0) return { items: [], total: 0, page: 1, perPage: PER_PAGE };
      const page = pageOf(filter.page);
      let q = repository.base().where('c.agencyId', 'is not', null);
      if (scope !== 'all') {
        // Whole agencies, and for a grant limited to units: those units' reports and the ones not yet given to a unit.
        q = q.where((eb) =>
          eb.or([
            ...(scope.agencies.size > 0 ? [eb('c.agencyId', 'in', [...scope.agencies])] : []),
            ...[...scope.units].map(([agencyId, units]) =>
              eb.and([eb('c.agencyId', '=', agencyId), eb.or([eb('c.unitId', 'is', null), eb('c.unitId', 'in', [...units])])]),
            ),
          ]),
        );
      }
      if (!filter.status) q = q.where('c.status', '<>', 'archived');
      q = queueFilters(q, filter);
      const { rows, total } = await repository.paged(q, page, PER_PAGE, 'deadline');
      return staffList(rows, total, page);
    },

    async attachmentFor(reader, trackingId, fileId, origin) {
      if (!isUuid(fileId)) return undefined;
      let row: ComplaintRow | undefined;
      let actor: AuditActor;
      if (reader.kind === 'staff') {
        row = await repository.byTrackingId(trackingId.trim().toUpperCase());
        const s = row ? standing(reader.actor, row) : undefined;
        if (!row || !s) return undefined;
        actor = staffAuditActor(reader.actor, s, row.agencyId);
      } else {
        row = await ownRow(reader.access, trackingId);
        if (!row) return undefined;
        actor = { accountId: row.reporterAccountId, role: 'citizen', agencyId: null };
      }
      if (!(await repository.attachmentIds(row.id)).includes(fileId)) return undefined;
      const complaint = row;
      await db.transaction().execute(async (trx) => {
        await audit.record(
          {
            actor,
            // What staff open of a person's evidence is shown to that person as a read of their data.
            action: reader.kind === 'staff' ? 'personal_data.read' : 'attachment.downloaded',
            subject: { type: 'complaint', id: complaint.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { fileId, via: 'attachment' },
          },
          trx,
        );
        if (reader.kind !== 'staff' || !complaint.reporterAccountId || !deps.onPersonalDataViewed) return;
        await deps.onPersonalDataViewed(trx, {
          subjectAccountId: complaint.reporterAccountId,
          viewer: actor,
          fields: ['complaint_attachments'],
          caseReference: complaint.trackingId,
        });
      });
      return fileId;
    },

    async staffView(actor, trackingId, origin) {
      const row = await repository.byTrackingId(trackingId.trim().toUpperCase());
      if (!row) return undefined;
      const s = standing(actor, row);
      if (!s) return undefined;
      const now = clock();
      const regionNames = await repository.regionNames(row.regionCode ? [row.regionCode] : []);
      // Who reported it: the desk always; the agency only when the report is not anonymous.
      const mayKnowReporter = s.desk || !row.isAnonymous;
      const route = await routeFor(db, row.categoryCode, row.regionCode);
      const suggested = row.suggestedAgencyId ? await repository.agencyById(row.suggestedAgencyId) : undefined;
      const mergedInto = row.mergedIntoId ? await repository.byId(row.mergedIntoId) : undefined;
      const view: StaffComplaint = {
        ...staffSummary(row, regionNames, now),
        description: row.description,
        incidentDate: row.incidentDate,
        resolveDueAt: row.resolveDueAt,
        archiveReason: row.archiveReason,
        suggestedAgency: suggested ?? null,
        applicationTrackingNumber: mayKnowReporter && row.applicationId ? await repository.applicationTrackingNumber(row.applicationId) : null,
        mergedInto: mergedInto?.trackingId ?? null,
        timeline: timeline(await repository.events(row.id, ['public', 'reporter', 'internal']), 'staff'),
        attachments: await attachments(row.id),
        duplicates: await findDuplicates(db, {
          title: row.title,
          description: row.description,
          latitude: row.latitude,
          longitude: row.longitude,
          excludeId: row.id,
          audience: s.desk ? { kind: 'desk' } : { kind: 'agencies', agencyIds: s.agencyIds === 'all' ? [] : s.agencyIds },
        }),
        routedTo: route ?? null,
        actions: staffActions(row, s),
      };
      if (mayKnowReporter) {
        const reporter = await identityOf(row);
        view.reporter = reporter;
        const viewer = staffAuditActor(actor, s, row.agencyId);
        const reporterAccountId = row.reporterAccountId;
        // Reading a reporter's identity is personal-data access: recorded, without the data itself.
        await db.transaction().execute(async (trx) => {
          await audit.record(
            {
              actor: viewer,
              action: 'personal_data.read',
              subject: { type: 'complaint', id: row.id },
              ip: origin.ip,
              requestId: origin.requestId,
              details: { purpose: 'complaint_handling' },
            },
            trx,
          );
          if (!reporterAccountId || !deps.onPersonalDataViewed) return;
          const fields = [
            ...(reporter.name !== null ? ['reporter_name'] : []),
            ...(reporter.email !== null ? ['reporter_email'] : []),
            ...(reporter.phone !== null ? ['reporter_phone'] : []),
          ];
          await deps.onPersonalDataViewed(trx, { subjectAccountId: reporterAccountId, viewer, fields, caseReference: row.trackingId });
        });
      }
      return view;
    },
  };
}
