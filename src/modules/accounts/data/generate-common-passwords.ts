/**
 * Writes common-passwords.txt: the passwords Loket refuses as too easy to guess. Published breach
 * lists cannot be downloaded here, so the list is built the way such passwords are made: weak base
 * words (English and Indonesian), names, keyboard walks and digit runs, with the suffixes, years and
 * letter-for-digit swaps people add to pass a length rule. Entries shorter than 10 characters are
 * left out: the minimum length already refuses them. The output is deterministic and sorted, and a
 * test checks the committed file against it, so edit this script and run it, never the file:
 *
 *   npx tsx src/modules/accounts/data/generate-common-passwords.ts
 */
import { writeFileSync } from 'node:fs';

export const MIN_ENTRY_LENGTH = 10;

// Word lists as whitespace-separated text: easy to extend, and the formatter leaves them compact.
const words = (text: string): string[] => text.trim().split(/\s+/);

const ENGLISH = words(`
  password qwerty iloveyou admin administrator welcome monkey dragon football baseball basketball soccer sunshine princess
  letmein master shadow superman batman spiderman starwars trustno1 whatever computer freedom secret summer winter samsung
  google facebook instagram youtube chocolate butterfly liverpool chelsea arsenal manchester manutd barcelona realmadrid
  internet pokemon minecraft hello helloworld loveme lovely angel blessed jesus family forever friends happy killer hunter
  charlie flower cookie banana orange purple silver golden diamond matrix access login changeme default guest testing
  abcdef abcdefgh passpass mypassword newpassword qwertyuiop
`);

const INDONESIAN = words(`
  sayang sayangku sayangkamu rahasia rahasiaku indonesia bismillah alhamdulillah assalamualaikum allahuakbar subhanallah
  masyaallah insyaallah astaghfirullah cinta cintaku cintaabadi akucintakamu akusayangkamu kamu kangen rindu merdeka
  garuda pancasila nusantara jakarta bandung surabaya semarang yogyakarta jogja medan makassar palembang malang bogor
  bekasi depok tangerang denpasar persib persija persebaya arema bobotoh jakmania bonek doraemon naruto ganteng cantik
  manis kucing kucingku anjing keluarga mamah mamahku papah ibuku bapak ayahku bunda anakku istriku suamiku pacarku
  selamanya bahagia semangat sukses berkah barokah amanah ikhlas sabar katasandi sandi kunci masuk pegawai kantor
  kelurahan kecamatan sekolah mahasiswa telkomsel indosat gratis
`);

const NAMES = words(`
  agus budi dewi siti putri putra andi rizky rizki fajar dian indah ayu rina wati yuni yanti ratna lestari wahyu hendra
  joko bambang slamet teguh agung bayu dimas reza fitri nurul muhammad ahmad abdul aditya bagus rahmat hidayat kurniawan
  setiawan saputra pratama santoso wijaya gunawan hartono michael jennifer jessica daniel
`);

const KEYBOARD_WALKS = words(`
  qwertyui asdfgh asdfghjk asdfghjkl zxcvbn zxcvbnm qazwsx qazwsxedc 1qaz2wsx 1qaz2wsx3edc zaq12wsx 1q2w3e4r 1q2w3e4r5t
  1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 qwer1234 asdf1234 zxcv1234 1234qwer 1234asdf !qaz@wsx !qaz2wsx poiuytrewq lkjhgfdsa
  mnbvcxz qweasdzxc qweasd 123qwe 123qweasd 123qweasdzxc 1qazxsw2 qwertyqwerty azerty qwertz
`);

const DIGIT_RUNS = words(`
  1234567890 0123456789 0987654321 9876543210 12345678910 1212121212 1231231231 123123123123 1234512345 1122334455
  1111122222 1357924680 2468013579 123456123456 1472583690 1234554321 1234567812345678 12341234 5201314520 12344321
`);

// Independence Day and other dates people remember.
const DATES = words(`
  17081945 17-08-1945 17agustus1945 merdeka1945 indonesia1945 01012000 01-01-2000 31122000
`);

const SUFFIXES = ['', '1', '12', '123', '1234', '12345', '123456', '!', '!!', '1!', '123!', '@123', '01', '11', '007', '99', '00', '321', '.'];
// Swapped spellings mostly come with the shortest suffixes.
const LEET_SUFFIXES = ['', '1', '12', '123', '1234', '!', '123!', '@123'];
const YEARS = Array.from({ length: 2030 - 1950 + 1 }, (_, i) => String(1950 + i));

// One swap at a time and the full swap: people change just enough letters to get past a filter.
const LEET_SWAPS: ReadonlyArray<Readonly<Record<string, string>>> = [
  { a: '@' },
  { a: '4' },
  { o: '0' },
  { e: '3' },
  { i: '1' },
  { s: '$' },
  { a: '4', e: '3', i: '1', o: '0', s: '5' },
  { a: '@', e: '3', i: '!', o: '0', s: '$' },
];

function leetVariants(word: string): string[] {
  return LEET_SWAPS.map((swap) => [...word].map((letter) => swap[letter] ?? letter).join('')).filter((variant) => variant !== word);
}

/** The list, lower-cased (it is compared case-insensitively), deduplicated and sorted. */
export function generateCommonPasswords(): string[] {
  const entries = new Set<string>();
  const add = (candidate: string) => {
    // A leading # would read as a comment line in the file.
    if ([...candidate].length >= MIN_ENTRY_LENGTH && !candidate.startsWith('#')) entries.add(candidate.toLowerCase());
  };
  for (const word of [...ENGLISH, ...INDONESIAN]) {
    for (const suffix of [...SUFFIXES, ...YEARS]) add(word + suffix);
    for (const variant of leetVariants(word)) for (const suffix of LEET_SUFFIXES) add(variant + suffix);
    add(word + word);
  }
  for (const name of NAMES) {
    for (const suffix of [...SUFFIXES, ...YEARS]) add(name + suffix);
    for (const word of ['sayang', 'cinta', 'iloveyou', 'love']) add(word + name);
  }
  for (const walk of KEYBOARD_WALKS) for (const suffix of SUFFIXES) add(walk + suffix);
  for (const run of [...DIGIT_RUNS, ...DATES]) for (const suffix of ['', '!', '.', '@']) add(run + suffix);
  for (let digit = 0; digit <= 9; digit++) for (let length = MIN_ENTRY_LENGTH; length <= 16; length++) add(String(digit).repeat(length));
  return [...entries].sort();
}

export function commonPasswordsFile(): string {
  const header = ['# Common passwords Loket refuses (10 characters or more, lower case).', '# Generated by generate-common-passwords.ts: do not edit by hand.'];
  return `${[...header, ...generateCommonPasswords()].join('\n')}\n`;
}

if (import.meta.main) {
  writeFileSync(new URL('./common-passwords.txt', import.meta.url), commonPasswordsFile());
}
