import type { seededRandom } from '../modules/applications/demo-data.ts';
import { followUpHash, reporterContext } from '../modules/complaints/complaints.context.ts';
import { type StageCalendar, workingStage } from '../modules/complaints/complaints.sla.ts';
import { localDate } from '../platform/calendar/working-days.ts';
import type { DataKey } from '../platform/crypto/data-keys.ts';

// The complaints of `loket seed --scale` (a fifth as many as applications by default): the demo's
// categories, regions and routing, a realistic mix of kinds, privacy flags, reporters and statuses by
// age, the clock columns as the staff actions set them (verification in 3 working days, a plan in 5,
// resolution in the category's days, confirmation in 10), about one in seven responses late, and
// ratings for most closed reports. Texts come from a small pool per category; the reporter of a guest
// report is real ciphertext of a pooled name, as for the applications.

type Random = ReturnType<typeof seededRandom>;

export interface ComplaintCategoryView {
  code: string;
  verifyWorkingDays: number;
  planWorkingDays: number;
  resolveDays: number;
  autoCloseWorkingDays: number;
}

export interface ComplaintGeneratorInput {
  run: string;
  random: Random;
  categories: readonly ComplaintCategoryView[];
  /** category|region → agency, from complaint_route (a null category or region matches any). */
  routes: readonly { categoryCode: string | null; regionCode: string | null; agencyId: string }[];
  agencyIds: readonly string[];
  regions: readonly { code: string; point: [number, number] | null }[];
  citizenIds: readonly string[];
  keys: readonly DataKey[];
  seal: (key: Buffer, plaintext: string, context: string) => string;
  calendar: StageCalendar;
  now: number;
}

export const COMPLAINT_COLUMNS = [
  'id',
  'tracking_id',
  'kind',
  'category_code',
  'channel',
  'title',
  'description',
  'incident_date',
  'region_code',
  'address',
  'latitude',
  'longitude',
  'is_secret',
  'is_anonymous',
  'reporter_account_id',
  'data_key_id',
  'reporter_enc',
  'follow_up_hash',
  'status',
  'archive_reason',
  'agency_id',
  'stage',
  'stage_seq',
  'stage_warn_at',
  'stage_due_at',
  'resolve_due_at',
  'verified_at',
  'forwarded_at',
  'followed_up_at',
  'responded_at',
  'closed_at',
  'closed_by',
  'rating',
  'rated_at',
  'created_at',
  'updated_at',
];
export const COMPLAINT_EVENT_COLUMNS = ['complaint_id', 'agency_id', 'occurred_at', 'kind', 'actor_role', 'actor_agency_id', 'visibility', 'message'];

const TEXTS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'pelayanan-kependudukan': [
    ['KTP-el belum dicetak', 'Sudah dua bulan sejak perekaman, KTP-el saya belum dicetak dan petugas belum bisa memberi kepastian.'],
    ['Antrean perekaman terlalu panjang', 'Nomor antrean perekaman KTP-el sudah habis pukul delapan pagi. Mohon kuota harian ditambah.'],
    ['Akta kelahiran salah nama', 'Nama anak saya di akta kelahiran salah satu huruf, pengajuan perbaikan belum diproses.'],
  ],
  perizinan: [
    ['Izin usaha belum terbit', 'Pengajuan izin usaha mikro sudah tiga minggu tanpa kabar, padahal syarat sudah lengkap.'],
    ['Persetujuan bangunan tertunda', 'Permohonan PBG rumah tinggal kami tertahan di verifikasi teknis lebih dari sebulan.'],
  ],
  'infrastruktur-jalan': [
    ['Jalan berlubang membahayakan', 'Lubang besar di tengah jalan dekat simpang, sudah beberapa pengendara motor terjatuh.'],
    ['Lampu jalan padam', 'Lampu penerangan jalan di ruas ini padam sejak dua minggu, rawan kejahatan di malam hari.'],
    ['Drainase tersumbat', 'Saluran air tersumbat sehingga jalan tergenang setiap hujan deras.'],
  ],
  kebersihan: [
    ['Sampah tidak diangkut', 'Tempat penampungan sampah di lingkungan kami tidak diangkut seminggu dan mulai berbau.'],
    ['Pembuangan sampah liar', 'Ada pembuangan sampah liar di lahan kosong dekat sekolah, mohon ditertibkan.'],
  ],
  kesehatan: [
    ['Antrean puskesmas lama', 'Pasien harus menunggu lebih dari tiga jam di puskesmas, loket pendaftaran hanya satu.'],
    ['Obat di apotek puskesmas kosong', 'Obat rutin untuk penyakit kronis sering kosong di apotek puskesmas.'],
  ],
  pendidikan: [
    ['Pungutan di sekolah negeri', 'Orang tua diminta membayar uang seragam dan kegiatan yang cukup besar di sekolah negeri.'],
    ['Sistem pendaftaran sekolah bermasalah', 'Situs pendaftaran sekolah tidak bisa diakses pada hari terakhir pendaftaran.'],
  ],
  'bantuan-sosial': [
    ['Bantuan sosial tidak tepat sasaran', 'Keluarga mampu di lingkungan kami menerima bantuan sementara warga miskin tidak terdaftar.'],
    ['Bantuan belum cair', 'Bantuan untuk keluarga kami belum diterima padahal nama tercantum dalam daftar penerima.'],
  ],
  lainnya: [
    ['Usul ruang terbuka hijau', 'Kami mengusulkan lahan kosong milik pemerintah di kelurahan dijadikan taman warga.'],
    ['Informasi jadwal layanan', 'Mohon informasi jadwal layanan keliling di kecamatan kami untuk bulan depan.'],
  ],
};
const FALLBACK_TEXTS = TEXTS.lainnya as readonly (readonly [string, string])[];
const PLAN = 'Laporan sudah kami terima dan sedang kami periksa bersama bidang terkait.';
const RESPONSE = 'Petugas kami sudah menindaklanjuti laporan ini di lokasi; mohon konfirmasi bila masalah masih ada.';
const ARCHIVE_REASONS = ['not_authority', 'unclear', 'duplicate'] as const;
const GUEST_NAMES = ['Budi', 'Sari', 'Agus', 'Dewi', 'Rudi', 'Lina', 'Hendra', 'Yuni'];
const DAY_MS = 24 * 3600 * 1000;

function routeFor(input: ComplaintGeneratorInput, categoryCode: string, regionCode: string): string {
  // The most specific rule wins: category and region (the longest matching prefix), then either alone.
  let best: { agencyId: string; score: number } | undefined;
  for (const route of input.routes) {
    if (route.categoryCode !== null && route.categoryCode !== categoryCode) continue;
    if (route.regionCode !== null && regionCode !== route.regionCode && !regionCode.startsWith(`${route.regionCode}.`)) continue;
    const score = (route.categoryCode ? 100 : 0) + (route.regionCode?.length ?? 0);
    if (!best || score > best.score) best = { agencyId: route.agencyId, score };
  }
  return best?.agencyId ?? (input.agencyIds[Math.abs(hash(categoryCode + regionCode)) % input.agencyIds.length] as string);
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** One COPY-ready complaint and its timeline, for a report filed `ageDays` ago. */
export function createComplaintGenerator(input: ComplaintGeneratorInput) {
  const { random, now } = input;
  const stages = new Map<string, { warnAt: Date; dueAt: Date }>();
  const stage = (at: number, workingDays: number) => {
    // Stages run from the next local midnight, so the day decides them.
    const key = `${localDate(new Date(at), input.calendar.timeZone)}|${workingDays}`;
    let times = stages.get(key);
    if (!times) {
      times = workingStage(new Date(at), workingDays, input.calendar);
      stages.set(key, times);
    }
    return times;
  };

  return (serial: number, id: string, trackingId: string) => {
    const category = random.pick(input.categories as ComplaintCategoryView[]);
    const region = random.pick(input.regions as ComplaintGeneratorInput['regions'][number][]);
    const [title, description] = random.pick((TEXTS[category.code] ?? FALLBACK_TEXTS) as (readonly [string, string])[]);
    const kindDraw = random.next();
    const kind = kindDraw < 0.8 ? 'complaint' : kindDraw < 0.95 ? 'aspiration' : 'information_request';
    const ageDays = random.next() ** 1.6 * 365;
    const createdAt = Math.min(now - ageDays * DAY_MS, now - 60_000);
    const channelDraw = random.next();
    const channel = channelDraw < 0.85 ? 'web' : channelDraw < 0.95 ? 'open311' : 'counter';
    const isSecret = random.next() < 0.35;
    const isAnonymous = random.next() < 0.3;
    const key = input.keys[serial % input.keys.length] as DataKey;
    const byAccount = channel !== 'open311' && random.next() < 0.55 && input.citizenIds.length > 0;
    const reporterAccountId = byAccount ? random.pick(input.citizenIds as string[]) : null;
    const guestName = random.pick(GUEST_NAMES);
    const reporterEnc = byAccount
      ? null
      : input.seal(key.key, JSON.stringify({ name: guestName, email: `pelapor.${serial}@contoh.loket.test`, locale: 'id' }), reporterContext(id));
    const followUp = byAccount || channel === 'open311' ? null : followUpHash(`${input.run}:${serial}`);
    const point =
      region.point && random.next() < 0.6 ? ([region.point[0] + (random.next() - 0.5) * 0.04, region.point[1] + (random.next() - 0.5) * 0.04] as const) : null;

    // How far it got, by age: the young mostly wait for verification; the old are mostly closed.
    const draw = random.next();
    const target =
      ageDays < 2
        ? draw < 0.75
          ? 'unverified'
          : 'not_followed_up'
        : ageDays < 10
          ? draw < 0.1
            ? 'unverified'
            : draw < 0.2
              ? 'archived'
              : draw < 0.45
                ? 'not_followed_up'
                : draw < 0.85
                  ? 'in_process'
                  : 'done'
          : draw < 0.1
            ? 'archived'
            : draw < 0.13
              ? 'postponed'
              : draw < 0.2
                ? 'in_process'
                : draw < 0.28
                  ? 'done'
                  : 'closed';
    const late = random.next() < 0.15;
    const agencyId = target === 'unverified' || target === 'archived' ? null : routeFor(input, category.code, region.code);
    const events: (string | Date | null)[][] = [[id, null, new Date(createdAt), 'filed', 'reporter', null, 'public', null]];
    const verify = stage(createdAt, category.verifyWorkingDays);
    let status: string = target;
    let stageName: string | null = null;
    let stageSeq = 1;
    let times: { warnAt: Date; dueAt: Date } | null = verify;
    let resolveDueAt: Date | null = null;
    let verifiedAt: Date | null = null;
    let followedUpAt: Date | null = null;
    let respondedAt: Date | null = null;
    let closedAt: Date | null = null;
    let closedBy: string | null = null;
    let rating: number | null = null;
    let archiveReason: string | null = null;
    let updatedAt = createdAt;
    const until = (limit: Date, fraction: number) => Math.min(createdAt + (limit.getTime() - createdAt) * fraction, now - 60_000);

    if (target === 'unverified') stageName = 'verify';
    else if (target === 'archived') {
      updatedAt = until(verify.dueAt, 0.3 + random.next() * 0.6);
      archiveReason = random.pick([...ARCHIVE_REASONS]);
      times = null;
      events.push([id, null, new Date(updatedAt), 'archived', 'complaints_desk', null, 'public', null]);
    } else {
      // Verified and forwarded, late now and then.
      const verified = late && random.next() < 0.5 ? verify.dueAt.getTime() + random.next() * 2 * DAY_MS : until(verify.dueAt, 0.2 + random.next() * 0.7);
      verifiedAt = new Date(Math.min(verified, now - 60_000));
      resolveDueAt = new Date(verifiedAt.getTime() + category.resolveDays * DAY_MS);
      updatedAt = verifiedAt.getTime();
      events.push([id, agencyId, verifiedAt, 'forwarded', 'complaints_desk', null, 'public', null]);
      const plan = stage(verifiedAt.getTime(), category.planWorkingDays);
      stageName = 'plan';
      stageSeq = 2;
      times = plan;
      status = 'not_followed_up';
      if (target !== 'not_followed_up') {
        followedUpAt = new Date(
          Math.min(verifiedAt.getTime() + (plan.dueAt.getTime() - verifiedAt.getTime()) * (0.2 + random.next() * (late ? 1.3 : 0.7)), now - 60_000),
        );
        updatedAt = followedUpAt.getTime();
        events.push([id, agencyId, followedUpAt, 'plan', 'officer', agencyId, 'public', PLAN]);
        stageName = 'resolve';
        stageSeq = 3;
        times = { warnAt: new Date(followedUpAt.getTime() + (resolveDueAt.getTime() - followedUpAt.getTime()) * 0.75), dueAt: resolveDueAt };
        status = target === 'postponed' ? 'postponed' : 'in_process';
        if (target === 'postponed')
          events.push([id, agencyId, new Date(Math.min(updatedAt + DAY_MS, now - 60_000)), 'postponed', 'officer', agencyId, 'public', null]);
      }
      if (target === 'done' || target === 'closed') {
        const span = resolveDueAt.getTime() - (followedUpAt as Date).getTime();
        const answered = late ? resolveDueAt.getTime() + random.next() * 20 * DAY_MS : (followedUpAt as Date).getTime() + span * (0.05 + random.next() * 0.6);
        respondedAt = new Date(Math.min(answered, now - 60_000));
        updatedAt = respondedAt.getTime();
        events.push([id, agencyId, respondedAt, 'responded', 'officer', agencyId, 'public', RESPONSE]);
        stageName = 'confirm';
        stageSeq = 4;
        times = stage(respondedAt.getTime(), category.autoCloseWorkingDays);
        status = 'done';
        if (target === 'closed' && times.dueAt.getTime() < now) {
          const byReporter = random.next() < 0.55;
          closedAt = byReporter ? new Date(respondedAt.getTime() + random.next() * (times.dueAt.getTime() - respondedAt.getTime())) : times.dueAt;
          closedBy = byReporter ? 'reporter' : 'timeout';
          updatedAt = closedAt.getTime();
          events.push([id, agencyId, closedAt, byReporter ? 'accepted' : 'closed', byReporter ? 'reporter' : 'system', null, 'public', null]);
          if (byReporter && random.next() < 0.7) {
            const r = random.next();
            rating = late ? (r < 0.3 ? 1 : r < 0.6 ? 2 : r < 0.85 ? 3 : 4) : r < 0.05 ? 2 : r < 0.2 ? 3 : r < 0.6 ? 4 : 5;
            events.push([id, agencyId, closedAt, 'rated', 'reporter', null, 'public', null]);
          }
          status = 'closed';
          stageName = null;
          times = null;
        }
      }
    }

    const row = [
      id,
      trackingId,
      kind,
      category.code,
      channel,
      title,
      description,
      localDate(new Date(createdAt - random.int(5) * DAY_MS), input.calendar.timeZone),
      region.code,
      null,
      point ? point[0].toFixed(6) : null,
      point ? point[1].toFixed(6) : null,
      isSecret,
      isAnonymous,
      reporterAccountId,
      key.id,
      reporterEnc,
      followUp,
      status,
      archiveReason,
      agencyId,
      stageName,
      stageSeq,
      times?.warnAt ?? null,
      times?.dueAt ?? null,
      resolveDueAt,
      verifiedAt,
      verifiedAt,
      followedUpAt,
      respondedAt,
      closedAt,
      closedBy,
      rating,
      rating === null ? null : closedAt,
      new Date(createdAt),
      new Date(Math.max(updatedAt, createdAt)),
    ];
    return { row, events };
  };
}
