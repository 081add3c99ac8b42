import safeRegex from 'safe-regex2';

export const PATTERN_MAX_LENGTH = 200;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; reason: 'too_long' | 'invalid' | 'unsafe' };

/**
 * Compiles an admin's pattern so that it must match the whole answer (`^(?:…)$`, Unicode mode), after
 * refusing patterns that could take exponential time on a crafted answer: nested quantifiers such as
 * `(a+)+` are what safe-regex2 detects. The answer is also length-limited before it is matched.
 */
export function checkPattern(pattern: string): PatternCheck {
  if (pattern.length > PATTERN_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  let regex: RegExp;
  try {
    // Compiled alone first: an unbalanced `a)|(b` would otherwise escape the anchors once wrapped.
    new RegExp(pattern, 'u');
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!safeRegex(pattern)) return { ok: false, reason: 'unsafe' };
  return { ok: true, regex };
}

const compiled = new Map<string, RegExp | undefined>();

/**
 * The compiled pattern, or undefined when it is not acceptable: a saved form has passed the meta-schema
 * check, so this only happens for a form stored before a stricter rule, and then the pattern is ignored
 * rather than letting it run. Forms are few and their patterns repeat, so the cache stays small.
 */
export function compiledPattern(pattern: string): RegExp | undefined {
  if (!compiled.has(pattern)) {
    const check = checkPattern(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, check.ok ? check.regex : undefined);
  }
  return compiled.get(pattern);
}
