import { type Expression, type SqlBool, sql } from 'kysely';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { roleHasPermission } from '../../platform/auth/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import type { TimeZone } from '../../platform/db/schema.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { ApplicationStatus, SlaState } from '../applications/applications.tables.ts';
import type { WorkflowRole } from './workflow.schema.ts';

// Read-only queries of the back office: work queues, the workspace and the supervisor page. Writes go
// through the workflow service; nothing here changes a row.

/** One application.work grant at an agency: the unit it names (null: every unit) and whether it is a supervisor's. */
export interface UnitGrant {
  unitCode: string | null;
  supervisor: boolean;
}

/** Where an actor works: per agency, their grants there, the units (codes) they name and the queue roles they cover. */
export interface WorkScope {
  agencyId: string;
  /** Each grant counts for its own unit only: an agency-wide officer who supervises one unit supervises that unit alone. */
  grants: UnitGrant[];
  /** A grant without a unit covers every unit of the agency (as the workflow service decides). */
  allUnits: boolean;
  unitCodes: string[];
  roles: WorkflowRole[];
  supervises: boolean;
}

/**
 * The actor's role for an item queued at `unitCode` (null: any unit of the agency), from the grants
 * covering that unit only; undefined when none does.
 */
export function roleAtUnit(grants: readonly UnitGrant[], unitCode: string | null): 'officer' | 'supervisor' | undefined {
  const covering = grants.filter((grant) => grant.unitCode === null || unitCode === null || grant.unitCode === unitCode);
  if (covering.length === 0) return undefined;
  return covering.some((grant) => grant.supervisor) ? 'supervisor' : 'officer';
}

/**
 * Whether the actor may read an application of an agency where they work (the workspace, its files):
 * its assignee, or a grant covering its queue unit. A closed item has no queue unit: any worker of the agency.
 */
export function maySee(scope: Pick<WorkScope, 'grants'>, row: { assigneeId: string | null; queueUnitCode: string | null }, accountId: string): boolean {
  return row.assigneeId === accountId || roleAtUnit(scope.grants, row.queueUnitCode) !== undefined;
}

export const QUEUE_TABS = ['all', 'mine', 'unassigned'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const DUE_FILTERS = ['overdue', 'near'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
export const QUEUE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review', 'information_requested', 'approved'];
export const QUEUE_PAGE_SIZE = 25;

export interface QueueFilters {
  tab: QueueTab;
  service?: string | undefined;
  status?: ApplicationStatus | undefined;
  due?: DueFilter | undefined;
  unit?: string | undefined;
  /** A canonical tracking number: the applicant on the phone reads it out. */
  number?: string | undefined;
  page: number;
}

export interface QueueItem {
  id: string;
  trackingNumber: string;
  agencyId: string;
  serviceVersionId: string;
  serviceCode: string;
  serviceNameId: string;
  serviceNameEn: string;
  status: ApplicationStatus;
  stepId: string | null;
  priorityGroup: 'elderly' | 'disabled' | 'pregnant' | null;
  dueAt: Date;
  stepDueAt: Date | null;
  slaState: SlaState;
  escalatedAt: Date | null;
  assigneeId: string | null;
  queueUnitCode: string | null;
}

export interface QueueCounts {
  all: number;
  mine: number;
  unassigned: number;
  /** Under the other filters, whatever the time-limit filter: for the labels of that filter. */
  overdue: number;
  near: number;
  /** Counts stop one above this: a count over it reads "more than cap". */
  cap: number;
}

export interface WorkspaceRow extends QueueItem {
  dataKeyId: string;
  answersEnc: string;
  channel: 'online' | 'counter';
  submittedAt: Date;
  queueRole: WorkflowRole | null;
  checklistDone: string[];
  stepStartedAt: Date | null;
  feePaidAt: Date | null;
  applicantAccountId: string | null;
  form: unknown;
  workflow: unknown;
  agencyNameId: string;
  agencyNameEn: string;
}

export interface StaffMember {
  accountId: string;
  name: string;
  roles: string[];
}

const SLA_LATE = sql<SqlBool>`coalesce(a.step_due_at, a.due_at) < now()`;

/**
 * The actor's working scope from their grants: agencies where they hold application.work, the codes
 * of the units their grants name, and the queue roles they cover (supervisors cover officers' work).
 */
export async function workScope(db: Database, actor: SignedInActor): Promise<WorkScope[]> {
  if (actor.kind !== 'staff') return [];
  const grants = actor.grants.filter((grant) => grant.agencyId !== null && roleHasPermission(grant.role, 'application.work'));
  const unitIds = [...new Set(grants.map((grant) => grant.unitId).filter((id): id is string => id !== null))];
  const units = unitIds.length > 0 ? await db.selectFrom('agencyUnit').select(['id', 'agencyId', 'code']).where('id', 'in', unitIds).execute() : [];
  const scopes = new Map<string, WorkScope>();
  for (const grant of grants) {
    const agencyId = grant.agencyId as string;
    const scope: WorkScope = scopes.get(agencyId) ?? { agencyId, grants: [], allUnits: false, unitCodes: [], roles: [], supervises: false };
    if (grant.unitId === null) scope.allUnits = true;
    const unit = units.find((candidate) => candidate.id === grant.unitId && candidate.agencyId === agencyId);
    if (unit && !scope.unitCodes.includes(unit.code)) scope.unitCodes.push(unit.code);
    // A grant naming a unit the agency does not have covers nothing.
    if (grant.unitId === null || unit) scope.grants.push({ unitCode: unit?.code ?? null, supervisor: grant.role === 'supervisor' });
    if (grant.role === 'supervisor') {
      scope.supervises = true;
      if (!scope.roles.includes('supervisor')) scope.roles.push('supervisor');
    }
    if (!scope.roles.includes('officer')) scope.roles.push('officer');
    scopes.set(agencyId, scope);
  }
  return [...scopes.values()];
}

/** Queue counts stop here (shown as "1,000+"): see queue(). */
export const QUEUE_COUNT_CAP = 1000;

export function createWorkqueueRepository(db: Database, personalData: Pick<PersonalData, 'sealer'>, countCap = QUEUE_COUNT_CAP) {
  function base(scopes: readonly WorkScope[]) {
    return db
      .selectFrom('application as a')
      .innerJoin('serviceVersion as v', 'v.id', 'a.serviceVersionId')
      .innerJoin('service as s', 's.id', 'a.serviceId')
      .where('a.stepId', 'is not', null)
      .where((eb) =>
        eb.or(
          scopes.map((scope) =>
            eb.and([
              eb('a.agencyId', '=', scope.agencyId),
              // Per grant, as roleAtUnit: a unit's supervisor sees that unit's supervisor queue, not every unit's.
              eb.or(
                scope.grants.length === 0
                  ? [eb.val(false)]
                  : scope.grants.map((grant) =>
                      eb.and([
                        eb('a.queueRole', 'in', grant.supervisor ? ['officer', 'supervisor'] : ['officer']),
                        grant.unitCode === null ? eb.val(true) : eb.or([eb('a.queueUnitCode', 'is', null), eb('a.queueUnitCode', '=', grant.unitCode)]),
                      ]),
                    ),
              ),
            ]),
          ),
        ),
      );
  }

  type Base = ReturnType<typeof base>;

  function filtered(query: Base, filters: Omit<QueueFilters, 'tab' | 'page'>): Base {
    let q = query;
    if (filters.service) q = q.where('s.code', '=', filters.service);
    if (filters.status) q = q.where('a.status', '=', filters.status);
    if (filters.unit) q = q.where('a.queueUnitCode', '=', filters.unit);
    if (filters.number) q = q.where('a.trackingNumber', '=', filters.number);
    if (filters.due === 'overdue') q = q.where((eb) => eb.or([eb('a.slaState', '=', 'breached'), SLA_LATE as Expression<SqlBool>]));
    if (filters.due === 'near') q = q.where('a.slaState', '=', 'warned');
    return q;
  }

  const itemColumns = [
    'a.id',
    'a.trackingNumber',
    'a.agencyId',
    'a.serviceVersionId',
    's.code as serviceCode',
    'v.nameId as serviceNameId',
    'v.nameEn as serviceNameEn',
    'a.status',
    'a.stepId',
    'a.priorityGroup',
    'a.dueAt',
    'a.stepDueAt',
    'a.slaState',
    'a.escalatedAt',
    'a.assigneeId',
    'a.queueUnitCode',
  ] as const;

  return {
    /**
     * One page of the actor's queue, vulnerable applicants first (priority group), then by due date;
     * with the counts of each tab under the same filters.
     */
    async queue(
      actor: SignedInActor,
      scopes: readonly WorkScope[],
      filters: QueueFilters,
    ): Promise<{ items: QueueItem[]; total: number; counts: QueueCounts }> {
      if (scopes.length === 0) return { items: [], total: 0, counts: { all: 0, mine: 0, unassigned: 0, overdue: 0, near: 0, cap: countCap } };
      const narrowed = filtered(base(scopes), filters);
      const undue = filtered(base(scopes), { ...filters, due: undefined });
      // Counted up to the cap only: a count over every open item of a large agency costs a scan of
      // them all on each page view, and "1,000+" tells an officer as much as the exact figure.
      const capped = (query: Base) =>
        db
          .selectFrom(
            query
              .select(sql`1`.as('one'))
              .limit(countCap + 1)
              .as('x'),
          )
          .select(sql<string>`count(*)`.as('n'));
      const row = await db
        .selectNoFrom([
          capped(narrowed).as('all'),
          capped(narrowed.where('a.assigneeId', '=', actor.accountId)).as('mine'),
          capped(narrowed.where('a.assigneeId', 'is', null)).as('unassigned'),
          capped(filtered(undue, { due: 'overdue' })).as('overdue'),
          capped(filtered(undue, { due: 'near' })).as('near'),
        ])
        .executeTakeFirst();
      const counts = {
        all: Number(row?.all ?? 0),
        mine: Number(row?.mine ?? 0),
        unassigned: Number(row?.unassigned ?? 0),
        overdue: Number(row?.overdue ?? 0),
        near: Number(row?.near ?? 0),
        cap: countCap,
      };
      let q = narrowed;
      if (filters.tab === 'mine') q = q.where('a.assigneeId', '=', actor.accountId);
      if (filters.tab === 'unassigned') q = q.where('a.assigneeId', 'is', null);
      const items = await q
        .select([...itemColumns])
        .orderBy(sql`a.priority_group is null`)
        .orderBy('a.dueAt')
        .orderBy(sql`a.step_due_at asc nulls last`)
        .orderBy('a.trackingNumber')
        .limit(QUEUE_PAGE_SIZE)
        .offset((filters.page - 1) * QUEUE_PAGE_SIZE)
        .execute();
      return { items, total: counts[filters.tab], counts };
    },

    /**
     * The services and units of the actor's agencies, for the filter selects: from the catalogue, not
     * from the open items (a distinct over every open item of a large agency is a scan per page view).
     */
    async queueFacets(scopes: readonly WorkScope[]): Promise<{ services: { code: string; nameId: string; nameEn: string }[]; units: string[] }> {
      if (scopes.length === 0) return { services: [], units: [] };
      const agencyIds = scopes.map((scope) => scope.agencyId);
      const services = await db
        .selectFrom('service as s')
        .innerJoin('serviceVersion as v', 'v.serviceId', 's.id')
        // Named as last published: a retired service may still have applications in the queue.
        .distinctOn('s.code')
        .select(['s.code', 'v.nameId', 'v.nameEn'])
        .where('s.agencyId', 'in', agencyIds)
        .where('v.status', '!=', 'draft')
        .orderBy('s.code')
        .orderBy('v.version', 'desc')
        .limit(200)
        .execute();
      // A unit-bound officer filters among their own units; an agency-wide one among all the agency's.
      const wide = scopes.filter((scope) => scope.allUnits).map((scope) => scope.agencyId);
      const unitRows = wide.length > 0 ? await db.selectFrom('agencyUnit').select('code').where('agencyId', 'in', wide).limit(200).execute() : [];
      const units = [...new Set([...scopes.flatMap((scope) => scope.unitCodes), ...unitRows.map((unit) => unit.code)])].sort();
      return { services, units };
    },

    /** The application for the workspace, any state, with its version's form and workflow. */
    async workspace(trackingNumber: string): Promise<WorkspaceRow | undefined> {
      return db
        .selectFrom('application as a')
        .innerJoin('serviceVersion as v', 'v.id', 'a.serviceVersionId')
        .innerJoin('service as s', 's.id', 'a.serviceId')
        .innerJoin('agency as g', 'g.id', 'a.agencyId')
        .select([
          ...itemColumns,
          'a.dataKeyId',
          'a.answersEnc',
          'a.channel',
          'a.submittedAt',
          'a.queueRole',
          'a.checklistDone',
          'a.stepStartedAt',
          'a.feePaidAt',
          'a.applicantAccountId',
          'v.form',
          'v.workflow',
          'g.nameId as agencyNameId',
          'g.nameEn as agencyNameEn',
        ])
        .where('a.trackingNumber', '=', trackingNumber)
        .executeTakeFirst() as Promise<WorkspaceRow | undefined>;
    },

    async workflowsOf(versionIds: readonly string[]): Promise<Map<string, unknown>> {
      if (versionIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('serviceVersion')
        .select(['id', 'workflow'])
        .where('id', 'in', [...new Set(versionIds)])
        .execute();
      return new Map(rows.map((row) => [row.id, row.workflow]));
    },

    /** The time zone of an agency: its first office's, as the due dates were computed. */
    async timeZoneOf(agencyId: string): Promise<TimeZone> {
      const row = await db.selectFrom('agencyUnit').select('timeZone').where('agencyId', '=', agencyId).orderBy('code').limit(1).executeTakeFirst();
      return row?.timeZone ?? 'Asia/Jakarta';
    },

    async events(applicationId: string) {
      return db
        .selectFrom('applicationEvent')
        .select(['id', 'kind', 'occurredAt', 'actorRole', 'actorAccountId', 'messageEnc'])
        .where('applicationId', '=', applicationId)
        .orderBy('occurredAt', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    async notes(applicationId: string) {
      return db
        .selectFrom('applicationNote')
        .select(['id', 'authorId', 'bodyEnc', 'createdAt'])
        .where('applicationId', '=', applicationId)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
    },

    async attachments(applicationId: string) {
      return db.selectFrom('applicationAttachment').select(['fieldName', 'fileId']).where('applicationId', '=', applicationId).orderBy('addedAt').execute();
    },

    async units(agencyId: string) {
      return db.selectFrom('agencyUnit').select(['code', 'nameId', 'nameEn']).where('agencyId', '=', agencyId).orderBy('code').execute();
    },

    async otherAgencies(agencyId: string) {
      return db.selectFrom('agency').select(['code', 'nameId', 'nameEn']).where('id', '!=', agencyId).orderBy('nameId').limit(500).execute();
    },

    /** Staff who may work applications at the agency (officers and supervisors), with their names. */
    async workersAt(agencyIds: readonly string[]): Promise<StaffMember[]> {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('staffRole as r')
        .innerJoin('account as c', 'c.id', 'r.accountId')
        .select(['c.id', 'c.dataKeyId', 'c.fullNameEnc', 'r.role'])
        .where('r.agencyId', 'in', agencyIds)
        .where('r.role', 'in', ['officer', 'supervisor'])
        .where('c.status', '=', 'active')
        .execute();
      const byAccount = new Map<string, StaffMember>();
      for (const row of rows) {
        const known = byAccount.get(row.id);
        if (known) {
          if (!known.roles.includes(row.role)) known.roles.push(row.role);
          continue;
        }
        const sealer = await personalData.sealer(row.dataKeyId, row.id);
        byAccount.set(row.id, { accountId: row.id, name: sealer.open('fullName', row.fullNameEnc), roles: [row.role] });
      }
      return [...byAccount.values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
    },

    /** Display names of staff accounts (assignees, note authors, timeline actors). Citizens are never named here. */
    async staffNames(accountIds: readonly (string | null)[]): Promise<Map<string, string>> {
      const ids = [...new Set(accountIds.filter((id): id is string => id !== null))];
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('account').select(['id', 'dataKeyId', 'fullNameEnc']).where('id', 'in', ids).where('kind', '=', 'staff').execute();
      const names = new Map<string, string>();
      for (const row of rows) names.set(row.id, (await personalData.sealer(row.dataKeyId, row.id)).open('fullName', row.fullNameEnc));
      return names;
    },

    /** The supervisor page's figures, all computed by PostgreSQL over the agencies supervised. */
    async supervision(agencyIds: readonly string[]) {
      if (agencyIds.length === 0) return undefined;
      const open = db.selectFrom('application as a').where('a.agencyId', 'in', agencyIds).where('a.stepId', 'is not', null);
      const workload = await open
        .select([
          'a.assigneeId',
          sql<string>`count(*)`.as('open'),
          sql<string>`count(*) filter (where coalesce(a.step_due_at, a.due_at) < now() or a.sla_state = 'breached')`.as('overdue'),
        ])
        .groupBy('a.assigneeId')
        .execute();
      const itemsQuery = db
        .selectFrom('application as a')
        .innerJoin('serviceVersion as v', 'v.id', 'a.serviceVersionId')
        .innerJoin('service as s', 's.id', 'a.serviceId')
        .where('a.agencyId', 'in', agencyIds)
        .where('a.stepId', 'is not', null);
      const late = await itemsQuery
        .select([...itemColumns])
        .where((eb) => eb.or([eb('a.slaState', 'in', ['warned', 'breached']), SLA_LATE as Expression<SqlBool>]))
        .where('a.escalatedAt', 'is', null)
        .orderBy('a.dueAt')
        .limit(50)
        .execute();
      const escalated = await itemsQuery
        .select([...itemColumns])
        .where('a.escalatedAt', 'is not', null)
        .orderBy('a.escalatedAt')
        .limit(50)
        .execute();
      const breaches = await db
        .selectFrom('slaAlert')
        .select(sql<string>`count(*)`.as('count'))
        .where('agencyId', 'in', agencyIds)
        .where('kind', '=', 'breach')
        .where(sql<SqlBool>`fired_at >= date_trunc('month', now() at time zone 'Asia/Jakarta') at time zone 'Asia/Jakarta'`)
        .executeTakeFirst();
      const handling = await db
        .selectFrom('application')
        .select([sql<string | null>`avg(extract(epoch from closed_at - submitted_at))`.as('seconds'), sql<string>`count(*)`.as('closed')])
        .where('agencyId', 'in', agencyIds)
        .where('closedAt', 'is not', null)
        .where(sql<SqlBool>`closed_at >= now() - interval '30 days'`)
        .executeTakeFirst();
      return {
        workload: workload.map((row) => ({ assigneeId: row.assigneeId, open: Number(row.open), overdue: Number(row.overdue) })),
        late,
        escalated,
        breachesThisMonth: Number(breaches?.count ?? 0),
        averageHandlingSeconds: handling?.seconds == null ? null : Number(handling.seconds),
        closedLast30Days: Number(handling?.closed ?? 0),
      };
    },
  };
}

export type WorkqueueRepository = ReturnType<typeof createWorkqueueRepository>;
