import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { loadConfig } from '../../config.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { resolveSecrets } from '../../platform/crypto/secrets.ts';
import type { Database } from '../../platform/db/database.ts';
import { createServices, type Services } from '../../services.ts';
import { createCitizen, createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import type { FileComplaintInput, Reporter, StaffAction } from './complaints.contract.ts';
import { seedComplaintCategories } from './complaints.seed.ts';

// Factories for the complaints tests (service, pages, desk, API): services on a fresh database, an
// agency with its staff and the complaints desk, valid filings. Test data only.

export const COMPLAINT_ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

/** Services on a fresh database of their own (no HTTP app), as the service tests use them. */
export async function createComplaintsTestServices(options: { poolSize?: number } = {}): Promise<{
  database: TestDatabase;
  services: Services;
  close(): Promise<void>;
}> {
  const database = await createTestDatabase({ poolSize: options.poolSize ?? 6 });
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-files-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOKET_FILES_DIR: filesDir, LOKET_DEV_MAILBOX: 'true' });
  const secrets = await resolveSecrets(config, () => {});
  const services = createServices({ config, db: database.db, secrets, log: pino({ level: 'silent' }) });
  return {
    database,
    services,
    async close() {
      await services.notifier.close();
      await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

export interface ComplaintsFixture {
  /** A handling agency in Kota Bandung (region 32.73) with one office (unit). */
  agencyId: string;
  agencyCode: string;
  unitId: string;
  /** Another agency: its staff must never see the first agency's reports. */
  otherAgencyId: string;
  otherAgencyCode: string;
  desk: SignedInActor;
  officer: SignedInActor;
  supervisor: SignedInActor;
  otherOfficer: SignedInActor;
  /** A verified citizen (e-mail rina.<nik>@contoh.test). */
  citizen: SignedInActor;
  citizenNik: string;
}

/**
 * Categories (the seed's), two agencies with staff, the complaints desk, a citizen, and one routing
 * rule: pelayanan-kependudukan in province 32 → the first agency.
 */
export async function createComplaintsFixture(services: Services, db: Database): Promise<ComplaintsFixture> {
  await seedComplaintCategories(db);
  const first = await createServiceFixture(db);
  const second = await createServiceFixture(db);
  const unit = await db.selectFrom('agencyUnit').select('id').where('agencyId', '=', first.agencyId).executeTakeFirstOrThrow();
  const codes = await db.selectFrom('agency').select(['id', 'code']).where('id', 'in', [first.agencyId, second.agencyId]).execute();
  const codeOf = (id: string) => codes.find((c) => c.id === id)?.code ?? '';
  await db
    .insertInto('complaintRoute')
    .values({ categoryCode: 'pelayanan-kependudukan', regionCode: '32', agencyId: first.agencyId, unitId: unit.id })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const citizen = await createCitizen(services);
  return {
    agencyId: first.agencyId,
    agencyCode: codeOf(first.agencyId),
    unitId: unit.id,
    otherAgencyId: second.agencyId,
    otherAgencyCode: codeOf(second.agencyId),
    // The desk acts nationally, whatever agency its grant names (as the demo desk account's does).
    desk: await createStaff(services, second.agencyId, 'complaints_desk'),
    officer: await createStaff(services, first.agencyId, 'officer'),
    supervisor: await createStaff(services, first.agencyId, 'supervisor'),
    otherOfficer: await createStaff(services, second.agencyId, 'officer'),
    citizen: citizen.actor,
    citizenNik: citizen.nik,
  };
}

/** A valid filing; override any field. Public and not anonymous unless told otherwise. */
export function validComplaint(overrides: Partial<FileComplaintInput> = {}): FileComplaintInput {
  return {
    kind: 'complaint',
    categoryCode: 'pelayanan-kependudukan',
    title: 'KTP-el belum jadi setelah tiga bulan',
    description: 'Saya merekam KTP-el di kantor dinas pada bulan Juli, sampai sekarang belum dicetak dan petugas tidak bisa memberi kepastian.',
    incidentDate: '2025-07-14',
    regionCode: '32.73',
    address: 'Jl. Wastukencana No. 2, Bandung',
    isSecret: false,
    isAnonymous: false,
    idempotencyKey: crypto.randomUUID(),
    locale: 'id',
    ...overrides,
  };
}

/** Files a report and returns its tracking id (and the guest's follow-up secret); throws on problems. */
export async function fileComplaint(
  services: Services,
  reporter: Reporter,
  overrides: Partial<FileComplaintInput> = {},
): Promise<{ trackingId: string; followUpSecret?: string; open311Token?: string }> {
  const result = await services.complaints.file(validComplaint(overrides), reporter, COMPLAINT_ORIGIN);
  if (!result.ok) throw new Error(`filing refused: ${result.problems.map((p) => `${p.field}:${p.key}`).join(', ')}`);
  return {
    trackingId: result.trackingId,
    ...(result.followUpSecret ? { followUpSecret: result.followUpSecret } : {}),
    ...(result.open311Token ? { open311Token: result.open311Token } : {}),
  };
}

/** A staff action that must succeed. */
export async function actOk(services: Services, actor: SignedInActor, trackingId: string, action: StaffAction): Promise<void> {
  const result = await services.complaints.act(actor, trackingId, action, COMPLAINT_ORIGIN);
  if (!result.ok) throw new Error(`${action.type} refused: ${result.reason}`);
}

/** Files a report as the fixture's citizen and forwards it to the fixture's agency (status not_followed_up). */
export async function forwardedComplaint(
  services: Services,
  fixture: ComplaintsFixture,
  options: { isSecret?: boolean; isAnonymous?: boolean; overrides?: Partial<FileComplaintInput>; reporter?: Reporter } = {},
): Promise<string> {
  const isSecret = options.isSecret ?? false;
  const isAnonymous = options.isAnonymous ?? false;
  const { trackingId } = await fileComplaint(services, options.reporter ?? { kind: 'account', accountId: fixture.citizen.accountId }, {
    isSecret,
    isAnonymous,
    ...options.overrides,
  });
  await actOk(services, fixture.desk, trackingId, { type: 'forward', agencyId: fixture.agencyId, unitId: fixture.unitId, isSecret, isAnonymous });
  return trackingId;
}

/** Walks a forwarded report to `done`: plan, then response. */
export async function respondedComplaint(
  services: Services,
  fixture: ComplaintsFixture,
  options: Parameters<typeof forwardedComplaint>[2] = {},
): Promise<string> {
  const trackingId = await forwardedComplaint(services, fixture, options);
  await actOk(services, fixture.officer, trackingId, { type: 'plan', message: 'Kami periksa status pencetakan KTP-el Anda minggu ini.' });
  await actOk(services, fixture.officer, trackingId, { type: 'respond', message: 'KTP-el Anda sudah dicetak dan dapat diambil di kantor dinas.' });
  return trackingId;
}

/** A service request as an Open311 partner app sends it, with the reporter's e-mail for the receipt. */
export const OPEN311_REPORT = {
  service_code: 'pelayanan-kependudukan',
  description: 'Antrean perekaman KTP-el di kecamatan selalu penuh sejak pagi, mohon ditambah petugas.',
  lat: '-6.9147',
  long: '107.6098',
  first_name: 'Rina',
  email: 'rina.open311@contoh.test',
};
