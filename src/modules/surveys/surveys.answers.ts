import type { FormProblem } from '../../platform/forms/problems.ts';
import { ELEMENT_COUNT } from './skm.ts';
import type { Answers, RawAnswers } from './surveys.contract.ts';
import { AGE_BANDS, EDUCATION_LEVELS, OCCUPATIONS, SEXES } from './surveys.tables.ts';

export const MAX_COMMENT_LENGTH = 2000;
export const ELEMENT_FIELDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export const PROFILE_FIELDS = ['ageBand', 'sex', 'education', 'occupation'] as const;

/** Reads a posted questionnaire: absent, repeated or non-text fields become '' (and so "not answered"). */
export function rawAnswers(source: unknown): RawAnswers {
  const text = (name: string, max: number) => {
    const value = (source as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  return {
    u1: text('u1', 2),
    u2: text('u2', 2),
    u3: text('u3', 2),
    u4: text('u4', 2),
    u5: text('u5', 2),
    u6: text('u6', 2),
    u7: text('u7', 2),
    u8: text('u8', 2),
    u9: text('u9', 2),
    // One over the limit, so that a long comment is refused rather than cut without a word.
    comment: text('comment', MAX_COMMENT_LENGTH + 1),
    ageBand: text('ageBand', 40),
    sex: text('sex', 40),
    education: text('education', 40),
    occupation: text('occupation', 40),
  };
}

function choice<T extends string>(value: string, allowed: readonly T[]): T | null | 'invalid' {
  if (value === '') return null;
  return (allowed as readonly string[]).includes(value) ? (value as T) : 'invalid';
}

/**
 * Checks a questionnaire: each of the nine elements answered 1–4, the comment within its limit (NUL
 * and other control characters but line breaks removed), each profile answer one of its options or
 * left out. Problems name the field to link to, in the order of the page.
 */
export function validateAnswers(raw: RawAnswers): { ok: true; answers: Answers } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const scores: number[] = [];
  ELEMENT_FIELDS.forEach((field, index) => {
    const value = raw[field];
    const score = /^[1-4]$/.test(value) ? Number(value) : undefined;
    if (score === undefined) problems.push({ field, key: 'surveys.error.answerRequired', params: { number: index + 1 } });
    else scores.push(score);
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const comment = raw.comment.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (comment.length > MAX_COMMENT_LENGTH) problems.push({ field: 'comment', key: 'surveys.error.commentTooLong' });
  const ageBand = choice(raw.ageBand, AGE_BANDS);
  const sex = choice(raw.sex, SEXES);
  const education = choice(raw.education, EDUCATION_LEVELS);
  const occupation = choice(raw.occupation, OCCUPATIONS);
  const profile = { ageBand, sex, education, occupation };
  for (const field of Object.keys(profile) as (keyof typeof profile)[]) {
    if (profile[field] === 'invalid') problems.push({ field, key: 'surveys.error.invalidChoice' });
  }
  if (problems.length > 0 || scores.length !== ELEMENT_COUNT) return { ok: false, problems };
  return {
    ok: true,
    answers: {
      scores,
      comment: comment === '' ? null : comment,
      ageBand: ageBand === 'invalid' ? null : ageBand,
      sex: sex === 'invalid' ? null : sex,
      education: education === 'invalid' ? null : education,
      occupation: occupation === 'invalid' ? null : occupation,
    },
  };
}
