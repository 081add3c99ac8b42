import { MIN_PUBLISHED_COUNT } from '../../platform/statistics/small-counts.ts';
import type { SurveysService } from '../surveys/surveys.contract.ts';
import type { TransparencyService } from '../transparency/transparency.service.ts';
import { publishedOrNull } from '../transparency/transparency.service.ts';
import { PLATFORM_PUBLISHER } from './opendata.datasets.ts';
import type { Column, Dataset } from './opendata.registry.ts';

// Performance datasets built on the transparency module's rollups (daily statistics) and the surveys
// module's index (SKM). Both modules protect small counts themselves; the registry does it again for
// every person-count column, so a change on their side cannot publish a cell under five.

/** The first day the performance datasets cover: Loket's first year of service. */
export const PERFORMANCE_SINCE = '2020-01-01';

const WIB_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Calendar windows [from, to] (yyyy-mm-dd, WIB), `months` long, from PERFORMANCE_SINCE to today. */
export function windows(months: number, today: Date): { from: string; to: string; label: string }[] {
  const end = WIB_DAY.format(today);
  const out: { from: string; to: string; label: string }[] = [];
  for (let start = new Date(`${PERFORMANCE_SINCE}T00:00:00Z`); start.toISOString().slice(0, 10) <= end; ) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
    const last = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
    const from = start.toISOString().slice(0, 10);
    out.push({ from, to: last.localeCompare(end) < 0 ? last : end, label: `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}` });
    start = next;
  }
  return out;
}

const count = (name: string, id: string, en: string): Column => ({ name, type: 'integer', unit: 'people', personCount: true, description: { id, en } });

const dailyColumns: Column[] = [
  { name: 'day', type: 'date', description: { id: 'Hari (WIB).', en: 'Day (WIB).' } },
  { name: 'agency_code', type: 'string', description: { id: 'Kode instansi.', en: 'Agency code.' } },
  {
    name: 'unit_code',
    type: 'string',
    nullable: true,
    description: { id: 'Kode unit pelayanan; kosong bila tidak tercatat.', en: 'Service office code; empty when not recorded.' },
  },
  {
    name: 'service_code',
    type: 'string',
    description: { id: 'Kode layanan (seperti di katalog layanan).', en: 'Service code (as in the service catalogue).' },
  },
  count('received', 'Permohonan yang masuk hari itu.', 'Applications received that day.'),
  count('completed', 'Permohonan yang selesai hari itu.', 'Applications completed that day.'),
  count('completed_on_time', 'Yang selesai dalam jangka waktu standar.', 'Of those, completed within the standard time limit.'),
  {
    name: 'median_days',
    type: 'integer',
    unit: 'days',
    nullable: true,
    description: {
      id: 'Median lama penyelesaian (hari kalender) permohonan yang selesai hari itu.',
      en: 'Median completion time (calendar days) of that day’s completions.',
    },
  },
  {
    name: 'p90_days',
    type: 'integer',
    unit: 'days',
    nullable: true,
    description: { id: 'Persentil ke-90 lama penyelesaian.', en: '90th percentile of completion time.' },
  },
  count('backlog', 'Permohonan yang masuk hari itu dan masih diproses sekarang.', 'Applications received that day that are still open now.'),
];

/** (3) Daily aggregate statistics per service and unit, read one month at a time. */
export function dailyStatisticsDataset(transparency: Pick<TransparencyService, 'dailyStatistics'>, clock: () => Date = () => new Date()): Dataset {
  return {
    id: 'daily-service-statistics',
    title: { id: 'Statistik harian per layanan dan unit', en: 'Daily statistics per service and office' },
    description: {
      id: 'Per hari, instansi, unit, dan layanan: permohonan masuk, selesai, selesai tepat waktu, lama penyelesaian, dan yang masih diproses. Angka di bawah 5 orang dikosongkan.',
      en: 'Per day, agency, office and service: applications received, completed, completed on time, completion time, and still open. Counts under 5 people are left empty.',
    },
    keywords: [
      { id: 'kinerja', en: 'performance' },
      { id: 'statistik', en: 'statistics' },
      { id: 'waktu layanan', en: 'service time' },
    ],
    publisher: PLATFORM_PUBLISHER,
    updateFrequency: 'DAILY',
    temporalCoverage: { id: `Sejak ${PERFORMANCE_SINCE} sampai hari ini.`, en: `From ${PERFORMANCE_SINCE} to today.` },
    columns: dailyColumns,
    async *rows() {
      for (const { from, to } of windows(1, clock())) {
        for (const row of await transparency.dailyStatistics(from, to)) {
          yield {
            day: row.day,
            agency_code: row.agencyCode,
            unit_code: row.unitCode,
            service_code: row.serviceCode,
            received: publishedOrNull(row.received),
            completed: publishedOrNull(row.completed),
            completed_on_time: publishedOrNull(row.completedOnTime),
            median_days: publishedOrNull(row.medianDays),
            p90_days: publishedOrNull(row.p90Days),
            backlog: publishedOrNull(row.backlog),
          };
        }
      }
    },
  };
}

const nrrColumns: Column[] = Array.from({ length: 9 }, (_, index) => ({
  name: `nrr_u${index + 1}`,
  type: 'number',
  nullable: true,
  description: { id: `Nilai rata-rata unsur U${index + 1} (1–4).`, en: `Average score of element U${index + 1} (1–4).` },
}));

const skmColumns: Column[] = [
  { name: 'period', type: 'string', description: { id: 'Triwulan, misalnya 2026-Q1.', en: 'Quarter, e.g. 2026-Q1.' } },
  { name: 'period_start', type: 'date', description: { id: 'Hari pertama periode.', en: 'First day of the period.' } },
  {
    name: 'period_end',
    type: 'date',
    description: { id: 'Hari terakhir periode (hari ini untuk triwulan berjalan).', en: 'Last day of the period (today for the current quarter).' },
  },
  {
    name: 'unit_id',
    type: 'string',
    nullable: true,
    description: {
      id: 'Pengenal tetap unit di Loket; kosong untuk jawaban tanpa unit.',
      en: 'The office’s stable id on Loket; empty for answers without an office.',
    },
  },
  { name: 'unit_code', type: 'string', nullable: true, description: { id: 'Kode unit pelayanan.', en: 'Service office code.' } },
  { name: 'unit_name_id', type: 'string', nullable: true, description: { id: 'Nama unit.', en: 'Office name (Indonesian).' } },
  { name: 'unit_name_en', type: 'string', nullable: true, description: { id: 'Nama unit (bahasa Inggris).', en: 'Office name (English).' } },
  count('respondents', 'Jumlah responden SKM.', 'Number of SKM respondents.'),
  count('population', 'Orang yang dilayani dalam periode (diundang mengisi survei).', 'People served in the period (invited to answer).'),
  ...nrrColumns,
  { name: 'ikm', type: 'number', nullable: true, description: { id: 'Indeks kepuasan (Σ NRR × 1/9), 1–4.', en: 'Satisfaction index (Σ NRR × 1/9), 1–4.' } },
  { name: 'score', type: 'number', nullable: true, description: { id: 'Nilai konversi IKM × 25, 25–100.', en: 'Converted score IKM × 25, 25–100.' } },
  {
    name: 'grade',
    type: 'string',
    nullable: true,
    enum: ['A', 'B', 'C', 'D'],
    description: { id: 'Mutu pelayanan: A Sangat Baik, B Baik, C Kurang Baik, D Tidak Baik.', en: 'Grade: A very good, B good, C less than good, D not good.' },
  },
  {
    name: 'sample_adequate',
    type: 'boolean',
    nullable: true,
    description: { id: 'Apakah jumlah responden cukup menurut tabel Krejcie–Morgan.', en: 'Whether the respondents are enough by the Krejcie–Morgan table.' },
  },
];

/** (4) SKM results (PermenPANRB 14/2017) per office and quarter; scores withheld under five respondents. */
export function skmDataset(surveys: Pick<SurveysService, 'indexBy'>, clock: () => Date = () => new Date()): Dataset {
  return {
    id: 'skm-per-unit',
    title: { id: 'Survei Kepuasan Masyarakat (SKM) per unit dan triwulan', en: 'Public satisfaction survey (SKM) per office and quarter' },
    description: {
      id: 'Indeks Kepuasan Masyarakat per unit pelayanan dan triwulan, dihitung sesuai PermenPANRB 14/2017: NRR sembilan unsur, IKM, nilai konversi, dan mutu. Nilai tidak diterbitkan bila responden kurang dari 5.',
      en: 'The public satisfaction index per service office and quarter, computed as PermenPANRB 14/2017 says: the nine elements’ averages, the index, the converted score and the grade. Scores are not published under 5 respondents.',
    },
    keywords: [
      { id: 'SKM', en: 'SKM' },
      { id: 'kepuasan masyarakat', en: 'public satisfaction' },
      { id: 'IKM', en: 'satisfaction index' },
    ],
    publisher: PLATFORM_PUBLISHER,
    updateFrequency: 'DAILY',
    temporalCoverage: { id: `Per triwulan sejak ${PERFORMANCE_SINCE}.`, en: `Quarterly from ${PERFORMANCE_SINCE}.` },
    columns: skmColumns,
    async *rows() {
      for (const { from, to, label } of windows(3, clock())) {
        for (const group of await surveys.indexBy('unit', { from, to })) {
          if (group.respondents === 0) continue;
          // Scores of fewer than five respondents could be one person's answers: withheld here too.
          const index = group.suppressed || group.respondents < MIN_PUBLISHED_COUNT ? undefined : group.index;
          yield {
            period: label,
            period_start: from,
            period_end: to,
            unit_id: group.key,
            unit_code: group.name?.code ?? null,
            unit_name_id: group.name?.id ?? null,
            unit_name_en: group.name?.en ?? null,
            respondents: group.respondents,
            population: group.population,
            ...Object.fromEntries(nrrColumns.map((column, element) => [column.name, index?.nrr[element] ?? null])),
            ikm: index?.ikm ?? null,
            score: index?.score ?? null,
            grade: index?.grade ?? null,
            sample_adequate: index?.sample?.adequate ?? null,
          };
        }
      }
    },
  };
}
