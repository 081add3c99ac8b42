import type { Insertable } from 'kysely';
import { createCalendar, type HolidaySource } from '../../platform/calendar/calendar.service.ts';
import { type CalendarOptions, dueAt } from '../../platform/calendar/working-days.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormData } from '../../platform/forms/form-schema.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { hashPassword } from '../accounts/password.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { plannedSteps } from '../workflow/step-clock.ts';
import { workflowOf } from '../workflow/workflow.defaults.ts';
import { answersContext, messageContext, sealJson, type VersionView } from './application-records.ts';
import type { ApplicationEventTable, ApplicationStatus, ApplicationTable } from './applications.tables.ts';
import {
  demoAnswers,
  FIRST_NAMES,
  INFORMATION_REQUESTS,
  LAST_NAMES,
  OPEN_STATUSES,
  type Random,
  STATUS_PATHS,
  seededRandom,
  statusFor,
  syntheticNik,
} from './demo-data.ts';
import { newTrackingNumber } from './tracking-number.ts';

// Development only: a year of applications across the demo services, in every state, so that the
// pages and dashboards have life. Synthetic citizens with valid NIKs apply online; a share of the
// applications were registered at Disdukcapil Kota Bandung's counter, some for people without an
// account. Everything is encrypted as real data is. Batched: a few seconds for 3,000 applications.

export interface SeedApplicationsReport {
  applications: number;
  citizens: number;
}

const SEED_KEY_PREFIX = 'seed-';
const DAY_MS = 24 * 3600 * 1000;
const BATCH = 400;

interface Person {
  accountId: string | null;
  nik: string;
  nikIndex: string;
  fullName: string;
  birthDate: string;
  email: string;
  phone: string;
}

function person(random: Random, serial: number, personalData: PersonalData): Person {
  const female = random.next() < 0.5;
  const birth = new Date(Date.UTC(1950 + random.int(55), random.int(12), 1 + random.int(28)));
  const nik = syntheticNik(serial, birth, female);
  const fullName = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  return {
    accountId: null,
    nik,
    nikIndex: personalData.index('nik', nik),
    fullName,
    birthDate: birth.toISOString().slice(0, 10),
    email: `warga${serial}@contoh.loket.test`,
    phone: `+62812${String(7000000 + serial).padStart(8, '0')}`,
  };
}

interface Planned {
  version: VersionView;
  who: Person;
  channel: 'online' | 'counter';
  submittedAt: Date;
  status: ApplicationStatus;
}

export interface SeedApplicationsDependencies {
  db: Database;
  catalogue: Pick<CatalogueService, 'search' | 'getVersion'>;
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  dataKeys: DataKeyStore;
  /** Holidays for the due dates; read from the holiday table when not given. */
  calendar?: HolidaySource;
}

async function publishedVersions(catalogue: SeedApplicationsDependencies['catalogue']): Promise<VersionView[]> {
  const versions: VersionView[] = [];
  for (let page = 1; ; page += 1) {
    const results = await catalogue.search({ q: '', locale: 'id', page });
    for (const hit of results.items) {
      const version = await catalogue.getVersion(hit.versionId);
      if (version && version.status === 'published' && version.form.pages.length > 0) versions.push(version);
    }
    if (page >= results.pageCount) return versions;
  }
}

/** Idempotent: a database that already holds seeded applications is left as it is. */
export async function seedDemoApplications(deps: SeedApplicationsDependencies, count = 3000): Promise<SeedApplicationsReport> {
  const { db, accountsRepository, personalData } = deps;
  const seeded = await db.selectFrom('application').select('id').where('idempotencyKey', 'like', `${SEED_KEY_PREFIX}%`).limit(1).executeTakeFirst();
  if (seeded) return { applications: 0, citizens: 0 };
  const versions = await publishedVersions(deps.catalogue);
  if (versions.length === 0) return { applications: 0, citizens: 0 };

  const random = seededRandom(20270107);
  const officer = await accountsRepository.findByIndex('emailIndex', personalData.index('email', 'petugas@demo.loket.test'));
  const counterAgency = await accountsRepository.agencyIdByCode('disdukcapil-kota-bandung');
  const citizens = await seedCitizens(deps, random, 300);
  const walkIns = Array.from({ length: 200 }, (_, i) => person(random, 5000 + i, personalData));

  const now = Date.now();
  const planned: Planned[] = [];
  for (let i = 0; i < count; i += 1) {
    const version = versions[i % versions.length] as VersionView;
    const ageDays = random.next() ** 1.6 * 365;
    const atCounter = officer !== undefined && version.agencyId === counterAgency && version.channels.includes('counter') && random.next() < 0.5;
    const online = version.channels.includes('online') && version.applicantTypes.includes('citizen');
    if (!atCounter && !online) continue;
    const who = atCounter && random.next() < 0.5 ? random.pick(walkIns) : random.pick(citizens);
    planned.push({
      version,
      who,
      channel: atCounter ? 'counter' : 'online',
      submittedAt: new Date(now - ageDays * DAY_MS - random.int(8 * 3600 * 1000)),
      status: statusFor(ageDays, random),
    });
  }

  const siti = await accountsRepository.findByIndex('nikIndex', personalData.index('nik', DEMO_CITIZEN.nik));
  if (siti) {
    const sitiPerson: Person = {
      accountId: siti.id,
      nik: DEMO_CITIZEN.nik,
      nikIndex: personalData.index('nik', DEMO_CITIZEN.nik),
      fullName: DEMO_CITIZEN.fullName,
      birthDate: '1990-08-17',
      email: DEMO_CITIZEN.email,
      phone: '+6281200000001',
    };
    const forCitizens = versions.filter((v) => v.channels.includes('online') && v.applicantTypes.includes('citizen'));
    const mine: [number, ApplicationStatus][] = [
      [2, 'information_requested'],
      [9, 'in_review'],
      [60, 'issued'],
    ];
    mine.forEach(([ageDays, status], index) => {
      const version = forCitizens[index % Math.max(forCitizens.length, 1)];
      if (version) planned.push({ version, who: sitiPerson, channel: 'online', submittedAt: new Date(now - ageDays * DAY_MS), status });
    });
  }

  const context = await workflowContext(deps, officer?.id ?? null);
  for (let start = 0; start < planned.length; start += BATCH) {
    await insertBatch(deps, planned.slice(start, start + BATCH), random, officer?.id ?? null, context);
  }
  return { applications: planned.length, citizens: citizens.length };
}

/** Synthetic citizen accounts, verified, with one shared (random, unpublished) password. */
async function seedCitizens(deps: SeedApplicationsDependencies, random: Random, count: number): Promise<Person[]> {
  const { db, accountsRepository, personalData } = deps;
  const passwordHash = await hashPassword(crypto.randomUUID());
  const people = Array.from({ length: count }, (_, i) => person(random, i + 1, personalData));
  await db.transaction().execute(async (trx) => {
    for (const who of people) {
      const accountId = crypto.randomUUID();
      const key = await personalData.newKey(trx);
      const sealer = await personalData.sealer(key.id, accountId, trx);
      await accountsRepository.insert(
        {
          id: accountId,
          kind: 'citizen',
          dataKeyId: key.id,
          nikIndex: who.nikIndex,
          nikEnc: sealer.seal('nik', who.nik),
          fullNameEnc: sealer.seal('fullName', who.fullName),
          birthDateEnc: sealer.seal('birthDate', who.birthDate),
          emailIndex: personalData.index('email', who.email),
          emailEnc: sealer.seal('email', who.email),
          emailVerifiedAt: new Date(),
          phoneIndex: null,
          phoneEnc: null,
          passwordHash,
          locale: 'id',
          isDemo: true,
        },
        trx,
      );
      who.accountId = accountId;
    }
  });
  return people;
}

/** Calendars per agency, and where the demo officer works, for consistent workflow states. */
interface WorkflowContext {
  calendarOf(agencyId: string): Promise<CalendarOptions>;
  officer: { id: string; agencyId: string; unitCode: string | null } | undefined;
}

async function workflowContext(deps: SeedApplicationsDependencies, officerId: string | null): Promise<WorkflowContext> {
  const calendar = deps.calendar ?? createCalendar(deps.db);
  const zones = new Map<string, CalendarOptions>();
  const grant = officerId
    ? await deps.db
        .selectFrom('staffRole as r')
        .leftJoin('agencyUnit as u', 'u.id', 'r.unitId')
        .select(['r.agencyId', 'u.code'])
        .where('r.accountId', '=', officerId)
        .where('r.agencyId', 'is not', null)
        .executeTakeFirst()
    : undefined;
  return {
    officer: officerId && grant?.agencyId ? { id: officerId, agencyId: grant.agencyId, unitCode: grant.code } : undefined,
    async calendarOf(agencyId) {
      let options = zones.get(agencyId);
      if (!options) {
        const unit = await deps.db.selectFrom('agencyUnit').select('timeZone').where('agencyId', '=', agencyId).orderBy('code').limit(1).executeTakeFirst();
        options = { timeZone: unit?.timeZone ?? 'Asia/Jakarta', holidays: await calendar.holidaysFor(agencyId) };
        zones.set(agencyId, options);
      }
      return options;
    },
  };
}

/**
 * Where a demo application stands in its version's workflow, as the engine would have left it: open
 * ones on the step their age reaches (before the last one), waiting ones on a step that asks, approved
 * ones on the last step, closed ones off the workflow. A share of the demo officer's queue is theirs.
 */
function workflowState(plan: Planned, answers: FormData, calendar: CalendarOptions, context: WorkflowContext, random: Random, decidedAt: Date) {
  const definition = workflowOf(plan.version.workflow ?? null);
  const paid = (plan.version.costAmount ?? 0) === 0 || plan.status === 'approved' || plan.status === 'issued' || random.next() < 0.5;
  const facts = { answers, applicantType: 'citizen' as const, feePaid: paid };
  const steps = plannedSteps({ definition, facts, timeLimitWorkingDays: plan.version.timeLimitWorkingDays, submittedAt: plan.submittedAt, calendar });
  const feePaidAt = (plan.version.costAmount ?? 0) > 0 && paid ? decidedAt : null;
  if (!OPEN_STATUSES.has(plan.status) && plan.status !== 'approved') {
    return { stepId: null, queueRole: null, queueUnitCode: null, decidedAt: plan.status === 'withdrawn' ? null : decidedAt, closedAt: decidedAt, feePaidAt };
  }
  const now = Date.now();
  const reached = Math.max(0, steps.filter((step) => step.startedAt.getTime() <= now).length - 1);
  let index = plan.status === 'submitted' ? 0 : plan.status === 'approved' ? steps.length - 1 : Math.min(reached, Math.max(steps.length - 2, 0));
  if (plan.status === 'information_requested') {
    const asking = steps.findLastIndex((step, i) => i <= index && definition.steps.find((s) => s.id === step.stepId)?.actions.includes('request_information'));
    index = Math.max(asking, 0);
  }
  const current = steps[index];
  const step = definition.steps.find((candidate) => candidate.id === current?.stepId);
  if (!current || !step) return { stepId: null, queueRole: null, queueUnitCode: null, decidedAt: null, closedAt: null, feePaidAt };
  const queueUnitCode = step.responsible.unitCode ?? null;
  const officer = context.officer;
  const mine =
    officer !== undefined &&
    plan.status !== 'submitted' &&
    officer.agencyId === plan.version.agencyId &&
    step.responsible.role === 'officer' &&
    (queueUnitCode === null || officer.unitCode === null || officer.unitCode === queueUnitCode) &&
    random.next() < 0.5;
  const slaState = now > current.dueAt.getTime() ? ('breached' as const) : now > current.warnAt.getTime() ? ('warned' as const) : ('on_time' as const);
  return {
    stepId: step.id,
    stepSeq: index + 1,
    queueRole: step.responsible.role,
    queueUnitCode,
    assigneeId: mine ? officer.id : null,
    assignedAt: mine ? current.startedAt : null,
    stepStartedAt: current.startedAt,
    // A waiting application's clock stands still: its step times are those of when the request was made.
    stepWarnAt: current.warnAt,
    stepDueAt: current.dueAt,
    slaState: plan.status === 'information_requested' ? ('on_time' as const) : slaState,
    breachCount: slaState === 'breached' && plan.status !== 'information_requested' ? 1 : 0,
    decidedAt: plan.status === 'approved' ? decidedAt : null,
    closedAt: null,
    feePaidAt,
  };
}

async function insertBatch(
  deps: SeedApplicationsDependencies,
  batch: readonly Planned[],
  random: Random,
  officerId: string | null,
  context: WorkflowContext,
): Promise<void> {
  const { db, dataKeys } = deps;
  await db.transaction().execute(async (trx) => {
    const applications: Insertable<ApplicationTable>[] = [];
    const events: Insertable<ApplicationEventTable>[] = [];
    const pauses: { applicationId: string; agencyId: string; startedAt: Date }[] = [];
    for (const plan of batch) {
      const id = crypto.randomUUID();
      const key = await dataKeys.create(trx);
      const counter = plan.channel === 'counter';
      const calendar = await context.calendarOf(plan.version.agencyId);
      const due = dueAt(plan.submittedAt, plan.version.timeLimitWorkingDays, calendar);
      const path = STATUS_PATHS[plan.status];
      const span = Math.max(Math.min(due.getTime(), Date.now()) - plan.submittedAt.getTime(), 60_000);
      const answers = demoAnswers(plan.version, plan.who, random);
      // The last event of the path is the decision, the request or the withdrawal.
      const lastEventAt = new Date(plan.submittedAt.getTime() + (path.length > 1 ? (span * (path.length - 1)) / path.length : 0));
      const state = workflowState(plan, answers, calendar, context, random, lastEventAt);
      if (plan.status === 'information_requested') pauses.push({ applicationId: id, agencyId: plan.version.agencyId, startedAt: lastEventAt });
      applications.push({
        id,
        trackingNumber: newTrackingNumber(),
        agencyId: plan.version.agencyId,
        serviceId: plan.version.serviceId,
        serviceVersionId: plan.version.id,
        channel: plan.channel,
        applicantAccountId: plan.who.accountId,
        applicantNikIndex: plan.who.nikIndex,
        organisationId: null,
        status: plan.status,
        priorityGroup: null,
        dataKeyId: key.id,
        answersEnc: sealJson(key.key, answers, answersContext(id)),
        submittedAt: plan.submittedAt,
        dueAt: due,
        createdBy: counter ? officerId : null,
        idempotencyKey: `${SEED_KEY_PREFIX}${id}`,
        updatedAt: plan.submittedAt,
        ...state,
      });
      path.forEach((kind, step) => {
        const byApplicant = kind === 'submitted' ? !counter : kind === 'withdrawn';
        const occurredAt = new Date(plan.submittedAt.getTime() + (step === 0 ? 0 : (span * step) / path.length));
        events.push({
          applicationId: id,
          agencyId: plan.version.agencyId,
          occurredAt,
          kind,
          actorRole: byApplicant ? 'applicant' : kind === 'decided' ? 'supervisor' : 'officer',
          actorAgencyId: byApplicant ? null : plan.version.agencyId,
          actorAccountId: null,
          messageEnc: kind === 'information_requested' ? encryptField(key.key, random.pick(INFORMATION_REQUESTS), messageContext(id)) : null,
        });
      });
    }
    // Counter applications of people without an account must name their officer.
    const insertable = applications.filter((a) => a.channel === 'online' || a.createdBy !== null);
    const kept = new Set(insertable.map((a) => a.id));
    await trx.insertInto('application').values(insertable).execute();
    for (let start = 0; start < events.length; start += 2000) {
      const chunk = events.slice(start, start + 2000).filter((e) => kept.has(e.applicationId));
      if (chunk.length > 0) await trx.insertInto('applicationEvent').values(chunk).execute();
    }
    const keptPauses = pauses.filter((p) => kept.has(p.applicationId));
    if (keptPauses.length > 0) await trx.insertInto('applicationPause').values(keptPauses).execute();
  });
}
