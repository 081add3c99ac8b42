import type { Field, FieldValue, FormData } from '../../platform/forms/form-schema.ts';
import type { VersionView } from './application-records.ts';
import type { ApplicationStatus } from './applications.tables.ts';

// Synthetic applicants and answers shared by the demo seed and the scale seed (src/seed-scale), so both
// draw the same kind of data: deterministic, valid, and plainly made up.

const DAY_MS = 24 * 3600 * 1000;

/** Who an answer is about: what prefilled fields take from the applicant. */
export interface DemoPerson {
  nik: string;
  fullName: string;
  birthDate: string;
  email: string;
  phone: string;
}

export const FIRST_NAMES = [
  'Agus',
  'Budi',
  'Citra',
  'Dewi',
  'Eko',
  'Fitri',
  'Gilang',
  'Hana',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Made',
  'Nur',
  'Putu',
  'Rina',
  'Sari',
  'Teguh',
  'Wayan',
  'Yusuf',
];
export const LAST_NAMES = [
  'Pratama',
  'Saputra',
  'Wulandari',
  'Hidayat',
  'Nugroho',
  'Siregar',
  'Simanjuntak',
  'Lubis',
  'Kusuma',
  'Setiawan',
  'Rahmawati',
  'Purnomo',
  'Hakim',
  'Susanti',
  'Tanjung',
];
export const INFORMATION_REQUESTS = [
  'Foto dokumen pendukung kurang jelas. Unggah ulang dengan pencahayaan yang baik.',
  'Mohon lampirkan surat keterangan dari kelurahan.',
  'Nama pada formulir berbeda dengan dokumen. Mohon jelaskan atau unggah dokumen yang sesuai.',
];

/** A small deterministic generator, so every development database gets the same demo data. */
export function seededRandom(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

export type Random = ReturnType<typeof seededRandom>;

/** A valid NIK of Kota Bandung, district 05 (no demo account uses it), with the person's birth date and sex. */
export function syntheticNik(serial: number, birth: Date, female: boolean): string {
  const day = birth.getUTCDate() + (female ? 40 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  return `327305${two(day)}${two(birth.getUTCMonth() + 1)}${two(birth.getUTCFullYear() % 100)}${String(serial).padStart(4, '0')}`;
}

/** A plausible answer for each field; checks are not run on demo data, and uploads are left out. */
function demoAnswer(field: Field, who: DemoPerson, random: Random): FieldValue | undefined {
  switch (field.type) {
    case 'text':
      return field.prefill === 'fullName' ? who.fullName : `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    case 'longText':
      return 'Keterangan tambahan untuk permohonan ini.';
    case 'nik':
      return field.prefill === 'nik'
        ? who.nik
        : syntheticNik(9000 + random.int(999), new Date(Date.UTC(2020, random.int(12), 1 + random.int(28))), random.next() < 0.5);
    case 'nib':
      return '9120001234567';
    case 'email':
      return who.email;
    case 'phone':
      return who.phone;
    case 'number':
      return Math.max(field.min ?? 1, 1 + random.int(5));
    case 'money':
      return (field.min ?? 0) + 1_000_000 * (1 + random.int(20));
    case 'date':
      return field.prefill === 'birthDate' ? who.birthDate : new Date(Date.now() - random.int(3000) * DAY_MS).toISOString().slice(0, 10);
    case 'select':
    case 'radios':
      return random.pick(field.options).value;
    case 'checkboxes':
      return [random.pick(field.options).value];
    case 'address':
      return { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: `Jl. Ir. H. Juanda No. ${1 + random.int(300)}` };
    case 'geoPoint':
      return { lat: -6.89 + random.next() / 100, lng: 107.61 + random.next() / 100 };
    case 'file':
      return undefined;
  }
}

export function demoAnswers(version: VersionView, who: DemoPerson, random: Random): FormData {
  const answers: FormData = {};
  for (const field of version.form.pages.flatMap((page) => page.fields)) {
    const answer = demoAnswer(field, who, random);
    if (answer !== undefined) answers[field.name] = answer;
  }
  return answers;
}

/** A status that fits the application's age: old ones are mostly finished, recent ones mostly open. */
export function statusFor(ageDays: number, random: Random): ApplicationStatus {
  const r = random.next();
  if (ageDays < 3) return r < 0.7 ? 'submitted' : 'in_review';
  if (ageDays < 20)
    return r < 0.25 ? 'submitted' : r < 0.6 ? 'in_review' : r < 0.75 ? 'information_requested' : r < 0.85 ? 'approved' : r < 0.95 ? 'issued' : 'withdrawn';
  return r < 0.03 ? 'in_review' : r < 0.06 ? 'information_requested' : r < 0.8 ? 'issued' : r < 0.93 ? 'rejected' : 'withdrawn';
}

export const STATUS_PATHS: Record<ApplicationStatus, readonly string[]> = {
  submitted: ['submitted'],
  in_review: ['submitted', 'received'],
  information_requested: ['submitted', 'received', 'information_requested'],
  approved: ['submitted', 'received', 'checked', 'decided'],
  issued: ['submitted', 'received', 'checked', 'decided', 'issued'],
  rejected: ['submitted', 'received', 'checked', 'decided'],
  withdrawn: ['submitted', 'received', 'withdrawn'],
};

export const OPEN_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['submitted', 'in_review', 'information_requested']);
