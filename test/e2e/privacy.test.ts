import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_PASSWORD, createStaff } from '../../src/modules/applications/applications.test-support.ts';
import { citizenWithEverything } from '../../src/modules/privacy/privacy.test-support.ts';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { t } from './pages/base-page.ts';
import { PrivacyPage, RequestPage } from './pages/privacy.ts';
import { SignInPage } from './pages/sign-in-page.ts';

// Issue 10's browser journey: a citizen, with JavaScript off, downloads a copy of all their data as
// JSON and files a correction request, then finds it in their list with its status. Every page on the
// way is checked with axe-core (in a second, JavaScript-on profile, since axe runs as a script).

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
let everything: Awaited<ReturnType<typeof citizenWithEverything>>;
const contexts: BrowserContext[] = [];

async function signedInPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const signIn = await SignInPage.open(page);
  await signIn.signIn(everything.nik, CITIZEN_PASSWORD);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  everything = await citizenWithEverything(loket.services, loket.database.db);
  baseUrl = await listenForBrowser(loket.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('a citizen’s personal data in a real browser, without JavaScript', () => {
  it('downloads their data as JSON and files a correction request they can follow', async () => {
    const page = await signedInPage(false);
    await page
      .locator('main')
      .getByRole('link', { name: t('privacy.nav'), exact: true })
      .click();
    const privacy = await PrivacyPage.expectOn(page);

    const { name, content } = await privacy.download('json');
    expect(name).toMatch(/^loket-data-PRV-[0-9A-Z]{4}-[0-9A-Z]{4}\.json$/);
    const data = JSON.parse(content.toString('utf8')) as { account: { nik: string }; applications: { trackingNumber: string }[] };
    expect(data.account.nik).toBe(everything.nik);
    expect(data.applications.map((a) => a.trackingNumber)).toContain(everything.issued.trackingNumber);

    const form = await privacy.startCorrection();
    expect(await form.heading()).toBe(t('privacy.form.title.correction'));
    await form.fill({ category: 'application', trackingNumber: '', details: '' });
    await form.submit();
    expect(await form.errors()).toEqual([t('privacy.error.trackingNumberMissing'), t('privacy.error.detailsMissing')]);

    await form.fill({
      category: 'application',
      trackingNumber: everything.issued.trackingNumber,
      details: 'Tempat lahir anak tertulis Bandung, seharusnya Cimahi.',
    });
    await form.submit();
    const request = new RequestPage(page);
    const reference = await request.reference();
    expect(reference).toMatch(/^PRV-/);
    expect(await request.summary()).toContain(everything.issued.trackingNumber);

    const list = await request.back();
    const rows = await list.requests();
    expect(rows).toContainEqual({ reference, kind: t('privacy.kind.correction'), status: t('privacy.status.received') });
    expect(rows.filter((row) => row.kind === t('privacy.kind.access') && row.status === t('privacy.status.fulfilled')).length).toBe(1);
  });

  it('every privacy page is free of WCAG 2.2 AA violations', async () => {
    const page = await signedInPage(true);
    const reference = everything.correctionReference;
    for (const path of [
      '/account/privacy',
      '/account/privacy/requests/new?kind=correction',
      `/account/privacy/requests/${reference}`,
      '/account/privacy/deletion',
    ]) {
      await page.goto(path);
      expect(page.url()).toContain(path.split('?')[0]);
      await expectAxeClean(page);
    }
  });

  it('the staff queue, a request and the legal holds page are free of WCAG 2.2 AA violations', async () => {
    const admin = await createStaff(loket.services, null, 'platform_admin');
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
    contexts.push(context);
    // Signing in with TOTP is the accounts journey's business: here a staff session is enough.
    const token = await sessionTokenFor(loket.services, { accountId: admin.accountId, kind: 'staff' });
    await context.addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
    const page = await context.newPage();
    for (const path of ['/backoffice/privacy', `/backoffice/privacy/${everything.correctionReference}`, '/backoffice/privacy/holds']) {
      await page.goto(path);
      expect(new URL(page.url()).pathname).toBe(path);
      await expectAxeClean(page);
    }
  });
});
