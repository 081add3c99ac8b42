import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/accounts/accounts.seed.ts';
import { createStaff } from '../../src/modules/applications/applications.test-support.ts';
import { SOCIAL_ASSISTANCE } from '../../src/modules/catalogue/seed/demo-services-assistance.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { ApplyFormPage, CheckAnswersPage, ReceiptPage, ServicePage } from './pages/application-pages.ts';
import { t } from './pages/base-page.ts';
import { ConsentScreen, ConsentsPage } from './pages/consent.ts';
import { createUploadFiles, demoAnswerFor, type UploadFiles } from './pages/demo-answers.ts';
import { SignInPage } from './pages/sign-in-page.ts';

// Issue 10's once-only acceptance: a citizen applies for social assistance; at the requirement "proof
// of registration in the DTSEN" they see a consent screen naming the provider, the data, the purpose,
// the legal basis and how long it lasts; they agree, and see exactly what was fetched instead of
// uploading; the officer sees it as verified data with its provenance; the citizen finds the consent
// in their account with its JSON receipt and revokes it; their next application asks again (and they
// decline and upload). axe-core on every page.

const SERVICE = SOCIAL_ASSISTANCE.code;

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
let files: UploadFiles | undefined;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  await seedDemo(loket.database.db, loket.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(loket.app);
  files = await createUploadFiles();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
  await files?.remove();
}, 30_000);

/** Fills the form pages up to the consent screen (or the check page), checking each with axe. */
async function fillUntilConsentOrCheck(citizen: Page): Promise<void> {
  if (!files) throw new Error('no upload files');
  const answerFor = demoAnswerFor(files, 'Siti Rahayu');
  for (let step = 0; step < 10; step += 1) {
    const path = new URL(citizen.url()).pathname;
    if (path.includes('/once-only/') || path.endsWith('/check')) return;
    const formPage = await ApplyFormPage.expectOn(citizen);
    const current = SOCIAL_ASSISTANCE.form.pages.find((candidate) => candidate.id === formPage.pageId);
    if (!current) throw new Error(`unknown page ${formPage.pageId}`);
    await expectAxeClean(citizen);
    await formPage.fillPage(current, answerFor);
    await formPage.continue();
  }
  throw new Error('the form never reached the consent screen or the check page');
}

describe('once-only with consent in an application for social assistance', () => {
  it('fetches the social-registry membership with consent, shows it to the officer as verified data, and honours revocation', async () => {
    const citizenAccount = DEMO_ACCOUNTS.find((account) => account.role === 'citizen');
    if (!citizenAccount) throw new Error('no demo citizen');
    const citizen = await newPage();
    await (await SignInPage.open(citizen)).signIn(citizenAccount.signIn, citizenAccount.password);

    // The service page says the requirement can be fetched; the citizen starts and reaches the consent screen.
    await citizen.goto(`/services/${SERVICE}`);
    expect(await new ServicePage(citizen).bodyText()).toContain('Bukti terdaftar di DTSEN');
    await new ServicePage(citizen).start();
    await fillUntilConsentOrCheck(citizen);
    const screen = await ConsentScreen.expectOn(citizen);
    await expectAxeClean(citizen);
    expect(await screen.heading()).toBe('Ambil data Anda dari Kementerian Sosial?');
    const terms = await screen.terms();
    for (const text of [
      'Dinas Sosial Kota Surabaya',
      'Terdaftar di DTSEN',
      'Desil kesejahteraan',
      'Penyaluran bantuan sosial',
      'Penanganan Fakir Miskin',
      '12 bulan',
    ]) {
      expect(terms).toContain(text);
    }
    expect(await screen.mentionsEarlierConsent()).toBe(false);

    // Agreeing fetches the data: the citizen sees exactly what was fetched, and does not upload.
    const fetched = await screen.agree();
    await expectAxeClean(citizen);
    expect(await fetched.heading()).toBe(t('consent.result.title.fetched'));
    const rows = await fetched.rows();
    expect(rows['Terdaftar di DTSEN']).toBe('Ya');
    expect(rows['Desil kesejahteraan']).toBe('2');
    expect(rows['Program bantuan yang diterima']).toBe('PKH, Bantuan Pangan Non Tunai');
    expect(rows[t('consent.screen.provider')]).toBe('Kementerian Sosial');
    expect(rows[t('consent.result.hash')]).toMatch(/^[0-9a-f]{64}$/);
    await fetched.continue();
    await fillUntilConsentOrCheck(citizen);
    await expectAxeClean(citizen);
    await (await CheckAnswersPage.expectOn(citizen)).submit();
    const trackingNumber = await (await ReceiptPage.expectOn(citizen)).trackingNumber();

    // The officer of the Dinas Sosial sees it as verified data, apart from the uploads.
    const dinsos = await loket.database.db.selectFrom('agency').select('id').where('code', '=', SOCIAL_ASSISTANCE.agencyCode).executeTakeFirstOrThrow();
    const officerActor = await createStaff(loket.services, dinsos.id);
    const officer = await newPage();
    await officer.context().addCookies([{ name: 'loket_session', value: await sessionTokenFor(loket.services, officerActor), url: baseUrl }]);
    await officer.goto(`/backoffice/applications/${trackingNumber}`);
    await expectAxeClean(officer);
    const verified = officer.locator('section[aria-labelledby="verified-data-heading"]');
    expect(await verified.locator('h2').textContent()).toBe(t('consent.verified.title'));
    const verifiedText = (await verified.textContent()) ?? '';
    expect(verifiedText).toContain(t('consent.verified.tag'));
    expect(verifiedText).toContain('Kementerian Sosial');
    expect(verifiedText).toContain('Kepesertaan DTSEN untuk program bantuan sosial (dtsen-kepesertaan)');
    expect(verifiedText).toMatch(/[0-9a-f]{64}/);

    // The citizen finds the consent in their account, reads its receipt, and revokes it.
    await citizen.goto('/account');
    await citizen
      .locator('main')
      .getByRole('link', { name: t('consent.nav'), exact: true })
      .click();
    await citizen.waitForURL(/\/account\/consents$/);
    const consents = await ConsentsPage.open(citizen);
    await expectAxeClean(citizen);
    expect(await consents.states()).toEqual([t('consent.state.active')]);
    expect(await citizen.locator('main').textContent()).toContain(trackingNumber);
    const receipt = await citizen.request.get(await consents.receiptHref());
    expect(await receipt.json()).toMatchObject({ version: 'KI-CR-v1.1.0', loket: { state: 'active', productCode: 'dtsen-kepesertaan' } });
    await consents.revokeFirst();
    expect(await consents.banner()).toBe(t('consent.done.revoked'));
    expect(await consents.states()).toEqual([t('consent.state.revoked')]);
    await expectAxeClean(citizen);

    // A new application asks again rather than reusing the revoked consent; declining leads to the upload.
    await citizen.goto(`/services/${SERVICE}`);
    await new ServicePage(citizen).start();
    await fillUntilConsentOrCheck(citizen);
    const again = await ConsentScreen.expectOn(citizen);
    expect(await again.mentionsEarlierConsent()).toBe(false);
    await again.decline();
    const upload = await ApplyFormPage.expectOn(citizen);
    expect(upload.pageId).toBe('dtsen');
    expect(await citizen.locator('main input[type="file"]').count()).toBe(1);
    await expectAxeClean(citizen);
    const consentCount = await loket.database.db.selectFrom('consent').select('id').execute();
    expect(consentCount).toHaveLength(1);
  });
});
