import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_ACCOUNTS } from '../../src/modules/accounts/accounts.seed.ts';
import { STAFF_ROLES } from '../../src/platform/auth/permissions.ts';
import { ALL_MESSAGES, isLocale } from '../../src/platform/i18n/index.ts';
import type { TestApp } from '../helpers/app.ts';

// Shared by the hostile-input suites (fuzz.test.ts, injection.test.ts): the inputs, the callers and
// what every answer must look like.

/** 100 KB of text: far over any field's limit, well under the body limit. */
export const HUGE = 'A'.repeat(100 * 1024);

/** Text that trips naive handling of Unicode: lone surrogates, NUL, bidi overrides, emoji, combining marks. */
export const UNICODE_JUNK: readonly string[] = [
  '\ud800',
  'a\udfffb',
  'nul\u0000byte',
  '\u202eexe.pdf',
  '👩‍👩‍👧‍👦🇮🇩',
  'Z̷̢̛a̶l̵g̸o̴',
  '\ufeff\u200b\u2028\u2029',
  '\u0000'.repeat(50),
];

/** Path parameters that are almost, or not at all, what a route expects. */
export const BAD_PATH_PARAMS: readonly string[] = [
  '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a7', // one character short
  '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70z', // one too many
  'zf0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70', // not hex
  '-'.repeat(36),
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '..',
  'x'.repeat(199),
  'x'.repeat(5000),
  "1' OR '1'='1",
  '\u0000',
  '\ud800',
  '👩‍👩‍👧‍👦',
  '-1',
  '9'.repeat(40),
];

let addressCounter = 0;

/** Each call from its own address, so that rate limits never answer instead of the code under test. */
export function nextAddress(): string {
  addressCounter += 1;
  return `10.${200 + ((addressCounter >> 16) & 31)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** A multipart/form-data body built by hand, so that it can carry what a browser never would. */
export function multipartBody(parts: { name: string; filename?: string; type?: string; content: string }[]): { contentType: string; body: Buffer } {
  const boundary = '----loketfuzz7a3b';
  const chunks = parts.map((part) => {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
    return `--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n${part.content}\r\n`;
  });
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`${chunks.join('')}--${boundary}--\r\n`) };
}

export interface FuzzCaller {
  name: string;
  account?: { id: string; kind: 'citizen' | 'staff' };
  /** A fresh session of this caller: a call that signs out spoils nothing for the next. */
  token(kind: 'web' | 'api'): Promise<string>;
}

/** Nobody, and the demo account of each role asked for, signed in with the TOTP step done. */
export async function fuzzCallers(t: TestApp, roles: readonly string[]): Promise<FuzzCaller[]> {
  const { accountsRepository, personalData, sessions } = t.services;
  const signedIn = await Promise.all(
    roles.map(async (role) => {
      const demo = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
      if (!demo) throw new Error(`no demo account for ${role}`);
      const citizen = demo.role === 'citizen' || demo.role === 'business_member';
      const account = await accountsRepository.findByIndex(
        citizen ? 'nikIndex' : 'emailIndex',
        personalData.index(demo.role === 'citizen' ? 'nik' : 'email', demo.signIn),
      );
      if (!account) throw new Error(`demo account for ${role} not seeded`);
      const kind: 'citizen' | 'staff' = (STAFF_ROLES as readonly string[]).includes(role) ? 'staff' : 'citizen';
      return {
        name: role,
        account: { id: account.id, kind },
        token: (sessionKind: 'web' | 'api') =>
          sessions.create({ accountId: account.id, accountKind: kind, kind: sessionKind, mfaVerified: true, userAgent: 'fuzz' }),
      } satisfies FuzzCaller;
    }),
  );
  return [{ name: 'anonymous', token: async () => '' }, ...signedIn];
}

const messageValues = Object.fromEntries(Object.entries(ALL_MESSAGES).map(([locale, messages]) => [locale, new Set(Object.values(messages))]));

/**
 * What is wrong with an answer to hostile input, or undefined: never a 5xx, and from the API every
 * 4xx is problem+json whose title and status say what went wrong, in the caller's language.
 */
export function problemWithAnswer(url: string, response: LightMyRequestResponse, language?: string): string | undefined {
  if (response.statusCode >= 500) return `${response.statusCode} ${response.body.slice(0, 200)}`;
  if (!url.startsWith('/api/') || response.statusCode < 400) return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${response.statusCode} with content-type ${type || 'none'}`;
  let body: { title?: unknown; status?: unknown };
  try {
    body = response.json();
  } catch {
    return `${response.statusCode} problem+json that is not JSON`;
  }
  if (body.status !== response.statusCode) return `problem status ${String(body.status)} on a ${response.statusCode}`;
  if (typeof body.title !== 'string' || body.title === '') return `${response.statusCode} problem without a title`;
  if (language && isLocale(language) && !messageValues[language]?.has(body.title))
    return `${response.statusCode} title "${body.title}" is not in the ${language} catalogue`;
  return undefined;
}

/**
 * Injects, and asks again when the app shed the request because the machine was busy (503 with
 * Retry-After, before any handler ran): load shedding is designed behaviour, not a failure of input handling.
 */
export async function injectPatiently(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await app.inject(options);
    if (response.statusCode !== 503 || response.headers['retry-after'] === undefined || attempt === 10) return response;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
