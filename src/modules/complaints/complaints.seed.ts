import type { Insertable } from 'kysely';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { createCalendar } from '../../platform/calendar/calendar.service.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import type { Reporter, ReporterAccess, StaffAction } from './complaints.contract.ts';
import { createComplaintsService } from './complaints.service.ts';
import type { ComplaintCategoryTable } from './complaints.tables.ts';

// The complaint categories (the Open311 services) and the demo routing rules. Categories are
// reference data a deployment needs too; the rules and demo reports are development data.

type Category = Insertable<ComplaintCategoryTable> & { code: string };

export const COMPLAINT_CATEGORIES: readonly Category[] = [
  {
    code: 'pelayanan-kependudukan',
    nameId: 'Pelayanan kependudukan',
    nameEn: 'Civil registration services',
    descriptionId: 'KTP-el, kartu keluarga, akta kelahiran dan kematian, pindah datang.',
    descriptionEn: 'Electronic ID cards, family cards, birth and death certificates, moving.',
    groupName: 'Pelayanan publik',
    keywords: ['ktp', 'kk', 'akta', 'dukcapil'],
    position: 1,
  },
  {
    code: 'perizinan',
    nameId: 'Perizinan dan usaha',
    nameEn: 'Licences and business',
    descriptionId: 'Izin usaha, izin bangunan, pelayanan terpadu satu pintu.',
    descriptionEn: 'Business licences, building permits, one-stop services.',
    groupName: 'Pelayanan publik',
    keywords: ['izin', 'nib', 'pbg', 'oss'],
    position: 2,
  },
  {
    code: 'infrastruktur-jalan',
    nameId: 'Jalan dan infrastruktur',
    nameEn: 'Roads and infrastructure',
    descriptionId: 'Jalan rusak, jembatan, drainase, penerangan jalan.',
    descriptionEn: 'Damaged roads, bridges, drainage, street lighting.',
    groupName: 'Lingkungan',
    keywords: ['jalan', 'lubang', 'jembatan', 'drainase'],
    resolveDays: 60,
    position: 3,
  },
  {
    code: 'kebersihan',
    nameId: 'Kebersihan dan sampah',
    nameEn: 'Cleanliness and waste',
    descriptionId: 'Sampah tidak diangkut, tempat pembuangan liar, saluran tersumbat.',
    descriptionEn: 'Uncollected waste, illegal dumping, blocked gutters.',
    groupName: 'Lingkungan',
    keywords: ['sampah', 'kebersihan', 'got'],
    resolveDays: 30,
    position: 4,
  },
  {
    code: 'kesehatan',
    nameId: 'Kesehatan',
    nameEn: 'Health',
    descriptionId: 'Puskesmas, rumah sakit daerah, BPJS Kesehatan, obat.',
    descriptionEn: 'Community health centres, regional hospitals, national health insurance, medicines.',
    groupName: 'Pelayanan dasar',
    keywords: ['puskesmas', 'rumah sakit', 'bpjs'],
    position: 5,
  },
  {
    code: 'pendidikan',
    nameId: 'Pendidikan',
    nameEn: 'Education',
    descriptionId: 'Sekolah negeri, penerimaan peserta didik baru, bantuan pendidikan.',
    descriptionEn: 'Public schools, school admissions, education grants.',
    groupName: 'Pelayanan dasar',
    keywords: ['sekolah', 'ppdb', 'guru'],
    position: 6,
  },
  {
    code: 'bantuan-sosial',
    nameId: 'Bantuan sosial',
    nameEn: 'Social assistance',
    descriptionId: 'PKH, bantuan pangan, data terpadu kesejahteraan sosial.',
    descriptionEn: 'Family hope programme, food aid, the integrated social welfare data.',
    groupName: 'Pelayanan dasar',
    keywords: ['bansos', 'pkh', 'dtks'],
    position: 7,
  },
  {
    code: 'lainnya',
    nameId: 'Lainnya',
    nameEn: 'Other',
    descriptionId: 'Laporan yang tidak masuk kategori lain.',
    descriptionEn: 'Reports that fit no other category.',
    groupName: 'Lainnya',
    keywords: [],
    position: 99,
  },
];

/** Inserts the categories that are missing (a deployment's own changes to existing ones stay). */
export async function seedComplaintCategories(db: Database): Promise<void> {
  await db
    .insertInto('complaintCategory')
    .values(COMPLAINT_CATEGORIES.map((c) => ({ ...c, keywords: [...(c.keywords ?? [])] })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

// ——— demo data ———

/** Demo routing rules: category and region → agency code (the demo catalogue's agencies). */
const DEMO_ROUTES: readonly { categoryCode: string | null; regionCode: string | null; agencyCode: string }[] = [
  { categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', agencyCode: 'disdukcapil-kota-bandung' },
  { categoryCode: 'pelayanan-kependudukan', regionCode: '34.04', agencyCode: 'disdukcapil-kabupaten-sleman' },
  { categoryCode: 'pelayanan-kependudukan', regionCode: '91.71', agencyCode: 'disdukcapil-kota-jayapura' },
  { categoryCode: 'pelayanan-kependudukan', regionCode: null, agencyCode: 'ditjen-dukcapil' },
  { categoryCode: 'perizinan', regionCode: '31', agencyCode: 'dpmptsp-dki-jakarta' },
  { categoryCode: 'perizinan', regionCode: '35', agencyCode: 'dpmptsp-jawa-timur' },
  { categoryCode: 'perizinan', regionCode: '73.71', agencyCode: 'dpmptsp-kota-makassar' },
  { categoryCode: 'bantuan-sosial', regionCode: '35.78', agencyCode: 'dinsos-kota-surabaya' },
  { categoryCode: 'kesehatan', regionCode: '35', agencyCode: 'dinkes-provinsi-jawa-timur' },
];

type DemoTarget = 'unverified' | 'archived' | 'merged' | 'not_followed_up' | 'in_process' | 'information' | 'postponed' | 'done' | 'closed' | 'reopened';

interface DemoReport {
  target: DemoTarget;
  categoryCode: string;
  regionCode: string;
  title: string;
  description: string;
  address?: string;
  point?: [number, number];
  /** Where it is forwarded (an agency code of the demo catalogue). */
  agency?: string;
  daysAgo: number;
  secret?: boolean;
  anonymous?: boolean;
  /** The demo citizen (Siti Rahayu) files it; otherwise a guest. */
  citizen?: boolean;
  kind?: 'complaint' | 'aspiration' | 'information_request';
  rating?: number;
}

const BDG = 'disdukcapil-kota-bandung';

// biome-ignore format: a table reads better one report a line
const DEMO_REPORTS: readonly DemoReport[] = [
  { target: 'unverified', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Antrean perekaman KTP-el sangat panjang', description: 'Saya datang pukul 07.00 ke kantor dinas tetapi nomor antrean perekaman KTP-el sudah habis. Mohon kuota ditambah.', daysAgo: 1, citizen: true, secret: false, anonymous: false },
  { target: 'unverified', categoryCode: 'infrastruktur-jalan', regionCode: '32.73.02.1004', title: 'Jalan berlubang di Jalan Dago', description: 'Ada lubang besar di Jalan Ir. H. Juanda (Dago) dekat simpang Dipatiukur, membahayakan pengendara motor terutama malam hari.', point: [-6.8846, 107.6131], address: 'Jl. Ir. H. Juanda, Coblong', daysAgo: 2, secret: false, anonymous: true },
  { target: 'unverified', categoryCode: 'kebersihan', regionCode: '32.73.09.1001', title: 'Sampah tidak diangkut sepekan', description: 'Tempat penampungan sampah di RW 05 Cihapit tidak diangkut selama seminggu dan mulai berbau.', daysAgo: 4 },
  { target: 'unverified', categoryCode: 'perizinan', regionCode: '31.71', title: 'Izin usaha belum terbit', description: 'Pengajuan izin usaha mikro saya di MPP Jakarta sudah tiga minggu belum ada kabar, padahal syarat lengkap.', daysAgo: 0, citizen: true },
  { target: 'unverified', categoryCode: 'lainnya', regionCode: '35.78', kind: 'aspiration', title: 'Usul taman baca di balai RW', description: 'Kami mengusulkan balai RW 03 Kelurahan Ketabang dijadikan taman baca anak pada sore hari.', daysAgo: 1, secret: false, anonymous: false },
  { target: 'archived', categoryCode: 'lainnya', regionCode: '32.73', title: 'Tetangga berisik setiap malam', description: 'Tetangga saya menyalakan musik keras setiap malam sampai pukul dua dini hari.', daysAgo: 12 },
  { target: 'archived', categoryCode: 'infrastruktur-jalan', regionCode: '34.04', title: 'Jalan tol macet saat libur', description: 'Gerbang tol menuju Sleman macet parah setiap libur panjang, mohon ditambah gardu.', daysAgo: 20, secret: false, anonymous: false },
  { target: 'merged', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Blanko KTP-el habis di Bandung', description: 'Sudah dua bulan KTP-el saya belum dicetak karena blanko habis di kantor dinas Kota Bandung.', daysAgo: 9, secret: false, anonymous: false },
  { target: 'not_followed_up', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Blanko KTP-el habis, KTP belum dicetak', description: 'KTP-el saya belum dicetak sejak dua bulan lalu karena blanko habis di kantor dinas Kota Bandung.', agency: BDG, daysAgo: 10, secret: false, anonymous: false },
  { target: 'not_followed_up', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Akta kelahiran salah tulis nama ibu', description: 'Nama ibu di akta kelahiran anak saya salah ketik. Petugas minta datang lagi minggu depan tanpa kepastian.', agency: BDG, daysAgo: 3, citizen: true },
  { target: 'not_followed_up', categoryCode: 'perizinan', regionCode: '31.74', title: 'Persetujuan bangunan gedung lama diproses', description: 'Permohonan PBG rumah tinggal saya sudah lewat batas waktu layanan tetapi statusnya masih verifikasi.', agency: 'dpmptsp-dki-jakarta', daysAgo: 8, secret: false, anonymous: true },
  { target: 'not_followed_up', categoryCode: 'bantuan-sosial', regionCode: '35.78', title: 'Nama keluarga hilang dari data bansos', description: 'Keluarga kami tidak lagi terdaftar sebagai penerima bantuan pangan padahal kondisi ekonomi tidak berubah.', agency: 'dinsos-kota-surabaya', daysAgo: 6 },
  { target: 'in_process', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Pindah datang belum diproses', description: 'Surat pindah datang dari Sleman sudah saya serahkan tiga minggu lalu, KK baru belum terbit.', agency: BDG, daysAgo: 15, secret: false, anonymous: false },
  { target: 'in_process', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Petugas meminta biaya tambahan', description: 'Saat mengurus KK di kelurahan, ada yang meminta uang Rp50.000 agar cepat selesai. Saya tidak membayar.', agency: BDG, daysAgo: 18, secret: true, anonymous: true },
  { target: 'information', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'KIA anak belum bisa diambil', description: 'Kartu identitas anak yang saya ajukan bulan lalu belum bisa diambil, katanya sistem sedang gangguan.', agency: BDG, daysAgo: 11, citizen: true, secret: false, anonymous: false },
  { target: 'in_process', categoryCode: 'perizinan', regionCode: '73.71', title: 'Biaya izin tidak sesuai ketentuan', description: 'Saya ditagih biaya untuk izin yang menurut standar pelayanan gratis di MPP Makassar.', agency: 'dpmptsp-kota-makassar', daysAgo: 25, secret: false, anonymous: true },
  { target: 'in_process', categoryCode: 'kesehatan', regionCode: '35.78', title: 'Obat di puskesmas sering kosong', description: 'Obat hipertensi untuk ibu saya sering kosong di puskesmas, kami harus membeli sendiri di apotek.', agency: 'dinkes-provinsi-jawa-timur', daysAgo: 30, secret: false, anonymous: false },
  { target: 'postponed', categoryCode: 'pelayanan-kependudukan', regionCode: '91.71', title: 'Perekaman KTP-el di distrik terpencil', description: 'Warga kampung kami harus menyeberang ke kota untuk merekam KTP-el. Mohon ada perekaman keliling.', agency: 'disdukcapil-kota-jayapura', daysAgo: 22, kind: 'aspiration', secret: false, anonymous: false },
  { target: 'done', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Akta kematian belum terbit', description: 'Akta kematian ayah saya belum terbit padahal berkas sudah lengkap sejak sebulan lalu.', agency: BDG, daysAgo: 14, citizen: true, secret: false, anonymous: false },
  { target: 'done', categoryCode: 'perizinan', regionCode: '35.78', title: 'Informasi syarat izin usaha mikro', description: 'Mohon informasi syarat lengkap izin usaha mikro untuk usaha katering rumahan di Surabaya.', agency: 'dpmptsp-jawa-timur', daysAgo: 7, kind: 'information_request', secret: false, anonymous: false },
  { target: 'reopened', categoryCode: 'pelayanan-kependudukan', regionCode: '34.04', title: 'Data KK tidak berubah setelah nikah', description: 'Status perkawinan di KK saya belum berubah meskipun sudah menyerahkan buku nikah.', agency: 'disdukcapil-kabupaten-sleman', daysAgo: 28, secret: false, anonymous: false },
  { target: 'closed', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Loket layanan tutup sebelum jam', description: 'Loket pelayanan di MPP Bandung sudah tutup pukul 14.00, padahal jam layanan sampai pukul 15.00.', agency: BDG, daysAgo: 40, secret: false, anonymous: false, rating: 4 },
  { target: 'closed', categoryCode: 'pelayanan-kependudukan', regionCode: '32.73', title: 'Tanda tangan elektronik di KK tidak terbaca', description: 'Kode QR tanda tangan elektronik di KK yang saya cetak sendiri tidak dapat dipindai.', agency: BDG, daysAgo: 50, citizen: true, secret: false, anonymous: false, rating: 5 },
  { target: 'closed', categoryCode: 'bantuan-sosial', regionCode: '35.78', title: 'Bantuan pangan terlambat disalurkan', description: 'Bantuan pangan bulan ini belum diterima warga RT 02 padahal RT lain sudah.', agency: 'dinsos-kota-surabaya', daysAgo: 45, secret: false, anonymous: true, rating: 3 },
  { target: 'closed', categoryCode: 'perizinan', regionCode: '31.71', title: 'Sertifikat standar belum diverifikasi', description: 'Sertifikat standar usaha saya belum diverifikasi lebih dari 14 hari kerja.', agency: 'dpmptsp-dki-jakarta', daysAgo: 60, secret: true, anonymous: true },
];

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const DEMO_ORIGIN = { ip: '127.0.0.1', requestId: 'seed', userAgent: 'seed' };
const DESK_EMAIL = 'pengaduan@demo.loket.test';
const CITIZEN_EMAIL = 'siti@demo.loket.test';

/**
 * The demo routing rules and about 25 reports in a realistic mix of statuses and flags, each walked
 * through the service (so timelines, clocks and audit entries are real) on a clock set back to when it
 * was filed. Runs once: a database that already has reports is left alone. Sends no notices.
 */
export async function seedDemoComplaints(db: Database, services: Services): Promise<{ reports: number }> {
  await seedComplaintCategories(db);
  const agencies = new Map((await db.selectFrom('agency').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  for (const route of DEMO_ROUTES) {
    const agencyId = agencies.get(route.agencyCode);
    if (!agencyId) continue;
    await db
      .insertInto('complaintRoute')
      .values({ categoryCode: route.categoryCode, regionCode: route.regionCode, agencyId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const existing = await db.selectFrom('complaint').select('id').limit(1).executeTakeFirst();
  if (existing) return { reports: 0 };

  const accountByEmail = async (email: string) =>
    (await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', email)))?.id;
  const deskId = await accountByEmail(DESK_EMAIL);
  const citizenId = await accountByEmail(CITIZEN_EMAIL);
  if (!deskId) return { reports: 0 };
  const actorOf = async (accountId: string): Promise<SignedInActor> => {
    const grants = await db.selectFrom('staffRole').select(['role', 'agencyId', 'unitId']).where('accountId', '=', accountId).execute();
    return { kind: 'staff', accountId, sessionId: 'seed', locale: 'id', grants };
  };
  const desk = await actorOf(deskId);
  const handlers = new Map<string, SignedInActor>();
  /** A handler at the agency: one of its demo staff, or (agencies without demo staff) the desk account acting for it. */
  const handlerAt = async (agencyId: string): Promise<SignedInActor> => {
    const known = handlers.get(agencyId);
    if (known) return known;
    const staff = await db.selectFrom('staffRole').select('accountId').where('agencyId', '=', agencyId).where('role', '=', 'supervisor').executeTakeFirst();
    const actor: SignedInActor = staff
      ? await actorOf(staff.accountId)
      : { kind: 'staff', accountId: deskId, sessionId: 'seed', locale: 'id', grants: [{ role: 'supervisor', agencyId, unitId: null }] };
    handlers.set(agencyId, actor);
    return actor;
  };

  const realNow = Date.now();
  let current = new Date(realNow);
  const complaints = createComplaintsService({
    db,
    dataKeys: services.dataKeys,
    storage: services.storage,
    audit: services.audit,
    notifier: services.notifier,
    calendar: createCalendar(db),
    personalData: services.personalData,
    accounts: services.accountsRepository,
    // Demo reports tell nobody: the demo mailbox stays for what people do.
    contactOf: async () => undefined,
    publicUrl: '',
    now: () => current,
  });
  /** Moves the clock on, never past the real present. */
  const advance = (ms: number) => {
    current = new Date(Math.min(current.getTime() + ms, realNow - 60_000));
  };
  const act = async (actor: SignedInActor, trackingId: string, action: StaffAction) => {
    const result = await complaints.act(actor, trackingId, action, DEMO_ORIGIN);
    if (!result.ok) throw new Error(`demo ${action.type} refused: ${result.reason}`);
  };

  const filed = new Map<DemoReport, string>();
  // Merged reports last: the report they join must exist.
  const ordered = [...DEMO_REPORTS.filter((r) => r.target !== 'merged'), ...DEMO_REPORTS.filter((r) => r.target === 'merged')];
  for (const report of ordered) {
    current = new Date(realNow - report.daysAgo * DAY - 3 * HOUR);
    const reporter: Reporter = report.citizen && citizenId ? { kind: 'account', accountId: citizenId } : { kind: 'guest' };
    const result = await complaints.file(
      {
        kind: report.kind ?? 'complaint',
        categoryCode: report.categoryCode,
        title: report.title,
        description: report.description,
        regionCode: report.regionCode,
        address: report.address,
        latitude: report.point?.[0],
        longitude: report.point?.[1],
        isSecret: report.secret ?? true,
        isAnonymous: report.anonymous ?? true,
        locale: 'id',
      },
      reporter,
      DEMO_ORIGIN,
    );
    if (!result.ok) throw new Error(`demo report refused: ${result.problems.map((p) => p.key).join(', ')}`);
    const trackingId = result.trackingId;
    filed.set(report, trackingId);
    const access: ReporterAccess =
      reporter.kind === 'account' ? { kind: 'account', accountId: reporter.accountId } : { kind: 'follow_up', secret: result.followUpSecret ?? '' };
    if (report.target === 'unverified') continue;
    advance(20 * HOUR);
    if (report.target === 'archived') {
      await act(desk, trackingId, {
        type: 'archive',
        reason: 'not_authority',
        message: 'Laporan ini bukan kewenangan instansi pemerintah yang terhubung dengan Loket.',
      });
      continue;
    }
    if (report.target === 'merged') {
      const into = [...filed].find(([r]) => r.target === 'not_followed_up' && r.agency === BDG && r.title.includes('Blanko'))?.[1];
      if (into) await act(desk, trackingId, { type: 'merge', intoTrackingId: into });
      continue;
    }
    const agencyId = report.agency ? agencies.get(report.agency) : undefined;
    if (!agencyId) continue;
    await act(desk, trackingId, { type: 'forward', agencyId, isSecret: report.secret ?? true, isAnonymous: report.anonymous ?? true });
    if (report.target === 'not_followed_up') continue;
    const handler = await handlerAt(agencyId);
    advance(2 * DAY);
    await act(handler, trackingId, {
      type: 'plan',
      message: 'Laporan sudah kami terima dan sedang kami periksa bersama bidang terkait. Kami kabari perkembangannya.',
    });
    if (report.target === 'information') {
      advance(DAY);
      await act(handler, trackingId, {
        type: 'message',
        requestInformation: true,
        message: 'Mohon kirimkan nomor pengajuan dan tanggal Anda datang ke kantor kami.',
      });
      continue;
    }
    if (report.target === 'postponed') {
      advance(DAY);
      await act(handler, trackingId, { type: 'postpone', reason: 'Perekaman keliling dijadwalkan setelah perangkat baru tiba dari pusat.' });
      continue;
    }
    if (report.target === 'in_process') {
      advance(DAY);
      await act(handler, trackingId, {
        type: 'message',
        requestInformation: false,
        message: 'Petugas kami sudah menindaklanjuti dan menunggu konfirmasi bidang terkait.',
      });
      continue;
    }
    // Responded a day or two ago, so the confirmation window is still open for 'done'.
    current = new Date(Math.max(current.getTime() + HOUR, realNow - (report.target === 'done' ? 2 : report.daysAgo / 2) * DAY));
    await act(handler, trackingId, {
      type: 'respond',
      message: 'Permasalahan sudah kami selesaikan. Silakan periksa kembali dan beri tahu kami bila masih ada kendala.',
    });
    if (report.target === 'done') continue;
    advance(DAY);
    if (report.target === 'reopened') {
      await complaints.reporterAct(access, trackingId, { type: 'reject', reason: 'Data di KK masih belum berubah.' }, DEMO_ORIGIN);
      continue;
    }
    await complaints.reporterAct(access, trackingId, { type: 'accept' }, DEMO_ORIGIN);
    if (report.rating) await complaints.reporterAct(access, trackingId, { type: 'rate', rating: report.rating }, DEMO_ORIGIN);
  }
  return { reports: filed.size };
}
