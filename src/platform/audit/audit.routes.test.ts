import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { StaffRoleName } from '../../modules/accounts/accounts.tables.ts';
import { createCatalogueRepository } from '../../modules/catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../../modules/catalogue/catalogue.seed.ts';

const OTHER_ACTOR = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';

let t: TestApp;
const cookies = new Map<string, string>();
const accountIds = new Map<string, string>();
let agencyId: string;
let staffCount = 0;

/** A staff account with one role and a session past its TOTP step, as after a full sign-in. */
async function staffSession(role: StaffRoleName, { mfaVerified = true } = {}): Promise<{ accountId: string; cookie: string }> {
  const { accountId } = await t.services.staff.create(
    {
      email: `${role}.${++staffCount}@audit.loket.test`,
      fullName: `Uji ${role}`,
      roles: [{ role, agencyId: role === 'auditor' || role === 'platform_admin' ? null : agencyId }],
    },
    { accountId: null, role: 'system' },
  );
  const token = await t.services.sessions.create({ accountId, accountKind: 'staff', kind: 'web', mfaVerified, userAgent: 'test' });
  return { accountId, cookie: `loket_session=${token}` };
}

function get(url: string, who?: string) {
  const cookie = who === undefined ? undefined : cookies.get(who);
  return t.app.inject({ url, headers: cookie ? { cookie } : {} });
}

/** The actions in the entries table, top to bottom. */
const actions = (html: string) => [...html.matchAll(/<code>([^<]+)<\/code>/g)].map((match) => match[1]);
/** The record ids in the entries table: the cell holding a record type, then its id as a link. */
const subjectIds = (html: string) => [...html.matchAll(/<td>[a-z_]+<br\/><a [^>]*>([^<]+)<\/a><\/td>/g)].map((match) => match[1]);

beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
  agencyId = (await t.services.accountsRepository.agencyIdByCode('dpmptsp-dki-jakarta')) ?? '';
  for (const [name, role] of [
    ['auditor', 'auditor'],
    ['admin', 'platform_admin'],
    ['officer', 'officer'],
  ] as const) {
    const session = await staffSession(role);
    cookies.set(name, session.cookie);
    accountIds.set(name, session.accountId);
  }
  cookies.set('unverified', (await staffSession('auditor', { mfaVerified: false })).cookie);
  // 60 entries by two actors on four applications, the newest last: more than one page of 50.
  for (let i = 0; i < 60; i++) {
    await t.services.audit.record({
      actor:
        i % 3 === 0 ? { accountId: OTHER_ACTOR, role: 'supervisor', agencyId } : { accountId: accountIds.get('officer') ?? null, role: 'officer', agencyId },
      action: i % 2 === 0 ? 'record.state_changed' : 'personal_data.read',
      subject: { type: 'application', id: `APP-${i}` },
      ip: '203.0.113.7',
      requestId: `req-${i}`,
    });
  }
});

afterAll(async () => {
  await t?.close();
});

describe('the audit page', () => {
  it('shows auditors the entries newest first, with no personal data, and pages to older ones by id', async () => {
    const first = await get('/audit', 'auditor');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toContain('<h1>Log audit</h1>');
    expect(subjectIds(first.body).slice(0, 3)).toEqual(['APP-59', 'APP-58', 'APP-57']);
    expect(first.body).toMatch(/WIB<\/time>/);
    expect(first.body).toContain(accountIds.get('officer'));
    expect(first.body).toContain('req-59');
    for (const personal of ['Uji officer', 'officer.3@audit.loket.test', '203.0.113.7']) expect(first.body).not.toContain(personal);

    const older = /href="(\/audit\?before=\d+)" rel="next">Entri lebih lama</.exec(first.body)?.[1];
    expect(older).toBeDefined();
    const second = await get(older?.replace(/&amp;/g, '&') ?? '', 'auditor');
    expect(second.statusCode).toBe(200);
    // 64 entries (60, and four staff accounts created): 50 on the first page, the rest here.
    expect(subjectIds(second.body)[0]).toBe('APP-9');
    expect(second.body).toContain('Kembali ke entri terbaru');
    expect(second.body).not.toContain('Entri lebih lama');
  });

  it('shows platform admins the entries too', async () => {
    const response = await get('/audit?action=personal_data.read', 'admin');
    expect(response.statusCode).toBe(200);
    expect(new Set(actions(response.body))).toEqual(new Set(['personal_data.read']));
  });

  it('refuses officers, and sends people who are not signed in (or have not passed TOTP) to sign in', async () => {
    expect((await get('/audit', 'officer')).statusCode).toBe(403);
    for (const who of [undefined, 'unverified']) {
      const response = await get('/audit?actor=x', who);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/sign-in?done=required&next=%2Faudit%3Factor%3Dx');
    }
  });

  it('filters by actor, record, action and WIB dates, and keeps what was typed in the form', async () => {
    const byActor = await get(`/audit?actor=${OTHER_ACTOR.toUpperCase()}`, 'auditor');
    expect(byActor.statusCode).toBe(200);
    expect(subjectIds(byActor.body)).toEqual(Array.from({ length: 20 }, (_, i) => `APP-${57 - 3 * i}`));
    expect(byActor.body).toContain(`value="${OTHER_ACTOR.toUpperCase()}"`);

    const bySubject = await get('/audit?subjectType=application&subjectId=APP-7&action=personal_data.read', 'auditor');
    expect(subjectIds(bySubject.body)).toEqual(['APP-7']);
    expect(bySubject.body).toContain('value="APP-7"');

    const [newest] = (await t.services.audit.search({ limit: 1 })).entries;
    const wib = new Date((newest?.occurredAt.getTime() ?? 0) + 7 * 3600 * 1000);
    const day = (offsetDays: number) => {
      const date = new Date(wib.getTime() + offsetDays * 24 * 3600 * 1000);
      return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
    };
    const range = (from: ReturnType<typeof day>, to: ReturnType<typeof day>) =>
      `/audit?subjectType=application&subjectId=APP-1&from[day]=${from.day}&from[month]=${from.month}&from[year]=${from.year}` +
      `&to[day]=${to.day}&to[month]=${to.month}&to[year]=${to.year}`;
    expect(subjectIds((await get(range(day(0), day(0)), 'auditor')).body)).toEqual(['APP-1']);
    expect(subjectIds((await get(range(day(-3), day(-1)), 'auditor')).body)).toEqual([]);
    const tomorrow = await get(range(day(1), day(2)), 'auditor');
    expect(tomorrow.body).toContain('Tidak ada entri yang cocok dengan saringan ini.');
    expect(tomorrow.body).toContain(`name="from[day]" type="text" inputmode="numeric" value="${day(1).day}"`);
  });

  it('answers malformed filters with 400 and a message for each, searching nothing', async () => {
    const searches = async () => (await t.services.audit.search({ action: 'audit.searched', limit: 500 })).entries.length;
    const before = await searches();
    const response = await get(
      '/audit?actor=budi&subjectType=Application!&subjectId=3171014501900001&action=SignIn&from[day]=31&from[month]=2&from[year]=2027&to[day]=1&to[month]=1&to[year]=2027&before=abc',
      'auditor',
    );
    expect(response.statusCode).toBe(400);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(response.body)?.[0] ?? '';
    for (const [field, message] of [
      ['actor', 'Masukkan ID akun pelaku yang lengkap'],
      ['subjectType', 'Masukkan jenis objek dengan huruf kecil'],
      ['subjectId', 'bukan NIK, alamat email, atau nomor telepon'],
      ['action', 'Masukkan tindakan seperti tercatat di log'],
      ['from-day', 'Masukkan tanggal mulai yang benar'],
      ['filters', 'Tautan halaman ini tidak berlaku'],
    ]) {
      expect(summary).toMatch(new RegExp(`href="#${field}">[^<]*${message}`));
    }
    expect(response.body).toContain('value="budi"');
    expect(response.body).not.toContain('<table');

    const order = await get('/audit?from[day]=2&from[month]=1&from[year]=2027&to[day]=1&to[month]=1&to[year]=2027', 'auditor');
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('Tanggal akhir harus sama dengan atau sesudah tanggal mulai');
    const orphan = await get('/audit?subjectId=APP-1', 'auditor');
    expect(orphan.body).toContain('href="#subjectType">Isi jenis objek untuk mencari menurut ID objek');

    // In the reader's language: an account set to English reads English messages.
    const reader = await staffSession('auditor');
    await t.database.db.updateTable('account').set({ locale: 'en' }).where('id', '=', reader.accountId).execute();
    const english = await t.app.inject({ url: '/audit?actor=budi', headers: { cookie: reader.cookie } });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('href="#actor">Enter the whole account ID of the actor');
    expect(await searches()).toBe(before);
  });

  it('records every search in the audit log: who, from which request, with which filters', async () => {
    const response = await get('/audit?subjectType=application&subjectId=APP-3&from[day]=1&from[month]=1&from[year]=2020', 'admin');
    expect(response.statusCode).toBe(200);
    const [entry] = (await t.services.audit.search({ action: 'audit.searched', actorAccountId: accountIds.get('admin'), limit: 1 })).entries;
    expect(entry).toMatchObject({
      actor: { accountId: accountIds.get('admin'), role: 'platform_admin', agencyId: null },
      subject: null,
      requestId: response.headers['x-request-id'],
      details: { filters: { subjectType: 'application', subjectId: 'APP-3', from: '2019-12-31T17:00:00.000Z' }, shown: 1 },
    });
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
  });
});
