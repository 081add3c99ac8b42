import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { ALL_MESSAGES, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from './accounts.seed.ts';
import { SESSION_LIFETIMES } from './sessions.ts';
import { currentTotp } from './totp.ts';

// Medium tests: the real app on its own database, driven through app.inject like a browser (cookies,
// CSRF tokens from each form) or an API client (bearer tokens).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_DEV_MAILBOX: 'true' } });
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

const PASSWORD = 'teh-manis-di-beranda';
const SESSION_COOKIE = 'loket_session';

// Sign-in failures throttle the address they come from: every client gets its own address.
let lastAddress = 0;
function nextAddress(): string {
  lastAddress += 1;
  return `10.0.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
}

const message = (locale: Locale, key: MessageKey) => ALL_MESSAGES[locale][key];

/** A browser: keeps its cookies, and posts forms with the CSRF token of the last page it loaded. */
class Browser {
  readonly address = nextAddress();
  private readonly cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(private readonly locale: Locale = 'id') {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await t.app.inject({ method: 'GET', url, headers: this.headers(), remoteAddress: this.address }));
  }

  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.csrfToken, ...fields }).toString();
    const headers = { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' };
    return this.keep(await t.app.inject({ method: 'POST', url, headers, payload, remoteAddress: this.address }));
  }

  /** Opens the sign-in form and sends it. */
  async signIn(identifier: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    return this.post('/sign-in', { identifier, password });
  }

  /** Signs a staff member in with the password, then the code (TOTP or recovery) on the next page. */
  async signInStaff(identifier: string, password: string, code: string): Promise<LightMyRequestResponse> {
    expect((await this.signIn(identifier, password)).headers.location).toBe('/sign-in/totp');
    await this.get('/sign-in/totp');
    return this.post('/sign-in/totp', { code });
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { 'accept-language': this.locale, ...(cookie ? { cookie } : {}) };
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      const cleared = cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }
}

interface Citizen {
  accountId: string;
  nik: string;
  email: string;
  fullName: string;
  sessionToken: string;
}

// Valid NIKs: a district (Kota Bandung by default), born 17 August 1990, a serial per citizen.
let lastSerial = 0;
async function createCitizen({ district = '327301' } = {}): Promise<Citizen> {
  lastSerial += 1;
  const serial = String(lastSerial).padStart(4, '0');
  const person = { nik: `${district}170890${serial}`, fullName: `Warga Percobaan ${serial}`, email: `warga.${serial}@contoh.test` };
  const result = await t.services.accounts.register(
    { ...person, birthDate: { day: '17', month: '08', year: '1990' }, phone: '', password: PASSWORD, locale: 'id' },
    { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' },
  );
  if (!result.ok) throw new Error(`test citizen refused: ${result.problems.map((p) => p.key).join(', ')}`);
  return { ...person, ...result.value };
}

function demo(role: DemoAccount['role']): DemoAccount & { totpSecret: string } {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account?.totpSecret) throw new Error(`no demo staff account for ${role}`);
  return { ...account, totpSecret: account.totpSecret };
}

async function accountIdOf(email: string): Promise<string> {
  const account = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', email));
  if (!account) throw new Error('no such account');
  return account.id;
}

/** The verification code last sent to an address, read from the development mailbox. */
async function codeSentTo(email: string): Promise<string> {
  const sent = (await t.services.notifier.mailbox(500)).find((entry) => entry.recipient === email && entry.kind === 'account.verify_contact');
  const code = /\b(\d{6})\b/.exec(sent?.text ?? '')?.[1];
  if (!code) throw new Error('no verification code in the mailbox');
  return code;
}

async function liveSessions(accountId: string, kind: 'web' | 'api') {
  return t.database.db
    .selectFrom('session')
    .select('idHash')
    .where('accountId', '=', accountId)
    .where('kind', '=', kind)
    .where('revokedAt', 'is', null)
    .execute();
}

async function requestToken(body: Record<string, string>, address = nextAddress(), locale: Locale = 'id') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: body, headers: { 'accept-language': locale }, remoteAddress: address });
}

async function tokenFor(body: Record<string, string>): Promise<string> {
  const response = await requestToken(body);
  expect(response.statusCode).toBe(200);
  return response.json().accessToken;
}

function api(method: 'GET' | 'DELETE', url: string, token: string) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, remoteAddress: nextAddress() });
}

/** A problem without its request id, to compare two answers. */
function problemOf(response: LightMyRequestResponse) {
  const { requestId: _requestId, ...problem } = response.json();
  return problem;
}

const registration = (fields: Partial<Record<string, string>>) => ({
  nik: '3204011708900001',
  fullName: 'Rina Permata',
  'birthDate[day]': '17',
  'birthDate[month]': '8',
  'birthDate[year]': '1990',
  email: 'rina@contoh.test',
  phone: '',
  password: PASSWORD,
  ...fields,
});

describe('registration', () => {
  it('creates the account with a valid NIK and verifies the e-mail with the code sent to it', async () => {
    const browser = new Browser();
    await browser.get('/register');
    const registered = await browser.post('/register', registration({}));
    expect(registered.statusCode).toBe(303);
    expect(registered.headers.location).toBe('/register/verify');
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();

    const nikIndex = t.services.personalData.index('nik', '3204011708900001');
    const account = await t.database.db.selectFrom('account').select(['id', 'emailVerifiedAt']).where('nikIndex', '=', nikIndex).executeTakeFirst();
    expect(account?.emailVerifiedAt).toBeNull();

    const code = await codeSentTo('rina@contoh.test');
    expect((await browser.get('/register/verify')).statusCode).toBe(200);
    const verified = await browser.post('/register/verify', { code });
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe('/account?done=verified');
    const after = await t.database.db.selectFrom('account').select('emailVerifiedAt').where('nikIndex', '=', nikIndex).executeTakeFirst();
    expect(after?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await browser.get('/account?done=verified')).body).toContain(message('id', 'verify.done'));
    expect(t.logs.filter((line) => new RegExp(`(?<![\\d.])${code}(?!\\d)`).test(line))).toEqual([]);
  });

  const invalidNiks: [string, string, MessageKey][] = [
    ['an unknown province', '9973011708900001', 'nik.province_unknown'],
    ['30 February', '3273013002900001', 'nik.birth_day'],
    ['month 13', '3273011713900001', 'nik.birth_month'],
    ['serial 0000', '3273011708900000', 'nik.serial_zero'],
    ['15 digits', '327301170890001', 'nik.length'],
  ];
  describe.each(['id', 'en'] as const)('in %s', (locale) => {
    it.each(invalidNiks)('refuses a NIK with %s with its own message on the field', async (_case, nik, key) => {
      const browser = new Browser(locale);
      await browser.get('/register');
      const response = await browser.post('/register', registration({ nik, email: `nik.${locale}.${nik}@contoh.test` }));
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`<html lang="${locale}"`);
      expect(response.body).toContain(`<a href="#nik">${message(locale, key)}</a>`);
      expect(response.body).toContain(`value="${nik}"`);
    });
  });

  it('refuses a NIK that is already registered with its own message', async () => {
    const citizen = await createCitizen();
    const browser = new Browser();
    await browser.get('/register');
    const response = await browser.post('/register', registration({ nik: citizen.nik, email: 'orang.lain@contoh.test' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(`<a href="#nik">${message('id', 'register.nik.taken')}</a>`);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('blocks the code after five wrong tries, even when the right code follows', async () => {
    const citizen = await createCitizen();
    const code = await codeSentTo(citizen.email);
    const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    const browser = new Browser().setCookie(SESSION_COOKIE, citizen.sessionToken);
    await browser.get('/register/verify');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await browser.post('/register/verify', { code: wrong });
      expect(response.statusCode, `attempt ${attempt}`).toBe(400);
      expect(response.body).toContain(message('id', 'verify.code.wrong'));
    }
    const blocked = await browser.post('/register/verify', { code });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain(message('id', 'verify.code.tooMany'));
    const account = await t.database.db.selectFrom('account').select('emailVerifiedAt').where('id', '=', citizen.accountId).executeTakeFirst();
    expect(account?.emailVerifiedAt).toBeNull();
  });

  it('compares at most five codes even when wrong codes arrive all at once', async () => {
    const citizen = await createCitizen();
    const code = await codeSentTo(citizen.email);
    const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    const browser = new Browser().setCookie(SESSION_COOKIE, citizen.sessionToken);
    await browser.get('/register/verify');
    const answers = await Promise.all(Array.from({ length: 12 }, () => browser.post('/register/verify', { code: wrong })));
    expect(answers.filter((answer) => answer.body.includes(message('id', 'verify.code.wrong')))).toHaveLength(5);
    expect((await browser.post('/register/verify', { code })).body).toContain(message('id', 'verify.code.tooMany'));
  });
});

describe('citizen sign-in', () => {
  it.each(['nik', 'email'] as const)('signs a citizen in by %s', async (by) => {
    const citizen = await createCitizen();
    const browser = new Browser();
    const response = await browser.signIn(citizen[by], PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
    const account = await browser.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(citizen.fullName);
  });

  it('signs in by NIK a citizen of Central Kalimantan, whose NIK starts with 62 like a phone number', async () => {
    const citizen = await createCitizen({ district: '627101' });
    expect((await new Browser().signIn(citizen.nik, PASSWORD)).headers.location).toBe('/account');
    expect((await requestToken({ identifier: citizen.nik, password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers an unknown identifier exactly as a wrong password', async () => {
    const citizen = await createCitizen();
    const unknown = await new Browser().signIn('3273011708909999', PASSWORD);
    const wrong = await new Browser().signIn(citizen.nik, 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const summary = (response: LightMyRequestResponse) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(response.body)?.[0];
    expect(summary(unknown)).toContain(message('id', 'signIn.failed'));
    expect(summary(wrong)).toBe(summary(unknown));
  });

  it('throttles the account after five wrong passwords, even for the right one, and the address for other accounts', async () => {
    const [target, other] = [await createCitizen(), await createCitizen()];
    const attacker = new Browser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await attacker.signIn(target.nik, `wrong-password-${attempt}`)).statusCode, `attempt ${attempt}`).toBe(401);
    }
    const ownerBrowser = new Browser();
    const owner = await ownerBrowser.signIn(target.nik, PASSWORD);
    expect(owner.statusCode).toBe(429);
    expect(owner.body).toContain(message('id', 'signIn.throttled'));
    expect(ownerBrowser.cookie(SESSION_COOKIE)).toBeUndefined();

    const sameAddress = await attacker.signIn(other.nik, PASSWORD);
    expect(sameAddress.statusCode).toBe(429);
    expect(attacker.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await new Browser().signIn(other.nik, PASSWORD)).statusCode).toBe(303);
  });
});

describe('staff sign-in', () => {
  it('does not reach the account page with the password alone', async () => {
    const officer = demo('officer');
    const browser = new Browser();
    const response = await browser.signIn(officer.signIn, officer.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in/totp');
    const account = await browser.get('/account');
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toMatch(/^\/sign-in\?done=required/);
  });

  it('reaches the account page with a TOTP code, under a new session id', async () => {
    const officer = demo('officer');
    const browser = new Browser();
    await browser.signIn(officer.signIn, officer.password);
    const pending = browser.cookie(SESSION_COOKIE);
    expect(pending).toBeDefined();
    await browser.get('/sign-in/totp');
    const response = await browser.post('/sign-in/totp', { code: currentTotp(officer.totpSecret) });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
    expect(browser.cookie(SESSION_COOKIE)).not.toBe(pending);
    expect((await browser.get('/account')).statusCode).toBe(200);

    // The pre-TOTP session is gone: it cannot even finish a second step again.
    const replay = new Browser().setCookie(SESSION_COOKIE, pending ?? '');
    expect((await replay.get('/sign-in/totp')).headers.location).toBe('/sign-in');
  });

  it('accepts a TOTP code only once', async () => {
    const supervisor = demo('supervisor');
    const code = currentTotp(supervisor.totpSecret);
    expect((await new Browser().signInStaff(supervisor.signIn, supervisor.password, code)).headers.location).toBe('/account');
    const again = new Browser();
    const replayed = await again.signInStaff(supervisor.signIn, supervisor.password, code);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.body).toContain(message('id', 'totp.code.wrong'));
    expect((await again.get('/account')).statusCode).toBe(303);
  });

  it('accepts a recovery code once', async () => {
    const agencyId = await t.services.accountsRepository.agencyIdByCode('disdukcapil-kota-bandung');
    const email = 'petugas.baru@contoh.test';
    const { password } = await t.services.staff.create(
      { email, fullName: 'Petugas Baru', roles: [{ role: 'officer', agencyId: agencyId ?? null }] },
      {
        accountId: null,
        role: 'system',
      },
    );

    // First sign-in: enrol TOTP and receive the recovery codes.
    const enrolling = new Browser();
    await enrolling.signIn(email, password);
    const secret = /<span class="secret">([A-Z2-7]+)<\/span>/.exec((await enrolling.get('/sign-in/totp')).body)?.[1];
    expect(secret).toBeDefined();
    const enrolled = await enrolling.post('/sign-in/totp', { code: currentTotp(secret ?? '') });
    expect(enrolled.statusCode).toBe(200);
    const recoveryCodes = [...enrolled.body.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map((match) => match[1] ?? '');
    expect(recoveryCodes).toHaveLength(10);
    const [recoveryCode = ''] = recoveryCodes;

    const first = await new Browser().signInStaff(email, password, recoveryCode);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/account');
    const second = await new Browser().signInStaff(email, password, recoveryCode);
    expect(second.statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('signing out revokes the session', async () => {
    const citizen = await createCitizen();
    const browser = new Browser();
    await browser.signIn(citizen.email, PASSWORD);
    const token = browser.cookie(SESSION_COOKIE) ?? '';
    await browser.get('/account');
    const signedOut = await browser.post('/sign-out', {});
    expect(signedOut.headers.location).toBe('/sign-in?done=signedOut');
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const stolen = new Browser().setCookie(SESSION_COOKIE, token);
    expect((await stolen.get('/account')).statusCode).toBe(303);
  });

  it('"sign out everywhere" ends the other sessions but not this one', async () => {
    const citizen = await createCitizen();
    const [here, elsewhere] = [new Browser(), new Browser()];
    await here.signIn(citizen.email, PASSWORD);
    await elsewhere.signIn(citizen.email, PASSWORD);
    const apiToken = await tokenFor({ identifier: citizen.email, password: PASSWORD });
    await here.get('/account');
    expect((await here.post('/account/sign-out-everywhere', {})).headers.location).toBe('/account?done=signedOutElsewhere');
    expect((await here.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    expect((await api('GET', '/api/v1/me', apiToken)).statusCode).toBe(401);
    expect(await liveSessions(citizen.accountId, 'web')).toHaveLength(1);
  });

  it('changes the session id at sign-in', async () => {
    const citizen = await createCitizen();
    const browser = new Browser().setCookie(SESSION_COOKIE, citizen.sessionToken);
    await browser.signIn(citizen.email, PASSWORD);
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
    expect(browser.cookie(SESSION_COOKIE)).not.toBe(citizen.sessionToken);
  });

  it('refuses a citizen session idle for longer than two hours', async () => {
    const citizen = await createCitizen();
    const browser = new Browser();
    await browser.signIn(citizen.email, PASSWORD);
    const idleFor = async (seconds: number) => {
      await t.database.db
        .updateTable('session')
        .set({ lastSeenAt: new Date(Date.now() - seconds * 1000) })
        .where('accountId', '=', citizen.accountId)
        .execute();
      return (await browser.get('/account')).statusCode;
    };
    const idle = SESSION_LIFETIMES.citizen.web.idle;
    expect(idle).toBe(2 * 3600);
    expect(await idleFor(idle - 300)).toBe(200);
    expect(await idleFor(idle + 60)).toBe(303);
  });

  it('refuses a staff session idle for longer than thirty minutes', async () => {
    const desk = demo('complaints_desk');
    const browser = new Browser();
    await browser.signInStaff(desk.signIn, desk.password, currentTotp(desk.totpSecret));
    expect((await browser.get('/account')).statusCode).toBe(200);
    await t.database.db
      .updateTable('session')
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60 * 1000) })
      .where('accountId', '=', await accountIdOf(desk.signIn))
      .execute();
    expect((await browser.get('/account')).statusCode).toBe(303);
  });
});

describe('API tokens', () => {
  it('gives a citizen a short-lived bearer token that reads their own profile, with the NIK masked', async () => {
    const citizen = await createCitizen();
    const response = await requestToken({ identifier: citizen.nik, password: PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const token = response.json();
    expect(token).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 15 * 60 });

    const me = await api('GET', '/api/v1/me', token.accessToken);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: citizen.accountId,
      kind: 'citizen',
      fullName: citizen.fullName,
      nik: `3273********${citizen.nik.slice(-4)}`,
      email: citizen.email,
      emailVerified: false,
      phone: null,
      phoneVerified: false,
      locale: 'id',
      roles: ['citizen'],
    });
    expect(me.body).not.toContain(citizen.nik);
  });

  it('works only where it belongs: a bearer token opens no page, a session cookie opens no API', async () => {
    const citizen = await createCitizen();
    const token = await tokenFor({ identifier: citizen.email, password: PASSWORD });
    expect((await new Browser().setCookie(SESSION_COOKIE, token).get('/account')).statusCode).toBe(303);
    expect((await api('GET', '/api/v1/me', citizen.sessionToken)).statusCode).toBe(401);
  });

  it('answers an unknown identifier exactly as a wrong password, with a generic localized problem', async () => {
    const citizen = await createCitizen();
    const unknown = await requestToken({ identifier: 'nobody@contoh.test', password: PASSWORD }, nextAddress(), 'en');
    const wrong = await requestToken({ identifier: citizen.email, password: 'not-the-password' }, nextAddress(), 'en');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(unknown)).toEqual({ type: '/problems/auth.sign_in_failed', title: 'Sign-in failed', status: 401, detail: message('en', 'signIn.failed') });
    expect(problemOf(wrong)).toEqual(problemOf(unknown));
    const indonesian = await requestToken({ identifier: 'nobody@contoh.test', password: PASSWORD });
    expect(indonesian.json().title).toBe(message('id', 'api.signInFailed.title'));
  });

  it('throttles the account after five failures with 429, even for the right password', async () => {
    const citizen = await createCitizen();
    const address = nextAddress();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await requestToken({ identifier: citizen.email, password: `wrong-${attempt}` }, address)).statusCode).toBe(401);
    }
    const refused = await requestToken({ identifier: citizen.email, password: PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ type: '/problems/auth.throttled', title: message('id', 'api.throttled.title') });
    expect(refused.json().accessToken).toBeUndefined();
  });

  it('limits how often one address may ask for a token', async () => {
    const address = nextAddress();
    for (let request = 1; request <= 10; request++) {
      expect((await requestToken({}, address)).statusCode, `request ${request}`).toBe(400);
    }
    const limited = await requestToken({}, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().type).toBe('/problems/platform.rate_limited');
  });

  it('requires the TOTP code of staff, with its own problem type, and leaves no usable session', async () => {
    const auditor = demo('auditor');
    const accountId = await accountIdOf(auditor.signIn);
    const withoutCode = await requestToken({ identifier: auditor.signIn, password: auditor.password });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ type: '/problems/auth.totp_required', title: message('id', 'api.totpRequired.title') });
    const wrongCode = await requestToken({ identifier: auditor.signIn, password: auditor.password, totp: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json().type).toBe('/problems/auth.sign_in_failed');
    expect(await liveSessions(accountId, 'api')).toEqual([]);
  });

  it('gives staff with a TOTP code one token, and the pending session is gone', async () => {
    const admin = demo('agency_admin');
    const accountId = await accountIdOf(admin.signIn);
    const token = await tokenFor({ identifier: admin.signIn, password: admin.password, totp: currentTotp(admin.totpSecret) });
    const live = await liveSessions(accountId, 'api');
    expect(live).toHaveLength(1);
    const me = await api('GET', '/api/v1/me', token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: accountId, kind: 'staff', nik: null, roles: ['agency_admin'] });
  });

  it('revokes the token it is called with', async () => {
    const citizen = await createCitizen();
    const token = await tokenFor({ identifier: citizen.email, password: PASSWORD });
    const other = await tokenFor({ identifier: citizen.email, password: PASSWORD });
    const revoked = await api('DELETE', '/api/v1/auth/token', token);
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    const after = await api('GET', '/api/v1/me', token);
    expect(after.statusCode).toBe(401);
    expect(after.json().type).toBe('/problems/auth.unauthenticated');
    expect((await api('DELETE', '/api/v1/auth/token', token)).statusCode).toBe(401);
    expect((await api('GET', '/api/v1/me', other)).statusCode).toBe(200);
  });

  it('refuses every account endpoint without a token', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['DELETE', '/api/v1/auth/token'],
      ['GET', `/api/v1/accounts/${crypto.randomUUID()}`],
    ] as const) {
      const response = await t.app.inject({ method, url, remoteAddress: nextAddress() });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().type).toBe('/problems/auth.unauthenticated');
    }
  });

  it("gives a citizen their own account by id, and 404 (not 403) for another citizen's, as for an unknown or malformed id", async () => {
    const [alice, bob] = [await createCitizen(), await createCitizen()];
    const aliceToken = await tokenFor({ identifier: alice.email, password: PASSWORD });
    const bobToken = await tokenFor({ identifier: bob.email, password: PASSWORD });

    const own = await api('GET', `/api/v1/accounts/${alice.accountId}`, aliceToken);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: alice.accountId, fullName: alice.fullName, nik: `3273********${alice.nik.slice(-4)}` });

    const unknown = await api('GET', `/api/v1/accounts/${crypto.randomUUID()}`, aliceToken);
    expect(unknown.statusCode).toBe(404);
    const officerId = await accountIdOf(demo('officer').signIn);
    for (const id of [bob.accountId, officerId, 'not-an-id', `${bob.accountId}'--`]) {
      const response = await api('GET', `/api/v1/accounts/${encodeURIComponent(id)}`, aliceToken);
      expect(response.statusCode, id).toBe(404);
      expect(response.body).not.toContain(bob.fullName);
      expect(problemOf(response)).toEqual(problemOf(unknown));
    }
    expect((await api('GET', `/api/v1/accounts/${bob.accountId}`, bobToken)).statusCode).toBe(200);
  });

  it("answers staff 404 for a citizen's account, having no use case for it yet", async () => {
    const platformAdmin = demo('platform_admin');
    const citizen = await createCitizen();
    const token = await tokenFor({ identifier: platformAdmin.signIn, password: platformAdmin.password, totp: currentTotp(platformAdmin.totpSecret) });
    const response = await api('GET', `/api/v1/accounts/${citizen.accountId}`, token);
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('/problems/platform.not_found');
    expect(response.body).not.toContain(citizen.fullName);
  });

  it('writes no NIK, e-mail address, password or token to the logs', async () => {
    const citizen = await createCitizen();
    const token = await tokenFor({ identifier: citizen.nik, password: PASSWORD });
    await api('GET', '/api/v1/me', token);
    await api('GET', `/api/v1/accounts/${citizen.accountId}`, token);
    await api('DELETE', '/api/v1/auth/token', token);
    for (const secret of [citizen.nik, citizen.email, citizen.fullName, PASSWORD, token]) {
      expect(t.logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('is documented in OpenAPI under the accounts tag', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(document.tags).toContainEqual(expect.objectContaining({ name: 'accounts' }));
    for (const [path, method] of [
      ['/api/v1/auth/token', 'post'],
      ['/api/v1/auth/token', 'delete'],
      ['/api/v1/me', 'get'],
      ['/api/v1/accounts/{id}', 'get'],
    ] as const) {
      expect(document.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['accounts']);
    }
  });
});
