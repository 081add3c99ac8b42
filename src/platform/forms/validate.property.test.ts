import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validNik } from '../../modules/accounts/nik.test-support.ts';
import { validateNik } from '../../modules/accounts/nik.ts';
import { birthRegistrationForm } from './examples.ts';
import type { Field, FieldValue, FormData, FormSchema } from './form-schema.ts';
import { fieldNameOfInputId } from './ids.ts';
import { base, TEST_OPTIONS } from './test-support.ts';
import { cleanSubmission, UNKNOWN_PAGE_FIELD, validatePage, validateSubmission } from './validate.ts';
import { validateFormSchema } from './validate-schema.ts';

// Random forms × random answers. Each generated field comes with answers that keep every one of its
// rules and answers that break exactly one, so a broken answer must be refused on that field alone.

/** Marks an answer left out of the data altogether. */
const OMIT = Symbol('omit');
type Answer = FieldValue | typeof OMIT;

interface FieldSpec {
  field: Field;
  valid: fc.Arbitrary<Answer>;
  /** Answers that break one rule of the field (being required, a bound, the format, the options…). */
  invalid: fc.Arbitrary<unknown>;
}

/** "Today" in TEST_OPTIONS, in every Indonesian time zone. */
const TODAY = '2025-05-15';
const DAY = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const EARLIEST = dayMs('1950-01-01');
const LATEST = dayMs('2060-12-31');
const isoDate = (min = EARLIEST, max = LATEST) => fc.integer({ min: Math.floor(min / DAY), max: Math.floor(max / DAY) }).map((d) => isoDay(d * DAY));

const optional = (required: boolean, valid: fc.Arbitrary<FieldValue>): fc.Arbitrary<Answer> =>
  required ? valid : fc.oneof(valid, fc.constant<Answer>(OMIT), fc.constant<Answer>(''));
const missing = (required: boolean) => (required ? [fc.constantFrom<unknown>(OMIT, '', null)] : []);

const char = fc.constantFrom('a', 'Z', ' ', '-', 'é', '字', '😀', '\u0301');
const textOf = (min: number, max: number) => fc.array(char, { minLength: min, maxLength: max }).map((chars) => chars.join(''));

function textSpec(name: string) {
  return fc
    .record({
      required: fc.boolean(),
      minLength: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      extra: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    })
    .map(({ required, minLength, extra }): FieldSpec => {
      const maxLength = extra === undefined ? undefined : Math.max(1, (minLength ?? 0) + extra);
      const field: Field = {
        ...base(name, required),
        type: 'text',
        ...(minLength === undefined ? {} : { minLength }),
        ...(maxLength === undefined ? {} : { maxLength }),
      };
      const max = maxLength ?? 500;
      const invalid: fc.Arbitrary<unknown>[] = [...missing(required), textOf(max + 1, max + 5), fc.constantFrom(42, true, ['a'], { a: 1 })];
      if (minLength !== undefined && minLength >= 2) invalid.push(textOf(1, minLength - 1));
      return { field, valid: optional(required, textOf(Math.max(1, minLength ?? 0), Math.min(max, 40))), invalid: fc.oneof(...invalid) };
    });
}

function numberSpec(name: string) {
  const bound = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: undefined });
  return fc.record({ required: fc.boolean(), a: bound, b: bound }).map(({ required, a, b }): FieldSpec => {
    const [min, max] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    const field: Field = { ...base(name, required), type: 'number', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    const valid = fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true });
    const invalid: fc.Arbitrary<unknown>[] = [...missing(required), fc.constantFrom('12', 'abc', Number.NaN, Number.POSITIVE_INFINITY, [1], {})];
    if (min !== undefined) invalid.push(fc.double({ min: min - 1e6, max: min, maxExcluded: true, noNaN: true }));
    if (max !== undefined) invalid.push(fc.double({ min: max, max: max + 1e6, minExcluded: true, noNaN: true }));
    return { field, valid: optional(required, valid), invalid: fc.oneof(...invalid) };
  });
}

function moneySpec(name: string) {
  const bound = fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined });
  return fc.record({ required: fc.boolean(), a: bound, b: bound }).map(({ required, a, b }): FieldSpec => {
    const [min, max] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    const field: Field = { ...base(name, required), type: 'money', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    const valid = fc.integer({ min: min ?? 0, max: max ?? Number.MAX_SAFE_INTEGER });
    const invalid: fc.Arbitrary<unknown>[] = [...missing(required), fc.constantFrom('1000', -1, 10.5, Number.NaN, 2 ** 60)];
    if (min !== undefined && min > 0) invalid.push(fc.integer({ min: 0, max: min - 1 }));
    if (max !== undefined) invalid.push(fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }));
    return { field, valid: optional(required, valid), invalid: fc.oneof(...invalid) };
  });
}

function dateSpec(name: string) {
  const bound = fc.option(fc.oneof(isoDate(), fc.constant('today')), { nil: undefined });
  return fc.record({ required: fc.boolean(), a: bound, b: bound }).map(({ required, a, b }): FieldSpec => {
    const resolve = (value: string | undefined) => (value === 'today' ? TODAY : value);
    const [min, max] = a !== undefined && b !== undefined && (resolve(a) as string) > (resolve(b) as string) ? [b, a] : [a, b];
    const field: Field = { ...base(name, required), type: 'date', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    const lo = resolve(min);
    const hi = resolve(max);
    const valid = isoDate(lo === undefined ? EARLIEST : dayMs(lo), hi === undefined ? LATEST : dayMs(hi));
    // What the page parser hands over for typed parts that are not a date (see parse.ts).
    const invalid: fc.Arbitrary<unknown>[] = [
      ...missing(required),
      fc.constantFrom('2025-02-30', '2023-02-29', '2025-13-01', '2025-00-10', 'tomorrow', 20250101, []),
    ];
    if (lo !== undefined && dayMs(lo) > EARLIEST) invalid.push(isoDate(EARLIEST, dayMs(lo) - DAY));
    if (hi !== undefined && dayMs(hi) < LATEST) invalid.push(isoDate(dayMs(hi) + DAY, LATEST));
    return { field, valid: optional(required, valid), invalid: fc.oneof(...invalid) };
  });
}

const optionValues = fc.uniqueArray(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { minLength: 1, maxLength: 5 });
/** Longer than any generated option value, so never one of them. */
const UNKNOWN_OPTION = 'not-an-option-at-all';

function choiceSpec(name: string) {
  return fc
    .record({ required: fc.boolean(), type: fc.constantFrom('select', 'radios', 'checkboxes'), values: optionValues })
    .map(({ required, type, values }): FieldSpec => {
      const field: Field = { ...base(name, required), type, options: values.map((value) => ({ value, label: { id: value, en: value } })) };
      if (type !== 'checkboxes') {
        const invalid = [...missing(required), fc.constant(UNKNOWN_OPTION), fc.constantFrom(7, [values[0]], { value: values[0] })];
        return { field, valid: optional(required, fc.constantFrom(...values)), invalid: fc.oneof(...invalid) };
      }
      const ticked = fc.shuffledSubarray(values, { minLength: 1 });
      const invalid: fc.Arbitrary<unknown>[] = [
        ...(required ? [fc.constantFrom<unknown>(OMIT, '', null, [])] : []),
        ticked.map((list) => [...list, UNKNOWN_OPTION]),
        ticked.map((list) => [...list, list[0]]),
        fc.constantFrom(values[0], 3, { 0: values[0] }, [1]),
      ];
      return { field, valid: required ? ticked : fc.oneof(ticked, fc.constant<Answer>(OMIT), fc.constant<Answer>([])), invalid: fc.oneof(...invalid) };
    });
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

function identifierSpec(name: string) {
  return fc.record({ required: fc.boolean(), type: fc.constantFrom('email', 'phone', 'nik') }).map(({ required, type }): FieldSpec => {
    const field: Field = { ...base(name, required), type };
    const specs = {
      email: {
        valid: fc
          .tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{2,5}$/))
          .map(([local, domain, top]) => `${local}@${domain}.${top}`),
        invalid: fc.constantFrom('budi', 'budi@', '@contoh.id', 'budi@contoh', 'bu di@contoh.id', 'budi@@contoh.id', `${'a'.repeat(250)}@contoh.id`),
      },
      phone: {
        valid: fc.tuple(fc.constantFrom('0', '+62 ', '62', '+62-'), digits(7, 12)).map(([prefix, rest]) => `${prefix}8${rest}`),
        invalid: fc.oneof(
          fc.constantFrom('021 555 1234', '0812', '+1 202 555 0100', 'nomor saya'),
          digits(1, 6).map((d) => `08${d}`),
        ),
      },
      nik: {
        valid: validNik,
        invalid: fc.oneof(
          validNik.map((nik) => `${nik.slice(0, 12)}0000`),
          validNik.map((nik) => nik.slice(1)),
          validNik.map((nik) => `20${nik.slice(2)}`),
        ),
      },
    }[type];
    return { field, valid: optional(required, specs.valid), invalid: fc.oneof(...missing(required), specs.invalid, fc.constant<unknown>(12345)) };
  });
}

const fieldSpec = (name: string) => fc.oneof(textSpec(name), numberSpec(name), moneySpec(name), dateSpec(name), choiceSpec(name), identifierSpec(name));

/** A form of one to three pages with one to eight fields in all, named f0, f1… */
const formSpec = fc.integer({ min: 1, max: 8 }).chain((count) =>
  fc.tuple(fc.tuple(...Array.from({ length: count }, (_, i) => fieldSpec(`f${i}`))), fc.integer({ min: 1, max: 3 })).map(([specs, pageCount]) => {
    const pages = Array.from({ length: Math.min(pageCount, specs.length) }, (_, p) => ({
      id: `page-${p}`,
      title: { id: `Halaman ${p}`, en: `Page ${p}` },
      fields: specs.filter((_, i) => i % Math.min(pageCount, specs.length) === p).map((spec) => spec.field),
    }));
    return { form: { schemaVersion: 1, pages } as FormSchema, specs };
  }),
);

function dataOf(specs: readonly FieldSpec[], answers: readonly unknown[]): FormData {
  const data: Record<string, unknown> = {};
  specs.forEach((spec, i) => {
    if (answers[i] !== OMIT) data[spec.field.name] = answers[i];
  });
  return data as FormData;
}

const validAnswers = (specs: readonly FieldSpec[]) => fc.tuple(...specs.map((spec) => spec.valid));

describe('form validation (properties)', () => {
  it('every generated form is one an agency admin could save', () => {
    fc.assert(
      fc.property(formSpec, ({ form }) => {
        expect(validateFormSchema(form)).toEqual({ ok: true, form });
      }),
      { numRuns: 50 },
    );
  });

  it('accepts answers that keep every rule, on every page and as a whole, and keeps them all', () => {
    const scenario = formSpec.chain(({ form, specs }) => validAnswers(specs).map((answers) => ({ form, data: dataOf(specs, answers) })));
    fc.assert(
      fc.property(scenario, ({ form, data }) => {
        expect(validateSubmission(form, data, TEST_OPTIONS)).toEqual([]);
        for (const page of form.pages) expect(validatePage(form, page.id, data, TEST_OPTIONS)).toEqual([]);
        expect(cleanSubmission(form, data)).toEqual(data);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses an answer that breaks one rule with exactly one problem, on that field', () => {
    const scenario = formSpec.chain(({ form, specs }) =>
      fc.tuple(validAnswers(specs), fc.integer({ min: 0, max: specs.length - 1 })).chain(([answers, broken]) =>
        (specs[broken] as FieldSpec).invalid.map((bad) => ({
          form,
          broken: (specs[broken] as FieldSpec).field.name,
          data: dataOf(
            specs,
            answers.map((a, i) => (i === broken ? bad : a)),
          ),
        })),
      ),
    );
    fc.assert(
      fc.property(scenario, ({ form, broken, data }) => {
        const problems = validateSubmission(form, data, TEST_OPTIONS);
        expect(problems).toHaveLength(1);
        expect(fieldNameOfInputId((problems[0] as { field: string }).field)).toBe(broken);
        const page = form.pages.find((candidate) => candidate.fields.some((field) => field.name === broken));
        expect(validatePage(form, page?.id ?? '', data, TEST_OPTIONS)).toEqual(problems);
      }),
      { numRuns: 120 },
    );
  });

  it('ignores and drops the answer to a field its condition hides, and checks it once shown', () => {
    const controls = choiceSpec('ctl').filter((spec) => 'options' in spec.field && spec.field.options.length >= 2);
    const scenario = fc.tuple(formSpec, controls).chain(([{ form, specs }, control]) => {
      const values = (control.field as { options: { value: string }[] }).options.map((option) => option.value);
      return fc
        .record({ answers: validAnswers(specs), hidden: fieldSpec('cond').chain((spec) => spec.invalid.map((bad) => ({ spec, bad }))), show: fc.boolean() })
        .map(({ answers, hidden, show }) => {
          const field = { ...hidden.spec.field, showWhen: { field: 'ctl', equals: [values[0] as string] } } as Field;
          const last = form.pages.length - 1;
          const pages = form.pages.map((page, p) => ({
            ...page,
            fields: [...(p === 0 ? [control.field] : []), ...page.fields, ...(p === last ? [field] : [])],
          }));
          const data = dataOf(specs, answers) as Record<string, unknown>;
          data.ctl = control.field.type === 'checkboxes' ? [values[show ? 0 : 1]] : values[show ? 0 : 1];
          if (hidden.bad !== OMIT) data.cond = hidden.bad;
          return { form: { schemaVersion: 1, pages } as FormSchema, data: data as FormData, show };
        });
    });
    fc.assert(
      fc.property(scenario, ({ form, data, show }) => {
        const problems = validateSubmission(form, data, TEST_OPTIONS);
        if (show) {
          expect(problems.map((problem) => fieldNameOfInputId(problem.field))).toEqual(['cond']);
        } else {
          expect(problems).toEqual([]);
          expect(Object.hasOwn(cleanSubmission(form, data), 'cond')).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on any JSON as answers, and only ever names fields of the form', () => {
    const forms = fc.oneof(
      formSpec.map(({ form }) => form),
      fc.constant(birthRegistrationForm),
    );
    const names = (form: FormSchema) => form.pages.flatMap((page) => page.fields.map((field) => field.name));
    const scenario = forms.chain((form) =>
      fc.record({
        form: fc.constant(form),
        data: fc.oneof(
          fc.jsonValue(),
          fc.anything({ withObjectString: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
          fc.dictionary(fc.constantFrom(...names(form), '__proto__', 'constructor', 'toString'), fc.anything({ withNullPrototype: true }), { maxKeys: 12 }),
          fc.dictionary(fc.constantFrom(...names(form)), fc.jsonValue(), { maxKeys: 12 }),
        ),
        pageId: fc.oneof(fc.constantFrom(...form.pages.map((page) => page.id)), fc.string()),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ form, data, pageId }) => {
        const known = new Set(names(form));
        const asData = data as FormData;
        for (const problem of validateSubmission(form, asData, TEST_OPTIONS)) expect(known).toContain(fieldNameOfInputId(problem.field));
        for (const problem of validatePage(form, pageId, asData, TEST_OPTIONS)) {
          if (problem.field !== UNKNOWN_PAGE_FIELD) expect(known).toContain(fieldNameOfInputId(problem.field));
        }
        for (const name of Object.keys(cleanSubmission(form, asData))) expect(known).toContain(name);
      }),
      { numRuns: 120 },
    );
  });

  it('never throws on any JSON as a form to save', () => {
    const broken = formSpec.chain(({ form }) =>
      fc.tuple(fc.constant(form), fc.integer({ min: 0, max: 10 }), fc.jsonValue()).map(([f, index, junk]) => {
        const copy = structuredClone(f) as unknown as { pages: { fields: Record<string, unknown>[] }[] };
        const fields = copy.pages.flatMap((page) => page.fields);
        const field = fields[index % fields.length] as Record<string, unknown>;
        field[['type', 'min', 'max', 'options', 'name', 'minLength', 'showWhen', 'pattern'][index % 8] as string] = junk;
        return copy;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), broken), (json) => {
        const result = validateFormSchema(json);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 120 },
    );
  });
});

// Keeps the NIK generator honest: a broken NIK above must really be one validateNik refuses.
it('the generated NIKs are valid', () => {
  fc.assert(
    fc.property(validNik, (nik) => {
      expect(validateNik(nik).ok).toBe(true);
    }),
    { numRuns: 50 },
  );
});
