import { describe, expect, it } from 'vitest';
import { birthRegistrationForm } from './examples.ts';
import type { Field, FormData } from './form-schema.ts';
import { prefill } from './prefill.ts';
import { base, formOf } from './test-support.ts';
import { isVisible, visibleFields, visiblePages } from './visibility.ts';

const options = ['a', 'b', 'c'].map((value) => ({ value, label: { id: value, en: value } }));
const picks: Field = { ...base('picks'), type: 'checkboxes', options };
const pick: Field = { ...base('pick'), type: 'radios', options };
const whenPickB: Field = { ...base('extra'), type: 'text', showWhen: { field: 'pick', equals: ['b', 'c'] } };
const whenExtraShown: Field = { ...base('more'), type: 'radios', options, showWhen: { field: 'pick', equals: ['c'] } };
const chained: Field = { ...base('deep'), type: 'text', showWhen: { field: 'more', equals: ['a'] } };

describe('isVisible', () => {
  it('shows a field without a condition', () => {
    expect(isVisible(pick, {})).toBe(true);
  });

  it('shows a conditional field when the answer is one of the awaited values', () => {
    expect(isVisible(whenPickB, { pick: 'b' })).toBe(true);
    expect(isVisible(whenPickB, { pick: 'c' })).toBe(true);
    expect(isVisible(whenPickB, { pick: 'a' })).toBe(false);
    expect(isVisible(whenPickB, {})).toBe(false);
  });

  it('shows a field conditional on checkboxes when any ticked value is awaited', () => {
    const field: Field = { ...base('why'), type: 'text', showWhen: { field: 'picks', equals: ['c'] } };
    expect(isVisible(field, { picks: ['a', 'c'] })).toBe(true);
    expect(isVisible(field, { picks: ['a'] })).toBe(false);
  });

  it('hides the field for answers of odd shapes', () => {
    for (const answer of [{ fileIds: ['b'] }, 2, [1, 2]]) expect(isVisible(whenPickB, { pick: answer } as unknown as FormData)).toBe(false);
    expect(isVisible(whenPickB, null as unknown as FormData)).toBe(false);
  });
});

describe('visibleFields and visiblePages', () => {
  const form = formOf(picks, pick, whenPickB, whenExtraShown, chained);
  const names = (data: FormData) => visibleFields(form, data).map((field) => field.name);

  it('lists the fields whose conditions hold, in form order', () => {
    expect(names({ pick: 'b' })).toEqual(['picks', 'pick', 'extra']);
    expect(names({ pick: 'c', more: 'a' })).toEqual(['picks', 'pick', 'extra', 'more', 'deep']);
  });

  it('hides a field whose condition field is itself hidden, even with a stale answer', () => {
    expect(names({ pick: 'a', more: 'a' })).toEqual(['picks', 'pick']);
  });

  it('skips a page whose fields are all hidden', () => {
    const base: FormData = { fatherRecorded: 'no' };
    expect(visiblePages(birthRegistrationForm, base).map((page) => page.id)).toEqual(['child', 'birth-place', 'parents', 'reporter', 'documents']);
    expect(visiblePages(birthRegistrationForm, { fatherRecorded: 'yes' }).map((page) => page.id)).toContain('father');
  });
});

describe('prefill', () => {
  it('fills the fields that ask for a profile fact and names them', () => {
    const result = prefill(birthRegistrationForm, { fullName: 'Siti Aminah', nik: '3273014101900001', phone: '+6281234567890', email: 'siti@contoh.co.id' });
    expect(result.data).toEqual({ reporterName: 'Siti Aminah', reporterNik: '3273014101900001', reporterPhone: '+6281234567890' });
    expect([...result.prefilled]).toEqual(['reporterName', 'reporterNik', 'reporterPhone']);
  });

  it('leaves out facts the profile does not have or has empty', () => {
    const result = prefill(birthRegistrationForm, { fullName: '  ', nik: undefined });
    expect(result.data).toEqual({});
    expect(result.prefilled.size).toBe(0);
  });

  it('fills a birth date field from the profile', () => {
    const form = formOf({ ...base('born'), type: 'date', prefill: 'birthDate' });
    expect(prefill(form, { birthDate: '1990-01-01' }).data).toEqual({ born: '1990-01-01' });
  });
});
