/**
 * Bench setup, run once per bench in its own process with NODE_ENV=development and the SAME secrets as
 * the production server that follows (so the data it encrypts opens there): the demo seed, citizens
 * with API tokens, an officer's web session, a few issued documents. Writes the fixtures the scenarios
 * need as JSON to the path in argv[2]. Production refuses demo data, hence this separate step.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { DEMO_BUSINESS_OWNER, DEMO_CITIZEN } from '../src/modules/accounts/accounts.seed.ts';
import { createServiceFixture } from '../src/modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../src/platform/auth/actor.ts';
import { resolveSecrets } from '../src/platform/crypto/secrets.ts';
import type { Field, FormData, FormSchema } from '../src/platform/forms/form-schema.ts';
import { openRuntime } from '../src/runtime.ts';
import { seedDemo } from '../src/seed.ts';
import { seedScale } from '../src/seed-scale/seed-scale.ts';
import { createServices, type Services } from '../src/services.ts';
import type { Fixtures } from './lib/types.ts';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 16);
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 10_000);
const SCALE = Number(process.env.BENCH_SCALE ?? 0);
const OPEN311_KEYS = 16;
/** The most a key may be given: far above what S6 files, so that S6 measures filing, not the key's limit. */
const OPEN311_PER_MINUTE = 100_000;
const DEMO_OFFICER_EMAIL = 'petugas@demo.loket.test';
const DEMO_OFFICER_AGENCY = 'disdukcapil-kota-bandung';
const ORIGIN = { ip: '127.0.0.1', requestId: 'bench-setup', userAgent: 'loket-bench' };

const LONG_TEXT =
  'Permohonan ini diajukan untuk keperluan administrasi keluarga dan pendaftaran sekolah anak kami tahun ini. ' +
  'Dokumen asli akan saya bawa saat pengambilan di kantor pelayanan. Mohon dihubungi melalui nomor telepon yang tercantum ' +
  'bila ada kekurangan berkas atau bila jadwal pengambilan berubah. Saya bekerja pada hari kerja sampai pukul 16.00, ' +
  'sehingga lebih mudah dihubungi pada sore hari atau melalui pesan singkat. Terima kasih atas bantuan Bapak dan Ibu petugas. ' +
  'Alamat domisili saat ini sama dengan alamat pada kartu keluarga, dan belum ada perubahan data sejak tahun lalu.';

const L = (id: string, en: string) => ({ id, en });
const yesNo = [
  { value: 'ya', label: L('Ya', 'Yes') },
  { value: 'tidak', label: L('Tidak', 'No') },
];

/**
 * A birth registration as the demo seed has it, without uploads (each file can be attached to one
 * application only) and with a note: its answers are 1–2 KB of JSON, the size the issue asks S1 to
 * submit. The demo forms answerable without uploads give only ~450 bytes.
 */
const BENCH_FORM: FormSchema = {
  schemaVersion: 1,
  pages: [
    {
      id: 'pemohon',
      title: L('Data pemohon', 'Applicant'),
      fields: [
        { type: 'text', name: 'fullName', label: L('Nama lengkap', 'Full name'), required: true, prefill: 'fullName', maxLength: 200 },
        { type: 'nik', name: 'nik', label: L('NIK', 'NIK'), required: true, prefill: 'nik' },
        { type: 'phone', name: 'phone', label: L('Nomor HP', 'Mobile number'), required: true, prefill: 'phone' },
        { type: 'email', name: 'email', label: L('E-mail', 'E-mail'), required: false, prefill: 'email' },
      ],
    },
    {
      id: 'anak',
      title: L('Data anak', 'Child'),
      fields: [
        { type: 'text', name: 'childName', label: L('Nama anak', 'Child’s name'), required: true, maxLength: 200 },
        { type: 'date', name: 'childBirthDate', label: L('Tanggal lahir anak', 'Child’s date of birth'), required: true, max: 'today' },
        { type: 'text', name: 'birthPlace', label: L('Tempat lahir', 'Place of birth'), required: true, maxLength: 200 },
        { type: 'number', name: 'birthWeightGrams', label: L('Berat lahir (gram)', 'Birth weight (grams)'), required: true, min: 500, max: 6000 },
        { type: 'radios', name: 'twin', label: L('Kembar?', 'Twin?'), required: true, options: yesNo },
        {
          type: 'select',
          name: 'birthAttendant',
          label: L('Penolong kelahiran', 'Birth attendant'),
          required: true,
          options: [
            { value: 'dokter', label: L('Dokter', 'Doctor') },
            { value: 'bidan', label: L('Bidan', 'Midwife') },
            { value: 'lainnya', label: L('Lainnya', 'Other') },
          ],
        },
      ],
    },
    {
      id: 'orang-tua',
      title: L('Orang tua', 'Parents'),
      fields: [
        { type: 'nik', name: 'motherNik', label: L('NIK ibu', 'Mother’s NIK'), required: true },
        { type: 'text', name: 'motherName', label: L('Nama ibu', 'Mother’s name'), required: true, maxLength: 200 },
        { type: 'nik', name: 'fatherNik', label: L('NIK ayah', 'Father’s NIK'), required: false },
        { type: 'text', name: 'fatherName', label: L('Nama ayah', 'Father’s name'), required: false, maxLength: 200 },
        { type: 'text', name: 'kkNumber', label: L('Nomor KK', 'Family card number'), required: true, minLength: 16, maxLength: 16, pattern: '[0-9]{16}' },
      ],
    },
    {
      id: 'alamat',
      title: L('Alamat dan catatan', 'Address and notes'),
      fields: [
        { type: 'address', name: 'address', label: L('Alamat', 'Address'), required: true },
        { type: 'longText', name: 'notes', label: L('Catatan untuk petugas', 'Notes for the officer'), required: false, maxLength: 1000 },
        {
          type: 'checkboxes',
          name: 'declaration',
          label: L('Pernyataan', 'Declaration'),
          required: true,
          options: [{ value: 'true', label: L('Data ini benar', 'This is true') }],
        },
      ],
    },
  ],
};

interface Person {
  nik: string;
  fullName: string;
  email: string;
  phone: string;
  birthDate: string;
}

/** A valid NIK of Kota Bandung, district 07 (not used by the demo seed), for a woman born on 1990-08-17. */
function benchNik(serial: number): string {
  return `32730757089${String(serial).padStart(5, '0')}`.slice(0, 16);
}

function requiredFileShownBy(form: FormSchema, field: string, value: string): boolean {
  return form.pages
    .flatMap((page) => page.fields)
    .some((f) => f.type === 'file' && f.required && f.showWhen?.field === field && f.showWhen.equals.includes(value));
}

/**
 * A complete, valid answer set without uploads: choices avoid options that make an upload required.
 * Text is realistic in length, so that the payload is the 1–2 KB of a real form.
 */
function answersFor(form: FormSchema, who: Person): FormData | undefined {
  const answers: FormData = {};
  const fields = form.pages.flatMap((page) => page.fields);
  const visible = (f: Field) => !f.showWhen || f.showWhen.equals.includes(String(answers[f.showWhen.field] ?? ''));
  for (const field of fields) {
    if (!visible(field)) continue;
    switch (field.type) {
      case 'text':
        // Fields with a pattern here are numbers (KK, NPWP, KBLI): digits up to the field's length.
        answers[field.name] =
          field.prefill === 'fullName'
            ? who.fullName
            : field.pattern
              ? '3273011708900003'.slice(0, field.maxLength ?? 16)
              : 'Dewi Anggraini Putri'.slice(0, field.maxLength ?? 200);
        break;
      case 'longText':
        answers[field.name] = LONG_TEXT.slice(0, Math.min(field.maxLength ?? 600, 600));
        break;
      case 'nik':
        answers[field.name] = field.prefill === 'nik' ? who.nik : benchNik(99_000);
        break;
      case 'nib':
        answers[field.name] = '9120001234567';
        break;
      case 'email':
        answers[field.name] = who.email;
        break;
      case 'phone':
        answers[field.name] = who.phone;
        break;
      case 'number':
        answers[field.name] = Math.max(field.min ?? 1, 1);
        break;
      case 'money':
        answers[field.name] = Math.max(field.min ?? 0, 1_000_000);
        break;
      case 'date': {
        const today = new Date().toISOString().slice(0, 10);
        answers[field.name] = field.prefill === 'birthDate' ? who.birthDate : field.min === 'today' ? today : '2024-03-15';
        break;
      }
      case 'select':
      case 'radios':
      case 'checkboxes': {
        const option = field.options.find((o) => !requiredFileShownBy(form, field.name, o.value)) ?? field.options[0];
        if (!option) return undefined;
        answers[field.name] = field.type === 'checkboxes' ? [option.value] : option.value;
        break;
      }
      case 'address':
        answers[field.name] = {
          provinceCode: '32',
          regencyCode: '32.73',
          district: 'Coblong',
          village: 'Dago',
          street: 'Jl. Ir. H. Juanda No. 117, RT 03 RW 05',
        };
        break;
      case 'geoPoint':
        answers[field.name] = { lat: -6.8915, lng: 107.6107 };
        break;
      case 'file':
        if (field.required) return undefined;
        break;
    }
  }
  return answers;
}

async function createCitizens(services: Services): Promise<{ actor: SignedInActor; person: Person; token: string }[]> {
  const made = [];
  for (let i = 0; i < CITIZENS; i += 1) {
    const person: Person = {
      nik: benchNik(1 + i),
      fullName: 'Sri Wahyuni',
      email: `warga.bench.${i}@contoh.loket.test`,
      phone: `08120000${String(1000 + i)}`,
      birthDate: '1990-08-17',
    };
    const result = await services.accounts.register(
      { ...person, birthDate: { day: '17', month: '8', year: '1990' }, password: 'kopi-tubruk-pagi-hari', locale: 'id' },
      ORIGIN,
    );
    if (!result.ok) throw new Error(`bench citizen refused: ${result.problems.map((p) => p.key).join(', ')}`);
    await services.accountsRepository.update(result.value.accountId, { emailVerifiedAt: new Date() });
    const token = await services.sessions.create({
      accountId: result.value.accountId,
      accountKind: 'citizen',
      kind: 'api',
      mfaVerified: false,
      userAgent: 'loket-bench',
    });
    const actor: SignedInActor = { kind: 'citizen', accountId: result.value.accountId, sessionId: 'bench', locale: 'id', organisations: [] };
    made.push({ actor, person, token });
  }
  return made;
}

/** The first citizen service whose form can be answered without uploads, proved by filing one application. */
async function pickSubmission(services: Services, citizen: { actor: SignedInActor; person: Person }) {
  const refusals: string[] = [];
  // The largest form that can be answered without uploads: closest to a real 1–2 KB submission.
  let best: { serviceCode: string; answers: FormData; bytes: number } | undefined;
  const bench = await createServiceFixture(runtimeDb, { form: BENCH_FORM, channels: ['online'], timeLimitWorkingDays: 14 });
  const codes = [{ code: bench.code }, ...(await runtimeDb.selectFrom('service').select('code').where('code', '<>', bench.code).orderBy('code').execute())];
  for (const { code } of codes) {
    const version = await services.catalogue.publishedVersionByCode(code);
    if (!version?.channels.includes('online') || !version.applicantTypes.includes('citizen')) continue;
    const answers = answersFor(version.form, citizen.person);
    if (!answers) continue;
    const result = await services.applications.submitOnline(citizen.actor, { serviceCode: code, answers, idempotencyKey: `bench-probe-${code}` }, ORIGIN);
    if (result.ok) {
      const bytes = JSON.stringify(answers).length;
      if (!best || bytes > best.bytes) best = { serviceCode: code, answers, bytes };
      continue;
    }
    refusals.push(`${code}: ${result.problems.map((p) => `${p.field} ${p.key}`).join(', ')}`);
  }
  if (best) return { serviceCode: best.serviceCode, answers: best.answers, refusals };
  throw new Error(`no demo service can be filed without uploads:\n${refusals.join('\n')}`);
}

/** Issues documents for a few approved applications; the verify scenario looks their numbers up. */
async function issueDocuments(services: Services, officerId: string): Promise<string[]> {
  const candidates = await runtimeDb.selectFrom('application').select('id').where('status', '=', 'approved').limit(40).execute();
  const numbers: string[] = [];
  for (const { id } of candidates) {
    try {
      const row = await runtimeDb.transaction().execute((trx) => services.issuing.issue(trx, { applicationId: id, actorAccountId: officerId }));
      numbers.push(row.number);
    } catch {
      // Some services have no output document: skip them.
    }
    if (numbers.length >= 20) break;
  }
  return numbers;
}

/**
 * Partner keys for S6, issued as `loket open311 keys create` does. Several keys, as S1 has several
 * citizens: each key's per-minute counter is one row, which one key would make a hot row.
 */
async function createOpen311Keys(services: Services): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < OPEN311_KEYS; i += 1) {
    const created = await services.open311Keys.create(
      { name: `Aplikasi mitra bench ${i + 1}`, requestsPerMinute: OPEN311_PER_MINUTE },
      { actor: { accountId: null, role: 'operator', agencyId: null } },
    );
    if (!created.ok) throw new Error(`Open311 key refused: ${created.problem}`);
    keys.push(created.key);
  }
  return keys;
}

/**
 * S9's agency system, registered as `loket exchange client create` does: an Ed25519 key (the private
 * half goes to the load generator, which signs one assertion per query) allowed the population
 * product for public-service purposes, with a per-minute limit far above what S9 sends.
 */
async function createExchangeClient(services: Services): Promise<NonNullable<Fixtures['exchangeQuery']>> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const product = 'kependudukan-nik';
  const created = await services.exchange.clients.create(
    {
      agencyCode: DEMO_OFFICER_AGENCY,
      name: 'Sistem instansi bench',
      jwk: publicKey.export({ format: 'jwk' }),
      purposes: ['public_service'],
      products: [product],
      requestsPerMinute: 1_000_000,
    },
    { accountId: null, role: 'operator', agencyId: null },
  );
  if (!created.ok) throw new Error(`exchange client refused: ${created.problem}`);
  // The demo registry holds the demo citizen and business owner: the queries alternate between them.
  const bodies = [DEMO_CITIZEN.nik, DEMO_BUSINESS_OWNER.nik].map((nik, i) =>
    JSON.stringify({
      subject: nik,
      purpose: 'public_service',
      legalBasis: 'UU 24/2013 tentang Administrasi Kependudukan, Pasal 58',
      caseReference: `BENCH-${i + 1}`,
      official: { reference: 'NIP-198001012005011001', role: 'officer' },
    }),
  );
  return {
    path: `/api/exchange/v1/products/${product}/query`,
    clientId: created.id,
    privateKeyPkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    bodies,
  };
}

let runtimeDb: Awaited<ReturnType<typeof openRuntime>>['database']['db'];

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: setup.ts <fixtures.json>');
  const cfg = loadConfig();
  const log = pino({ level: 'warn' }, pino.destination(2));
  const runtime = await openRuntime(cfg, log);
  runtimeDb = runtime.database.db;
  try {
    const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
    const services = createServices({ config: cfg, db: runtimeDb, secrets, log });
    const started = Date.now();
    await seedDemo(runtimeDb, services, { applications: APPLICATIONS });
    // --scale N: the demo, then N generated applications (loket seed --scale) for cost at scale.
    const scaled = SCALE > 0 ? await seedScale({ db: runtimeDb, databaseUrl: runtime.databaseUrl }, services, { applications: SCALE }) : undefined;
    if (scaled) process.stderr.write(`scale seed: ${scaled.applications} applications, ${scaled.citizens} citizens in ${scaled.seconds.toFixed(0)} s\n`);
    const seedSeconds = (Date.now() - started) / 1000;
    const citizens = await createCitizens(services);
    const first = citizens[0];
    if (!first) throw new Error('BENCH_CITIZENS must be at least 1');
    const submission = await pickSubmission(services, first);
    const officer = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', DEMO_OFFICER_EMAIL));
    if (!officer) throw new Error('demo officer missing');
    const staffToken = await services.sessions.create({
      accountId: officer.id,
      accountKind: 'staff',
      kind: 'web',
      mfaVerified: true,
      userAgent: 'loket-bench',
    });
    const documentNumbers = await issueDocuments(services, officer.id);
    const open311Keys = await createOpen311Keys(services);
    const exchangeQuery = await createExchangeClient(services);
    // The demo reports the public may open (not secret, not merged, past verification): S7's pages.
    const publicComplaints = (await services.complaints.publicList({ perPage: 100 })).items.map((c) => c.trackingId);
    if (publicComplaints.length === 0) throw new Error('the demo seed made no public complaint');
    // The dashboard reads rollups only; fold everything seeded (the backfill) before measuring S8.
    await services.transparency.fold({ budgetMs: Number.POSITIVE_INFINITY, batchSize: 10_000 });
    const busiest = await runtimeDb
      .selectFrom('service')
      .innerJoin('agency', 'agency.id', 'service.agencyId')
      .innerJoin('application', 'application.serviceId', 'service.id')
      .select(['service.code as serviceCode', 'agency.code as agencyCode'])
      .groupBy(['service.code', 'agency.code'])
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const dashboardPaths = ['/transparency', `/transparency/agencies/${busiest.agencyCode}`, `/transparency/services/${busiest.serviceCode}`];
    // Production refuses a database with demo accounts, whose passwords are public. The bench keeps
    // the demo data but takes the public passwords away: no hash matches '!', so no one signs in with them.
    await runtimeDb.updateTable('account').set({ isDemo: false, passwordHash: '!' }).where('isDemo', '=', true).execute();
    const tracking = await runtimeDb.selectFrom('application').select('trackingNumber').orderBy('id').limit(1000).execute();
    const applicationIds = await runtimeDb.selectFrom('application').select('id').limit(1000).execute();
    // Open applications at the demo officer's office: the workspaces S4W opens.
    const officerWork = await runtimeDb
      .selectFrom('application')
      .innerJoin('agency', 'agency.id', 'application.agencyId')
      .select('application.trackingNumber')
      .where('agency.code', '=', DEMO_OFFICER_AGENCY)
      .where('application.stepId', 'is not', null)
      .orderBy('application.dueAt')
      .limit(200)
      .execute();
    const count = await runtimeDb
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const fixtures: Fixtures = {
      seedSeconds,
      applications: Number(count.n),
      citizenTokens: citizens.map((c) => c.token),
      submission: { serviceCode: submission.serviceCode, answers: submission.answers },
      refusedServices: submission.refusals,
      staffSessionToken: staffToken,
      trackingNumbers: tracking.map((t) => t.trackingNumber),
      officerTrackingNumbers: officerWork.map((t) => t.trackingNumber),
      applicationIds: applicationIds.map((a) => a.id),
      documentNumbers,
      open311Keys,
      publicComplaints,
      dashboardPaths,
      exchangeQuery,
    };
    writeFileSync(out, JSON.stringify(fixtures));
    await services.notifier.close();
  } finally {
    await runtime.close();
  }
}

await main();
