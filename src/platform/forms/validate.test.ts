import { describe, expect, it } from 'vitest';
import { birthRegistrationForm } from './examples.ts';
import type { Field, FieldValue, FormData } from './form-schema.ts';
import { base, formOf, TEST_OPTIONS } from './test-support.ts';
import { cleanSubmission, UNKNOWN_PAGE_FIELD, validatePage, validateSubmission } from './validate.ts';

/** The problems with one answer to a one-field form. */
function check(field: Field, value: unknown, options = TEST_OPTIONS) {
  const data = value === undefined ? {} : { [field.name]: value as FieldValue };
  return validateSubmission(formOf(field), data, options);
}

/** The message keys only, with the input each links to. */
function keys(field: Field, value: unknown) {
  return check(field, value).map((problem) => `${problem.field} ${problem.key}`);
}

const text: Field = { ...base('name'), type: 'text', minLength: 3, maxLength: 10, pattern: '[A-Za-z ]+' };
const optionalText: Field = { ...base('note', false), type: 'text' };
const options = [
  { value: 'a', label: { id: 'A', en: 'A' } },
  { value: 'b', label: { id: 'B', en: 'B' } },
];

describe('validateSubmission, field by field', () => {
  describe('required', () => {
    it('asks for a required answer that is missing or empty, naming the field in the message params', () => {
      expect(check(text, undefined)).toEqual([{ field: 'field-name', key: 'form.required', params: { label: 'isian name', Label: 'Isian name' } }]);
      expect(keys(text, '')).toEqual(['field-name form.required']);
    });

    it('accepts an optional field left empty', () => {
      expect(check(optionalText, '')).toEqual([]);
      expect(check(optionalText, undefined)).toEqual([]);
    });

    it('puts labels in the language asked for', () => {
      expect(validateSubmission(formOf(text), {}, { ...TEST_OPTIONS, locale: 'en' })[0]?.params).toEqual({ label: 'answer name', Label: 'Answer name' });
    });
  });

  describe('text', () => {
    it('accepts an answer within the limits that matches the pattern', () => {
      expect(check(text, 'Siti')).toEqual([]);
    });

    it('refuses an answer too short or too long, counting characters as people see them', () => {
      expect(check(text, 'Si')).toEqual([{ field: 'field-name', key: 'form.text.tooShort', params: expect.objectContaining({ min: 3, length: 2 }) }]);
      expect(keys(text, 'Siti Aminah')).toEqual(['field-name form.text.tooLong']);
      const emoji = { ...base('mood'), type: 'text', maxLength: 3 } as const;
      expect(check(emoji, '😀😀😀')).toEqual([]);
    });

    it('refuses an answer that does not match the whole pattern', () => {
      expect(keys(text, 'Siti 2')).toEqual(['field-name form.text.pattern']);
    });

    it('limits text without a maximum to 500 characters, and long text to 5000', () => {
      expect(keys({ ...base('a'), type: 'text' }, 'x'.repeat(501))).toEqual(['field-a form.text.tooLong']);
      expect(check({ ...base('a'), type: 'longText' }, 'x'.repeat(5000))).toEqual([]);
      expect(keys({ ...base('a'), type: 'longText' }, 'x'.repeat(5001))).toEqual(['field-a form.text.tooLong']);
    });

    it('ignores a stored pattern that is unsafe instead of running it', () => {
      const unsafe = { ...base('a'), type: 'text', pattern: '(a+)+$' } as const;
      expect(check(unsafe, `${'a'.repeat(40)}!`)).toEqual([]);
    });
  });

  describe('identifiers', () => {
    it('checks a NIK with its own error keys', () => {
      const nik = { ...base('nik'), type: 'nik' } as const;
      expect(check(nik, '3273014101900001')).toEqual([]);
      expect(keys(nik, '9973014101900001')).toEqual(['field-nik nik.province_unknown']);
      expect(keys(nik, '32730141019')).toEqual(['field-nik nik.length']);
    });

    it('checks a NIB and passes its length to the message', () => {
      const nib = { ...base('nib'), type: 'nib' } as const;
      expect(check(nib, '1234567890123')).toEqual([]);
      expect(check(nib, '123')).toEqual([{ field: 'field-nib', key: 'nib.length', params: expect.objectContaining({ length: 13 }) }]);
    });

    it('checks a phone number and an e-mail address', () => {
      expect(check({ ...base('hp'), type: 'phone' }, '+6281234567890')).toEqual([]);
      expect(keys({ ...base('hp'), type: 'phone' }, '021 555 1234')).toEqual(['field-hp phone.invalid']);
      expect(check({ ...base('mail'), type: 'email' }, 'siti@contoh.co.id')).toEqual([]);
      expect(keys({ ...base('mail'), type: 'email' }, 'siti at contoh')).toEqual(['field-mail email.invalid']);
    });
  });

  describe('number and money', () => {
    const count = { ...base('count'), type: 'number', min: 1, max: 10 } as const;
    const fee = { ...base('fee'), type: 'money', min: 10_000, max: 5_000_000 } as const;

    it('accepts numbers within the bounds', () => {
      expect(check(count, 2.5)).toEqual([]);
      expect(check(fee, 10_000)).toEqual([]);
    });

    it('says when the answer is not a number', () => {
      expect(keys(count, '12 kg')).toEqual(['field-count form.number.notNumber']);
      expect(keys(count, Number.NaN)).toEqual(['field-count form.number.notNumber']);
    });

    it('refuses numbers outside the bounds, with the bound in the params', () => {
      expect(check(count, 0)).toEqual([{ field: 'field-count', key: 'form.number.min', params: expect.objectContaining({ min: 1 }) }]);
      expect(keys(count, 11)).toEqual(['field-count form.number.max']);
      expect(keys(fee, 9_999)).toEqual(['field-fee form.money.min']);
      expect(keys(fee, 5_000_001)).toEqual(['field-fee form.money.max']);
    });

    it('wants money in whole, non-negative rupiah', () => {
      expect(keys(fee, 15_000.5)).toEqual(['field-fee form.money.invalid']);
      expect(keys({ ...base('fee'), type: 'money' }, -1)).toEqual(['field-fee form.money.invalid']);
      expect(keys(fee, 'lima ribu')).toEqual(['field-fee form.money.invalid']);
    });
  });

  describe('date', () => {
    const born = { ...base('born'), type: 'date', min: '2000-01-01', max: 'today' } as const;

    it('accepts a real date within the bounds, today included', () => {
      expect(check(born, '2010-06-30')).toEqual([]);
      expect(check(born, '2025-05-15')).toEqual([]);
    });

    it('takes "today" as the latest date anywhere in Indonesia for a maximum', () => {
      // 15 May 2025 at 23:30 in Jakarta is already 16 May in Jayapura.
      const lateEvening = { ...TEST_OPTIONS, today: new Date('2025-05-15T16:30:00Z') };
      expect(check(born, '2025-05-16', lateEvening)).toEqual([]);
      expect(check(born, '2025-05-17', lateEvening).map((problem) => problem.key)).toEqual(['form.date.future']);
    });

    it('refuses a date in the future or before the minimum, linking to the day', () => {
      expect(keys(born, '2025-05-16')).toEqual(['field-born-day form.date.future']);
      expect(check(born, '1999-12-31')).toEqual([
        { field: 'field-born-day', key: 'form.date.beforeMin', params: expect.objectContaining({ min: '2000-01-01' }) },
      ]);
      expect(keys({ ...base('due'), type: 'date', min: 'today' }, '2025-05-14')).toEqual(['field-due-day form.date.past']);
      expect(keys({ ...base('due'), type: 'date', max: '2030-01-01' }, '2030-01-02')).toEqual(['field-due-day form.date.afterMax']);
    });

    it('says which part of a typed date is missing or wrong', () => {
      expect(keys(born, '2024-3-')).toEqual(['field-born-day form.date.missingDay']);
      expect(keys(born, '2024--7')).toEqual(['field-born-month form.date.missingMonth']);
      expect(keys(born, '-3-7')).toEqual(['field-born-year form.date.missingYear']);
      expect(keys(born, '24-3-7')).toEqual(['field-born-year form.date.year']);
      expect(keys(born, '2024-13-7')).toEqual(['field-born-month form.date.invalid']);
      expect(keys(born, '2023-2-29')).toEqual(['field-born-day form.date.invalid']);
      expect(keys(born, '07/03/2024')).toEqual(['field-born-day form.date.invalid']);
    });

    it('asks for a required date at its day box', () => {
      expect(keys(born, '')).toEqual(['field-born-day form.required']);
    });
  });

  describe('choices', () => {
    it('accepts a select or radio answer that is one of the options only', () => {
      for (const type of ['select', 'radios'] as const) {
        const field = { ...base('pick'), type, options };
        expect(check(field, 'b')).toEqual([]);
        expect(keys(field, 'c')).toEqual(['field-pick form.choice.unknown']);
        expect(keys(field, '')).toEqual(['field-pick form.required.choice']);
      }
    });

    it('accepts checkboxes that are a subset of the options, without repeats', () => {
      const field = { ...base('picks'), type: 'checkboxes', options } as const;
      expect(check(field, ['a', 'b'])).toEqual([]);
      expect(keys(field, ['a', 'z'])).toEqual(['field-picks form.checkboxes.unknown']);
      expect(keys(field, ['a', 'a'])).toEqual(['field-picks form.checkboxes.unknown']);
      expect(keys(field, [])).toEqual(['field-picks form.required.choice']);
      expect(check({ ...field, required: false }, [])).toEqual([]);
    });
  });

  describe('address', () => {
    const home = { ...base('home'), type: 'address' } as const;
    const bandung = { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: 'Jl. Juanda 1' };

    it('accepts known codes with the regency inside the province', () => {
      expect(check(home, bandung)).toEqual([]);
    });

    it('asks for province, regency and street of an empty required address', () => {
      expect(keys(home, { ...bandung, provinceCode: '', regencyCode: '', street: '' })).toEqual([
        'field-home-province form.address.province',
        'field-home-regency form.address.regency',
        'field-home-street form.address.street',
      ]);
      expect(keys(home, undefined)).toHaveLength(3);
    });

    it('refuses codes that the region table does not have', () => {
      expect(keys(home, { ...bandung, provinceCode: '99', regencyCode: '99.01' })).toEqual([
        'field-home-province form.address.provinceUnknown',
        'field-home-regency form.address.regencyUnknown',
      ]);
      expect(keys(home, { ...bandung, regencyCode: '32.7' })).toEqual(['field-home-regency form.address.regencyUnknown']);
    });

    it('refuses a regency outside the chosen province', () => {
      expect(keys(home, { ...bandung, regencyCode: '31.71' })).toEqual(['field-home-regency form.address.regencyOutside']);
    });

    it('needs no street when the address is optional, but province and regency once anything is given', () => {
      const optional = { ...home, required: false };
      expect(check(optional, { ...bandung, street: '' })).toEqual([]);
      expect(check(optional, { provinceCode: '', regencyCode: '', district: '', village: '', street: '' })).toEqual([]);
      expect(keys(optional, { provinceCode: '', regencyCode: '', district: 'Coblong', village: '', street: '' })).toEqual([
        'field-home-province form.address.province',
        'field-home-regency form.address.regency',
      ]);
    });

    it('limits the length of the typed parts', () => {
      expect(keys(home, { ...bandung, village: 'x'.repeat(101) })).toEqual(['field-home-village form.address.tooLong']);
    });

    it('treats a region check that answers with a promise as "not found"', () => {
      const asyncLookup = { ...TEST_OPTIONS, regionExists: (async () => true) as unknown as (code: string) => boolean };
      expect(check(home, bandung, asyncLookup).map((problem) => problem.key)).toEqual(['form.address.provinceUnknown', 'form.address.regencyUnknown']);
    });
  });

  describe('geo point', () => {
    const spot = { ...base('spot'), type: 'geoPoint' } as const;

    it('accepts a point in Indonesia', () => {
      expect(check(spot, { lat: -6.2088, lng: 106.8456 })).toEqual([]);
    });

    it('refuses a point outside Indonesia', () => {
      expect(keys(spot, { lat: 51.5, lng: 106 })).toEqual(['field-spot-lat form.geo.outside']);
      expect(keys(spot, { lat: -6.2, lng: -0.12 })).toEqual(['field-spot-lng form.geo.outside']);
    });

    it('says which coordinate is missing or not a number', () => {
      expect(keys(spot, ';106')).toEqual(['field-spot-lat form.geo.missing']);
      expect(keys(spot, '-6,2;')).toEqual(['field-spot-lng form.geo.missing']);
      expect(keys(spot, '-6,2;timur')).toEqual(['field-spot-lng form.geo.notNumber']);
      expect(keys(spot, { lat: '-6', lng: 106 })).toEqual(['field-spot-lat form.geo.notNumber']);
    });
  });

  describe('file', () => {
    const scan: Field = { ...base('scan'), type: 'file', accept: ['application/pdf'], maxSizeBytes: 1024 * 1024, maxFiles: 2 };

    it('needs at least one file id when required, and at most maxFiles', () => {
      expect(check(scan, { fileIds: ['f1', 'f2'] })).toEqual([]);
      expect(keys(scan, { fileIds: [] })).toEqual(['field-scan form.required.file']);
      expect(keys(scan, undefined)).toEqual(['field-scan form.required.file']);
      expect(check(scan, { fileIds: ['f1', 'f2', 'f3'] })).toEqual([
        { field: 'field-scan', key: 'form.file.tooMany', params: expect.objectContaining({ max: 2, count: 3 }) },
      ]);
    });

    it('accepts an optional file field with no file', () => {
      expect(check({ ...scan, required: false }, { fileIds: [] })).toEqual([]);
    });
  });

  describe('with hostile answers', () => {
    const everyField: Field[] = [
      text,
      { ...base('count'), type: 'number' },
      { ...base('born'), type: 'date' },
      { ...base('pick'), type: 'radios', options },
      { ...base('picks'), type: 'checkboxes', options },
      { ...base('home'), type: 'address' },
      { ...base('spot'), type: 'geoPoint' },
      { ...base('scan'), type: 'file', accept: ['image/png'], maxSizeBytes: 2048, maxFiles: 1 },
    ];
    const shapes: unknown[] = [42, true, ['a'], { a: 1 }, { fileIds: 'x' }, { fileIds: [1] }, null, Object.create(null), { lat: null }];

    it.each(shapes)('turns %j in every field into problems, never an exception', (shape) => {
      for (const field of everyField) {
        const problems = check(field, shape);
        // The only shapes that are valid answers: a checkbox list with a known option, and a number.
        const acceptable = (field.type === 'checkboxes' && Array.isArray(shape)) || (field.type === 'number' && shape === 42);
        if (!acceptable) expect(problems.length, `${field.type} with ${JSON.stringify(shape)}`).toBeGreaterThan(0);
        for (const problem of problems) expect(problem.field.startsWith(`field-${field.name}`)).toBe(true);
      }
    });

    it('reads data that is not an object as no answers', () => {
      for (const data of [null, 'x', ['a'], 7]) {
        expect(keys(text, undefined)).toEqual(['field-name form.required']);
        expect(validateSubmission(formOf(text), data as unknown as FormData, TEST_OPTIONS).map((problem) => problem.key)).toEqual(['form.required']);
      }
    });

    it('does not read answers inherited from the prototype', () => {
      const field = { ...base('toString'), type: 'text' } as const;
      expect(validateSubmission(formOf(field), {}, TEST_OPTIONS).map((problem) => problem.key)).toEqual(['form.required']);
    });
  });
});

describe('validatePage', () => {
  const answers: FormData = {
    childName: 'Budi',
    childBirthDate: '2025-05-01',
    childSex: 'male',
    birthPlaceType: 'home',
    motherName: 'Siti',
    motherNik: '3273014101900001',
    fatherRecorded: 'no',
  };

  it('checks only the fields of that page', () => {
    expect(validatePage(birthRegistrationForm, 'child', {}, TEST_OPTIONS).map((problem) => problem.field)).toEqual([
      'field-childName',
      'field-childBirthDate-day',
      'field-childSex',
    ]);
    expect(validatePage(birthRegistrationForm, 'child', answers, TEST_OPTIONS)).toEqual([]);
  });

  it('ignores a same-page field whose condition does not hold, and checks it once it does', () => {
    const page = (data: FormData) => validatePage(birthRegistrationForm, 'birth-place', data, TEST_OPTIONS).map((problem) => problem.field);
    expect(page(answers)).not.toContain('field-birthPlaceOther');
    expect(page({ ...answers, birthPlaceType: 'other' })).toContain('field-birthPlaceOther');
  });

  it('checks nothing on a page whose fields all depend on an earlier answer that hides them', () => {
    expect(validatePage(birthRegistrationForm, 'father', answers, TEST_OPTIONS)).toEqual([]);
    expect(validatePage(birthRegistrationForm, 'father', { ...answers, fatherRecorded: 'yes' }, TEST_OPTIONS)).toHaveLength(2);
  });

  it('gives one problem for a page id the form does not have', () => {
    expect(validatePage(birthRegistrationForm, '__proto__', answers, TEST_OPTIONS)).toEqual([{ field: UNKNOWN_PAGE_FIELD, key: 'form.pageUnknown' }]);
  });
});

describe('cleanSubmission', () => {
  it('drops answers to hidden fields and keys the form does not know', () => {
    const data: FormData = { birthPlaceType: 'home', birthPlaceOther: 'di jalan', fatherRecorded: 'no', fatherName: 'Joko', admin: 'yes' };
    expect(cleanSubmission(birthRegistrationForm, data)).toEqual({ birthPlaceType: 'home', fatherRecorded: 'no' });
  });

  it('keeps answers to fields whose condition holds', () => {
    const data: FormData = { birthPlaceType: 'other', birthPlaceOther: 'di jalan', fatherRecorded: 'yes', fatherName: 'Joko' };
    expect(cleanSubmission(birthRegistrationForm, data)).toEqual(data);
  });

  it('returns no answers for data that is not an object', () => {
    expect(cleanSubmission(birthRegistrationForm, null as unknown as FormData)).toEqual({});
  });
});
