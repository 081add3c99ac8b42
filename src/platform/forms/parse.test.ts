import { describe, expect, it } from 'vitest';
import type { Field, FormPage } from './form-schema.ts';
import { parsePagePost } from './parse.ts';
import { base } from './test-support.ts';

function pageOf(...fields: Field[]): FormPage {
  return { id: 'only', title: { id: 'Halaman', en: 'Page' }, fields };
}

/** A body as the urlencoded parser gives it: a prototype-less object. */
function body(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null), entries);
}

const options = [
  { value: 'ktp', label: { id: 'KTP', en: 'Identity card' } },
  { value: 'kk', label: { id: 'KK', en: 'Family card' } },
  { value: 'akta', label: { id: 'Akta', en: 'Certificate' } },
];

const everyType = pageOf(
  { ...base('name'), type: 'text' },
  { ...base('story'), type: 'longText' },
  { ...base('nik'), type: 'nik' },
  { ...base('nib'), type: 'nib' },
  { ...base('phone'), type: 'phone' },
  { ...base('email'), type: 'email' },
  { ...base('count'), type: 'number' },
  { ...base('income'), type: 'money' },
  { ...base('born'), type: 'date' },
  { ...base('doc'), type: 'select', options },
  { ...base('kind'), type: 'radios', options },
  { ...base('docs'), type: 'checkboxes', options },
  { ...base('home'), type: 'address' },
  { ...base('spot'), type: 'geoPoint' },
  { ...base('scan'), type: 'file', accept: ['application/pdf'], maxSizeBytes: 1024 * 1024, maxFiles: 1 },
);

describe('parsePagePost', () => {
  it('reads every field type into its typed answer', () => {
    const data = parsePagePost(
      everyType,
      body({
        name: '  Siti Aminah  ',
        story: 'Baris satu\r\nBaris dua\u0000',
        nik: '3273 0141 0190 0001',
        nib: '1234-5678-90123',
        phone: '0812-3456-7890',
        email: ' Siti@Contoh.CO.ID ',
        count: '3,5',
        income: 'Rp 1.500.000',
        'born[day]': '7',
        'born[month]': '3',
        'born[year]': '2024',
        doc: 'kk',
        kind: 'akta',
        docs: ['akta', 'ktp'],
        'home[provinceCode]': '32',
        'home[regencyCode]': '32.73',
        'home[district]': 'Coblong',
        'home[village]': 'Dago',
        'home[street]': 'Jl. Ir. H. Juanda No. 1',
        'spot[lat]': '-6,9175',
        'spot[lng]': '107.6191',
        scan: 'should be ignored',
      }),
    );
    expect(data).toEqual({
      name: 'Siti Aminah',
      story: 'Baris satu\nBaris dua',
      nik: '3273014101900001',
      nib: '1234567890123',
      phone: '+6281234567890',
      email: 'siti@contoh.co.id',
      count: 3.5,
      income: 1500000,
      born: '2024-03-07',
      doc: 'kk',
      kind: 'akta',
      docs: ['ktp', 'akta'],
      home: { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: 'Jl. Ir. H. Juanda No. 1' },
      spot: { lat: -6.9175, lng: 107.6191 },
    });
  });

  it('reads nested parts as a qs-style parser or a JSON client sends them', () => {
    const data = parsePagePost(everyType, { born: { day: '31', month: '12', year: '1999' }, spot: { lat: '1', lng: '120' } });
    expect(data.born).toBe('1999-12-31');
    expect(data.spot).toEqual({ lat: 1, lng: 120 });
  });

  it('gives an empty form empty answers, and no answer for a file field', () => {
    const data = parsePagePost(everyType, body({}));
    expect(data).toEqual({
      name: '',
      story: '',
      nik: '',
      nib: '',
      phone: '',
      email: '',
      count: '',
      income: '',
      born: '',
      doc: '',
      kind: '',
      docs: [],
      home: { provinceCode: '', regencyCode: '', district: '', village: '', street: '' },
      spot: '',
    });
    expect(Object.hasOwn(data, 'scan')).toBe(false);
  });

  it('keeps what was typed when it is not a valid identifier, so the page can show it again', () => {
    const data = parsePagePost(everyType, body({ nib: 'ABC 123', phone: '021 555 1234', email: 'siti at contoh' }));
    expect(data.nib).toBe('ABC 123');
    expect(data.phone).toBe('021 555 1234');
    expect(data.email).toBe('siti at contoh');
  });

  it.each([
    ['12 kg', '12 kg'],
    ['1.500.000', '1.500.000'],
    ['-4', -4],
    ['1e400', '1e400'],
  ])('reads the number %j as %j', (typed, expected) => {
    expect(parsePagePost(everyType, body({ count: typed })).count).toEqual(expected);
  });

  it.each([
    ['1500000', 1500000],
    ['1,500,000', 1500000],
    ['Rp1.500.000,00', 1500000],
    ['rp. 750', 750],
    ['-5000', -5000],
    ['1500,50', '1500,50'],
    ['lima ribu', 'lima ribu'],
    ['99999999999999999999', '99999999999999999999'],
  ])('reads the rupiah amount %j as %j', (typed, expected) => {
    expect(parsePagePost(everyType, body({ income: typed })).income).toEqual(expected);
  });

  it.each([
    [{ day: '31', month: '2', year: '2024' }, '2024-2-31'],
    [{ day: '', month: '3', year: '2024' }, '2024-3-'],
    [{ day: '1', month: '1', year: '24' }, '24-1-1'],
    [{ day: '1-2', month: '1', year: '2024' }, '2024-1-1 2'],
    [{ day: 'x', month: '', year: '' }, '--x'],
  ])('keeps the typed parts of the date %j that is not real as %j', (parts, expected) => {
    const posted = body({ 'born[day]': parts.day, 'born[month]': parts.month, 'born[year]': parts.year });
    expect(parsePagePost(everyType, posted).born).toBe(expected);
  });

  it('keeps a point that is not two numbers as its typed text', () => {
    expect(parsePagePost(everyType, body({ 'spot[lat]': '-6;2', 'spot[lng]': '' })).spot).toBe('-6 2;');
  });

  it('drops checkbox values that are not options, and repeats', () => {
    expect(parsePagePost(everyType, body({ docs: ['kk', 'passport', 'kk', '<script>'] })).docs).toEqual(['kk']);
    expect(parsePagePost(everyType, body({ docs: 'ktp' })).docs).toEqual(['ktp']);
  });

  describe('with hostile bodies', () => {
    it.each([null, undefined, 'name=x', 42, ['name', 'x'], new Date(0)])('reads %j as an empty post', (hostile) => {
      expect(() => parsePagePost(everyType, hostile)).not.toThrow();
      expect(parsePagePost(everyType, hostile).name).toBe('');
    });

    it('reads arrays and objects where text is expected as empty', () => {
      const data = parsePagePost(
        everyType,
        body({ name: ['a', 'b'], nik: { toString: 'x' }, 'born[day]': ['1'], doc: ['kk'], 'home[provinceCode]': { a: 1 } }),
      );
      expect(data.name).toBe('');
      expect(data.nik).toBe('');
      expect(data.born).toBe('');
      expect(data.doc).toBe('');
      expect(data.home).toMatchObject({ provinceCode: '' });
    });

    it('ignores non-text items in a checkbox array', () => {
      expect(parsePagePost(everyType, body({ docs: [{ value: 'kk' }, 'ktp', 7] })).docs).toEqual(['ktp']);
    });

    it('does not read inherited or prototype keys', () => {
      const page = pageOf({ ...base('toString'), type: 'text' }, { ...base('constructor'), type: 'text' });
      expect(parsePagePost(page, {})).toEqual({ toString: '', constructor: '' });
      const polluted = JSON.parse('{"__proto__": {"name": "injected"}}');
      expect(parsePagePost(everyType, polluted).name).toBe('');
      expect(({} as Record<string, unknown>).name).toBeUndefined();
    });

    it('cuts huge strings before any work on them', () => {
      const data = parsePagePost(everyType, body({ name: 'a'.repeat(5_000_000), nik: '1'.repeat(1_000_000), count: '9'.repeat(1_000_000) }));
      expect((data.name as string).length).toBe(20_000);
      expect((data.nik as string).length).toBe(200);
      expect(data.count).toBe('9'.repeat(100));
    });

    it('removes NUL bytes and lone surrogates, which PostgreSQL cannot store', () => {
      const data = parsePagePost(everyType, body({ name: 'Ab\u0000c\ud800', story: 'x\u0000y' }));
      expect(data.name).toBe('Abc\ufffd');
      expect(data.story).toBe('xy');
    });

    it('turns control characters in a one-line answer into spaces', () => {
      expect(parsePagePost(everyType, body({ name: 'Siti\r\nAminah\t' })).name).toBe('Siti Aminah');
    });
  });
});
