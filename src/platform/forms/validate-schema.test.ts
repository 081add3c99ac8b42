import { describe, expect, it } from 'vitest';
import { birthRegistrationForm } from './examples.ts';
import type { Field } from './form-schema.ts';
import { base, formOf } from './test-support.ts';
import { validateFormSchema } from './validate-schema.ts';

const clone = <T>(value: T): T => structuredClone(value);

function errorsOf(json: unknown): string[] {
  const result = validateFormSchema(json);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
}

const radios: Field = {
  type: 'radios',
  ...base('married'),
  options: [
    { value: 'yes', label: { id: 'Ya', en: 'Yes' } },
    { value: 'no', label: { id: 'Tidak', en: 'No' } },
  ],
};

describe('validateFormSchema', () => {
  it('accepts the birth registration example and returns it typed', () => {
    const result = validateFormSchema(birthRegistrationForm);
    expect(result).toEqual({ ok: true, form: birthRegistrationForm });
  });

  it.each([null, 'form', 42, [], undefined])('refuses %j as not a JSON object', (json) => {
    expect(errorsOf(json)).toEqual(['The form must be a JSON object with "schemaVersion" and "pages".']);
  });

  it('names the page and field of a structural error and the property at fault', () => {
    const form = clone(birthRegistrationForm);
    (form.pages[1]?.fields[0] as { label: unknown }).label = { id: 'Di mana?' };
    expect(errorsOf(form)).toEqual(['Page 2 ("birth-place"), field 1 ("birthPlaceType"), label: "en" is missing.']);
  });

  it('reports an unknown property and an unknown field type in words', () => {
    const form = formOf({ ...base('a'), type: 'text' }, { ...base('b'), type: 'text' });
    (form.pages[0]?.fields[0] as unknown as Record<string, unknown>).colour = 'red';
    (form.pages[0]?.fields[1] as unknown as Record<string, unknown>).type = 'signature';
    const errors = errorsOf(form);
    expect(errors).toContain('Page 1 ("only"), field 1 ("a"): unknown property "colour"; remove it or check its spelling.');
    expect(errors.find((error) => error.startsWith('Page 1 ("only"), field 2 ("b"): "type" must be one of text, longText'))).toBeDefined();
  });

  it('explains the naming rule when a field name is not camelCase', () => {
    const form = formOf({ ...base('a'), type: 'text', name: 'Child name' });
    expect(errorsOf(form)).toEqual([
      'Page 1 ("only"), field 1 ("Child name"), name: must start with a lower-case letter and contain only letters and digits, at most 40 (for example "childName").',
    ]);
  });

  it('lists the allowed values when a literal is wrong', () => {
    const form = formOf({ ...base('a'), type: 'text', prefill: 'address' as 'nik' });
    expect(errorsOf(form)).toContain('Page 1 ("only"), field 1 ("a"), prefill: must be one of "fullName", "nik", "email", "phone", "birthDate".');
  });

  it('refuses a field name used twice, even on different pages', () => {
    const form = clone(birthRegistrationForm);
    const field = form.pages[4]?.fields[0];
    if (field) field.name = 'childName';
    expect(errorsOf(form)).toEqual([
      'Page 5 ("reporter"), field 1 ("childName"): another field already has the name "childName"; field names must be unique across the form.',
    ]);
  });

  it('refuses two pages with the same id', () => {
    const form = clone(birthRegistrationForm);
    const page = form.pages[3];
    if (page) page.id = 'parents';
    expect(errorsOf(form)).toEqual(['Page 4 ("parents"): another page has the same id; page ids must be unique.']);
  });

  it.each(['removeFile', 'constructor', 'toString', 'hasOwnProperty'])('refuses the reserved field name %s', (name) => {
    expect(errorsOf(formOf({ ...base(name), type: 'text' }))).toEqual([
      `Page 1 ("only"), field 1 ("${name}"): the name "${name}" is reserved; choose another.`,
    ]);
  });

  describe('showWhen', () => {
    const dependent = (equals: string[], field = 'married'): Field => ({ ...base('spouse'), type: 'text', showWhen: { field, equals } });

    it('accepts a condition on an earlier choice field of the same page', () => {
      expect(validateFormSchema(formOf(radios, dependent(['yes']))).ok).toBe(true);
    });

    it('refuses a condition on a field that comes later', () => {
      expect(errorsOf(formOf(dependent(['yes']), radios))).toEqual([
        'Page 1 ("only"), field 1 ("spouse"): "showWhen" refers to "married", which comes later; it must refer to a field on an earlier page or earlier on the same page.',
      ]);
    });

    it('refuses a condition on a field that does not exist', () => {
      expect(errorsOf(formOf(radios, dependent(['yes'], 'maried')))).toEqual([
        'Page 1 ("only"), field 2 ("spouse"): "showWhen" refers to "maried", but the form has no field with that name.',
      ]);
    });

    it('refuses a condition on itself', () => {
      expect(errorsOf(formOf({ ...base('spouse'), type: 'text', showWhen: { field: 'spouse', equals: ['x'] } }))).toEqual([
        'Page 1 ("only"), field 1 ("spouse"): "showWhen" cannot refer to the field itself.',
      ]);
    });

    it('refuses a condition on a field that is not a choice', () => {
      expect(errorsOf(formOf({ ...base('married'), type: 'text' }, dependent(['yes'])))).toEqual([
        'Page 1 ("only"), field 2 ("spouse"): "showWhen" must refer to a choice field (select, radios, checkboxes); "married" is a text field.',
      ]);
    });

    it('refuses a value that is not one of the options', () => {
      expect(errorsOf(formOf(radios, dependent(['yes', 'maybe'])))).toEqual([
        'Page 1 ("only"), field 2 ("spouse"): "showWhen" value "maybe" is not an option of "married" (its options are yes, no).',
      ]);
    });
  });

  describe('pattern', () => {
    const withPattern = (pattern: string) => formOf({ ...base('code'), type: 'text', pattern });

    it('accepts a simple, safe pattern in Unicode mode', () => {
      expect(validateFormSchema(withPattern("[\\p{L} .'-]+")).ok).toBe(true);
    });

    it.each(['(a+)+', '(a*)*b', '([a-z]+)*$', '(x+x+)+y'])('refuses the nested quantifier %s', (pattern) => {
      expect(errorsOf(withPattern(pattern))).toEqual([
        'Page 1 ("only"), field 1 ("code"): "pattern" could make matching take very long (nested or too many repetitions, as in "(a+)+"); simplify it.',
      ]);
    });

    it.each(['(abc', '[z-a]', 'a)|(b'])('refuses %s, which does not compile', (pattern) => {
      expect(errorsOf(withPattern(pattern))).toEqual(['Page 1 ("only"), field 1 ("code"): "pattern" is not a valid regular expression.']);
    });

    it('refuses a pattern longer than 200 characters', () => {
      const errors = errorsOf(withPattern('a'.repeat(201)));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^Page 1 \("only"\), field 1 \("code"\), pattern: /);
    });
  });

  describe('bounds', () => {
    it('refuses a minimum length above the maximum', () => {
      expect(errorsOf(formOf({ ...base('a'), type: 'text', minLength: 10, maxLength: 5 }))).toEqual([
        'Page 1 ("only"), field 1 ("a"): "minLength" (10) is greater than "maxLength" (5).',
      ]);
    });

    it('refuses a number minimum above its maximum', () => {
      expect(errorsOf(formOf({ ...base('a'), type: 'number', min: 3, max: 2 }))).toEqual([
        'Page 1 ("only"), field 1 ("a"): "min" (3) is greater than "max" (2).',
      ]);
    });

    it('refuses negative or fractional money bounds', () => {
      expect(errorsOf(formOf({ ...base('a'), type: 'money', min: -1, max: 10.5 }))).toEqual([
        'Page 1 ("only"), field 1 ("a"): "min" and "max" of a money field must be whole rupiah amounts of 0 or more.',
      ]);
    });

    it('refuses a date minimum after its maximum, and a bound that is not a date', () => {
      expect(errorsOf(formOf({ ...base('a'), type: 'date', min: '2025-01-02', max: '2025-01-01' }))).toEqual([
        'Page 1 ("only"), field 1 ("a"): "min" (2025-01-02) is after "max" (2025-01-01).',
      ]);
      expect(errorsOf(formOf({ ...base('a'), type: 'date', max: '2025-02-30' }))).toEqual([
        'Page 1 ("only"), field 1 ("a"): "max" must be a date written YYYY-MM-DD or "today"; "2025-02-30" is neither.',
      ]);
    });

    it('accepts "today" as either bound', () => {
      expect(validateFormSchema(formOf({ ...base('a'), type: 'date', min: '2000-01-01', max: 'today' })).ok).toBe(true);
    });
  });

  it('refuses two options with the same value', () => {
    const options = [
      { value: 'a', label: { id: 'A', en: 'A' } },
      { value: 'a', label: { id: 'B', en: 'B' } },
    ];
    expect(errorsOf(formOf({ ...base('pick'), type: 'select', options }))).toEqual([
      'Page 1 ("only"), field 1 ("pick"): two options have the value "a"; option values must be unique.',
    ]);
  });

  it('refuses prefill from a profile fact that does not fit the field type', () => {
    expect(errorsOf(formOf({ ...base('born'), type: 'text', prefill: 'birthDate' }))).toEqual([
      'Page 1 ("only"), field 1 ("born"): "prefill": "birthDate" needs a date field, not text.',
    ]);
  });

  it('stops at 50 errors for a form with very many problems', () => {
    const fields = Array.from({ length: 30 }, (): Field => ({ ...base('same'), type: 'text', minLength: 9, maxLength: 1 }));
    const form = { schemaVersion: 1, pages: Array.from({ length: 3 }, (_, index) => ({ id: `p${index}`, title: { id: 'x', en: 'x' }, fields })) };
    expect(errorsOf(form)).toHaveLength(50);
  });
});

describe('page ids of the apply journey', () => {
  it.each(['check', 'saved', 'submit'])('refuses "%s", which the journey uses for its own step', (reserved) => {
    const form = structuredClone(birthRegistrationForm);
    const first = form.pages[0];
    if (!first) throw new Error('example form has no page');
    first.id = reserved;
    const result = validateFormSchema(form);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(`"${reserved}" is reserved`);
  });
});
