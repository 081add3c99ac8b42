import { Readable } from 'node:stream';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/auth/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import type { Services } from '../../services.ts';

// Factories for the applications tests: a service of its own (so tests do not depend on the demo
// catalogue), citizens and officers, uploads. Test data only.

/** A birth registration form over four pages, with a condition, an upload and an address. */
export const BIRTH_FORM: FormSchema = {
  schemaVersion: 1,
  pages: [
    {
      id: 'pemohon',
      title: { id: 'Data pemohon', en: 'Applicant' },
      fields: [
        { type: 'text', name: 'fullName', label: { id: 'Nama lengkap', en: 'Full name' }, required: true, prefill: 'fullName', maxLength: 200 },
        { type: 'nik', name: 'nik', label: { id: 'NIK', en: 'NIK' }, required: true, prefill: 'nik' },
      ],
    },
    {
      id: 'anak',
      title: { id: 'Data anak', en: 'Child' },
      fields: [
        { type: 'text', name: 'childName', label: { id: 'Nama anak', en: 'Child’s name' }, required: true, maxLength: 200 },
        { type: 'date', name: 'childBirthDate', label: { id: 'Tanggal lahir anak', en: 'Child’s date of birth' }, required: true, max: 'today' },
        {
          type: 'radios',
          name: 'twin',
          label: { id: 'Kembar?', en: 'Twin?' },
          required: true,
          options: [
            { value: 'ya', label: { id: 'Ya', en: 'Yes' } },
            { value: 'tidak', label: { id: 'Tidak', en: 'No' } },
          ],
        },
        { type: 'text', name: 'twinName', label: { id: 'Nama kembaran', en: 'Twin’s name' }, required: true, showWhen: { field: 'twin', equals: ['ya'] } },
      ],
    },
    {
      id: 'dokumen',
      title: { id: 'Dokumen', en: 'Documents' },
      fields: [
        {
          type: 'file',
          name: 'birthLetter',
          label: { id: 'Surat keterangan lahir', en: 'Birth letter' },
          required: true,
          accept: ['application/pdf', 'image/jpeg', 'image/png'],
          maxSizeBytes: 2 * 1024 * 1024,
          maxFiles: 1,
        },
      ],
    },
    {
      id: 'alamat',
      title: { id: 'Alamat', en: 'Address' },
      fields: [{ type: 'address', name: 'address', label: { id: 'Alamat', en: 'Address' }, required: true }],
    },
  ],
};

export interface ServiceFixture {
  agencyId: string;
  serviceId: string;
  versionId: string;
  code: string;
}

let counter = 0;

/** A published service at a new agency (with an office in WIB), five working days, online and at the counter. */
export async function createServiceFixture(
  db: Database,
  options: { form?: FormSchema; channels?: ('online' | 'counter')[]; timeLimitWorkingDays?: number; applicantTypes?: ('citizen' | 'business')[] } = {},
): Promise<ServiceFixture> {
  counter += 1;
  const code = `uji-layanan-${counter}-${crypto.randomUUID().slice(0, 6)}`;
  await db
    .insertInto('region')
    .values({ code: '32', parentCode: null, level: 'province', name: 'Jawa Barat' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('region')
    .values({ code: '32.73', parentCode: '32', level: 'regency', name: 'Kota Bandung' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const agency = await db
    .insertInto('agency')
    .values({
      code: `uji-instansi-${counter}-${crypto.randomUUID().slice(0, 6)}`,
      level: 'city',
      regionCode: '32.73',
      nameId: 'Dinas Uji Kota Bandung',
      nameEn: 'Test Office, Bandung',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agencyUnit')
    .values({
      agencyId: agency.id,
      code: 'kantor',
      nameId: 'Kantor Dinas Uji',
      nameEn: 'Test Office',
      streetAddress: 'Jl. Uji No. 1',
      regionCode: '32.73',
      timeZone: 'Asia/Jakarta',
      openingHours: '[]',
    })
    .execute();
  const service = await db.insertInto('service').values({ agencyId: agency.id, code }).returning('id').executeTakeFirstOrThrow();
  const versionId = await insertVersion(db, service.id, 1, options);
  return { agencyId: agency.id, serviceId: service.id, versionId, code };
}

async function insertVersion(
  db: Database,
  serviceId: string,
  version: number,
  options: { form?: FormSchema; channels?: ('online' | 'counter')[]; timeLimitWorkingDays?: number; applicantTypes?: ('citizen' | 'business')[] },
): Promise<string> {
  const row = await db
    .insertInto('serviceVersion')
    .values({
      serviceId,
      version,
      status: 'published',
      nameId: `Layanan Uji v${version}`,
      nameEn: `Test Service v${version}`,
      summaryId: 'Layanan untuk pengujian.',
      summaryEn: 'A service for tests.',
      lifeEvents: ['birth'],
      applicantTypes: options.applicantTypes ?? ['citizen'],
      channels: options.channels ?? ['online', 'counter'],
      priorityGroups: ['elderly'],
      timeLimitWorkingDays: options.timeLimitWorkingDays ?? 5,
      costAmount: 0,
      standard: '{}',
      form: JSON.stringify(options.form ?? BIRTH_FORM),
      searchText: 'layanan uji',
      publishedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Publishes a new version with another form, retiring the current one, as the catalogue does. */
export async function publishNewVersion(db: Database, fixture: ServiceFixture, form: FormSchema): Promise<string> {
  await db
    .updateTable('serviceVersion')
    .set({ status: 'retired', retiredAt: new Date() })
    .where('serviceId', '=', fixture.serviceId)
    .where('status', '=', 'published')
    .execute();
  return insertVersion(db, fixture.serviceId, 2, { form });
}

let nikSerial = 0;

/** A NIK of Kota Bandung with a distinct serial (district 09, not used by the demo data). */
export function testNik(): string {
  nikSerial += 1;
  return `3273091708900${String(nikSerial).padStart(3, '0')}`;
}

/** The password createCitizen registers, for tests that sign in over HTTP. */
export const CITIZEN_PASSWORD = 'kopi-tubruk-pagi-hari';

/** A registered, verified citizen and their actor. */
export async function createCitizen(
  services: Services,
  options: { verified?: boolean } = {},
): Promise<{ actor: SignedInActor; nik: string; fullName: string }> {
  const nik = testNik();
  const fullName = 'Rina Marlina';
  const result = await services.accounts.register(
    {
      nik,
      fullName,
      birthDate: { day: '17', month: '8', year: '1990' },
      email: `rina.${nik}@contoh.test`,
      phone: '',
      password: CITIZEN_PASSWORD,
      locale: 'id',
    },
    { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' },
  );
  if (!result.ok) throw new Error(`citizen refused: ${result.problems.map((p) => p.key).join(', ')}`);
  if (options.verified !== false) await services.accountsRepository.update(result.value.accountId, { emailVerifiedAt: new Date() });
  return { actor: { kind: 'citizen', accountId: result.value.accountId, sessionId: 'test', locale: 'id', organisations: [] }, nik, fullName };
}

/** A staff member of an agency with one role, and their actor. */
export async function createStaff(services: Services, agencyId: string | null, role: StaffRole = 'officer'): Promise<SignedInActor> {
  const { accountId } = await services.staff.create(
    { email: `${role}.${crypto.randomUUID().slice(0, 8)}@instansi.test`, fullName: 'Petugas Uji', roles: [{ role, agencyId }] },
    { accountId: null, role: 'system' },
  );
  return { kind: 'staff', accountId, sessionId: 'test', locale: 'id', grants: [{ role, agencyId, unitId: null }] };
}

/** A small PDF uploaded by the person (pending until an application attaches it). */
export async function uploadPdf(services: Services, uploader: { ownerAccountId: string } | { uploadedBy: string }, name = 'surat-lahir.pdf'): Promise<string> {
  const outcome = await services.storage.store(Readable.from([Buffer.from('%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')]), {
    name,
    uploader,
    accept: ['application/pdf'],
    maxBytes: 1024 * 1024,
  });
  if (!outcome.ok) throw new Error(`upload refused: ${outcome.reason}`);
  return outcome.file.id;
}

/** Valid answers to BIRTH_FORM for the citizen, with an uploaded file. */
export function birthAnswers(citizen: { nik: string; fullName: string }, fileId: string) {
  return {
    fullName: citizen.fullName,
    nik: citizen.nik,
    childName: 'Bayu Pratama',
    childBirthDate: '2024-12-01',
    twin: 'tidak',
    birthLetter: { fileIds: [fileId] },
    address: { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: 'Jl. Dago No. 1' },
  };
}
