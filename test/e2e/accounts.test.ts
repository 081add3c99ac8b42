import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/accounts/accounts.seed.ts';
import { currentTotp } from '../../src/modules/accounts/totp.ts';
import { ALL_MESSAGES } from '../../src/platform/i18n/index.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { AccountPage } from './pages/account-page.ts';
import { t } from './pages/base-page.ts';
import { MailboxPage } from './pages/mailbox-page.ts';
import { RegisterPage, type Registration } from './pages/register-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { RecoveryCodesPage, TotpPage } from './pages/totp-page.ts';
import { VerifyPage } from './pages/verify-page.ts';

// Issue 3's browser acceptance: a citizen registers, verifies the code from the development mailbox,
// sees the profile, signs out and in again; staff sign in with TOTP, or enrol it the first time.
// Every page on the way is checked with axe-core (WCAG 2.2 AA).

/** Dewi: born 12 April 1991, a woman, so the NIK's day is 12 + 40 = 52. */
const DEWI: Registration = {
  nik: '3273015204910007',
  fullName: 'Dewi Anggraini Putri',
  birthDate: { day: '12', month: '4', year: '1991' },
  email: 'dewi.anggraini@contoh.test',
  phone: '0812 3456 7890',
  password: 'teh-manis-di-sore-hari',
};

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

/** A fresh browser profile with JavaScript on, reading Indonesian. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled: true });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp({ env: { LOKET_DEV_MAILBOX: 'true' } });
  await seedDemo(loket.database.db, loket.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(loket.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('a citizen in a real browser', () => {
  it('registers, verifies the e-mail with the code from the mailbox, signs out, signs in with the NIK and signs out', async () => {
    const page = await newPage();

    const register = await RegisterPage.open(page);
    await expectAxeClean(page);

    // A NIK from no province and a short password: both explained, what was typed kept.
    await register.fill({ ...DEWI, nik: '9973015204910007', password: 'pendek' });
    await register.submit();
    expect(await register.heading()).toBe(t('register.title'));
    expect(await register.errors()).toEqual(expect.arrayContaining([t('nik.province_unknown'), t('password.too_short')]));
    expect(await register.errorLinksTargetFields()).toBe(true);
    expect(await register.value('fullName')).toBe(DEWI.fullName);
    expect(await register.value('password')).toBe('');
    await expectAxeClean(page);

    await register.fill(DEWI);
    await register.submit();
    const verify = await VerifyPage.expectOn(page);
    expect(await verify.isSignedIn()).toBe(true);
    await expectAxeClean(page);

    // The code, read from the development mailbox in another tab of the same browser.
    const mailboxTab = await page.context().newPage();
    const mailbox = await MailboxPage.open(mailboxTab);
    const code = await mailbox.latestCodeFor(DEWI.email);
    await expectAxeClean(mailboxTab);
    await mailboxTab.close();

    await verify.enter(code);
    const account = await AccountPage.expectOn(page);
    expect(await account.banner()).toContain(t('verify.done'));
    expect(await account.detail('account.name')).toBe(DEWI.fullName);
    expect(await account.detail('account.nik')).toBe(DEWI.nik);
    expect(await account.detail('account.email')).toContain(DEWI.email);
    expect(await account.tagOf('account.email')).toBe(t('account.verified'));
    // The phone was not verified: only the e-mail got a code.
    expect(await account.tagOf('account.phone')).toBe(t('account.unverified'));
    await expectAxeClean(page);

    await account.signOut();
    const signIn = await SignInPage.expectOn(page);
    expect(await signIn.banner()).toContain(t('signOut.done'));
    expect(await signIn.isSignedIn()).toBe(false);
    await expectAxeClean(page);

    // Signed out means signed out: the profile sends the person to sign in.
    await page.goto('/account');
    await SignInPage.expectOn(page);

    await signIn.signIn(DEWI.nik, DEWI.password);
    const again = await AccountPage.expectOn(page);
    expect(await again.detail('account.name')).toBe(DEWI.fullName);
    expect(await again.tagOf('account.email')).toBe(t('account.verified'));

    await again.signOut();
    await SignInPage.expectOn(page);
    expect(await signIn.isSignedIn()).toBe(false);
  }, 60_000);
});

describe('staff in a real browser', () => {
  it('the demo officer signs in with the code from the authenticator app and reaches the profile', async () => {
    const officer = DEMO_ACCOUNTS.find((account) => account.role === 'officer');
    if (!officer?.totpSecret) throw new Error('no demo officer with a TOTP secret');
    const page = await newPage();

    const signIn = await SignInPage.open(page);
    await signIn.signIn(officer.signIn, officer.password);
    const totp = await TotpPage.expectOn(page);
    expect(await totp.isEnrolment()).toBe(false);
    expect(await totp.isSignedIn()).toBe(false);
    await expectAxeClean(page);

    await totp.enter(currentTotp(officer.totpSecret));
    const account = await AccountPage.expectOn(page);
    expect(await account.detail('account.email')).toContain(officer.signIn);
    expect(await account.detail('account.twoFactor')).toBe(t('account.twoFactor.on'));
  }, 60_000);

  it('a new staff member enrols TOTP from the QR page and is shown recovery codes once', async () => {
    const agencyId = await loket.services.accountsRepository.agencyIdByCode('disdukcapil-kota-bandung');
    const email = 'petugas.baru@disdukcapil.contoh.test';
    const { password } = await loket.services.staff.create(
      { email, fullName: 'Fajar Nugroho', roles: [{ role: 'officer', agencyId: agencyId ?? null }] },
      { accountId: null, role: 'system' },
    );
    const page = await newPage();

    const signIn = await SignInPage.open(page);
    await signIn.signIn(email, password);
    const enrol = await TotpPage.expectOn(page);
    expect(await enrol.isEnrolment()).toBe(true);
    expect(await enrol.qrCode()).toEqual({ alt: ALL_MESSAGES.id['totp.enrol.qrAlt'], drawn: true });
    await expectAxeClean(page);

    // A wrong code first: refused, and the same secret is offered again.
    const secret = await enrol.secret();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await enrol.enter('000000');
    expect(await enrol.isEnrolment()).toBe(true);
    expect(await enrol.secret()).toBe(secret);

    await enrol.enter(currentTotp(secret));
    const recovery = await RecoveryCodesPage.expectOn(page);
    const codes = await recovery.codes();
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(new Set(codes).size).toBe(codes.length);
    expect(await recovery.isSignedIn()).toBe(true);
    await expectAxeClean(page);

    await recovery.continue();
    const account = await AccountPage.expectOn(page);
    expect(await account.detail('account.twoFactor')).toBe(t('account.twoFactor.on'));
  }, 60_000);
});
