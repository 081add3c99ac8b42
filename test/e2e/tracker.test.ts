import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_PASSWORD, createCitizen, createServiceFixture, createStaff } from '../../src/modules/applications/applications.test-support.ts';
import { trackerProduct } from '../../src/modules/exchange/tracker.test-support.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { t } from './pages/base-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { TrackerPage } from './pages/tracker.ts';

// Issue 10's data tracker in a real browser on a phone-sized screen: a citizen, with JavaScript off,
// goes from their account to the tracker, reads who fetched their data and which official opened
// their record, and downloads the CSV. axe-core checks the page (in a JavaScript-on profile, since
// axe runs as a script).

const PHONE = { width: 360, height: 740 };

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
let citizen: Awaited<ReturnType<typeof createCitizen>>;
let agencyName: string;
const contexts: BrowserContext[] = [];

async function signedInPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled, acceptDownloads: true, viewport: PHONE });
  contexts.push(context);
  const page = await context.newPage();
  const signIn = await SignInPage.open(page);
  await signIn.signIn(citizen.nik, CITIZEN_PASSWORD);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  const fixture = await createServiceFixture(loket.database.db);
  agencyName = (await loket.database.db.selectFrom('agency').select('nameId').where('id', '=', fixture.agencyId).executeTakeFirstOrThrow()).nameId;
  citizen = await createCitizen(loket.services);
  const product = await trackerProduct(loket.services, loket.database.db, fixture.agencyId, [citizen.nik]);
  await product.fetch(citizen.nik, 'BANSOS-2026-0042', 'public_service', ['fullName', 'address']);
  const officer = await createStaff(loket.services, fixture.agencyId, 'officer');
  await loket.services.officerViews.record(loket.database.db, 'application_processing', {
    subjectAccountId: citizen.actor.accountId,
    viewer: { accountId: officer.accountId, role: 'officer', agencyId: fixture.agencyId },
    fields: ['application_answers', 'application_attachments'],
    caseReference: 'LKT-TEST-0001',
  });
  baseUrl = await listenForBrowser(loket.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('the data tracker in a real browser', () => {
  it('shows a citizen, without JavaScript on a phone, who accessed their data, and downloads it as CSV', async () => {
    const page = await signedInPage(false);
    await page
      .locator('main')
      .getByRole('link', { name: t('tracker.nav'), exact: true })
      .click();
    const tracker = await TrackerPage.expectOn(page);
    expect(await tracker.fitsWidth()).toBe(true);

    const items = await tracker.items();
    expect(items).toHaveLength(2);
    const [view, fetch] = items;
    expect(view?.heading).toContain(agencyName);
    expect(view?.facts).toMatchObject({
      [t('tracker.item.role')]: t('tracker.role.officer'),
      [t('tracker.item.system')]: t('tracker.item.system.no'),
      [t('tracker.item.purpose')]: t('tracker.purpose.application_processing'),
      [t('tracker.item.case')]: 'LKT-TEST-0001',
      [t('tracker.item.channel')]: t('tracker.channel.officer_view'),
    });
    expect(view?.facts[t('tracker.item.fields')]).toContain(t('tracker.field.application_answers'));
    expect(fetch?.facts).toMatchObject({
      [t('tracker.item.product')]: 'Data kependudukan uji',
      [t('tracker.item.purpose')]: 'Pelayanan publik',
      [t('tracker.item.legalBasis')]: 'UU 24/2013 tentang Administrasi Kependudukan',
      [t('tracker.item.case')]: 'BANSOS-2026-0042',
    });
    expect(fetch?.facts[t('tracker.item.fields')]).toContain('Nama lengkap');

    const { name, content } = await tracker.download('csv');
    expect(name).toBe('loket-data-tracker.csv');
    const lines = content
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('LKT-TEST-0001');
    expect(lines[2]).toContain('BANSOS-2026-0042');
  });

  // The same server-rendered page as above (it loads no script of its own); axe needs JavaScript to run.
  it('is free of WCAG 2.2 AA violations on a phone-sized screen', async () => {
    const page = await signedInPage(true);
    const tracker = await TrackerPage.open(page);
    expect(await tracker.items()).toHaveLength(2);
    await expectAxeClean(page);
  });
});
