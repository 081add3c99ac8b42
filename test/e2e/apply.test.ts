import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_CITIZEN } from '../../src/modules/accounts/accounts.seed.ts';
import { currentTotp } from '../../src/modules/accounts/totp.ts';
import type { VersionView } from '../../src/modules/applications/application-records.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import {
  ApplicationPage,
  ApplyFormPage,
  CheckAnswersPage,
  CounterPage,
  MyApplicationsPage,
  ReceiptPage,
  ServicePage,
  ServiceSearchPage,
  TrackPage,
} from './pages/application-pages.ts';
import { t } from './pages/base-page.ts';
import { createUploadFiles, demoAnswerFor, type UploadFiles } from './pages/demo-answers.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { TotpPage } from './pages/totp-page.ts';

// Issue 4's browser acceptance: a citizen finds the birth certificate by searching "akte lahir",
// reads the standard, fills the multi-page form with an upload, is told about a bad date, checks the
// answers, submits, gets a tracking number and receipt, and follows the application; the public
// tracking page shows its status without personal data. A counter officer registers an application
// for a walk-in citizen, who then finds it in their account. axe-core on every page.

const BIRTH_CERTIFICATE = 'akta-kelahiran-kabupaten-sleman';
const CHILD = 'Bima Aditya Rahayu';

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
let files: UploadFiles | undefined;
let answerFor: ReturnType<typeof demoAnswerFor>;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
  contexts.push(context);
  return context.newPage();
}

function account(role: 'citizen' | 'officer') {
  const demo = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!demo) throw new Error(`no demo ${role}`);
  return demo;
}

async function signInCitizen(page: Page): Promise<void> {
  const signIn = await SignInPage.open(page);
  await signIn.signIn(account('citizen').signIn, account('citizen').password);
}

async function version(code: string): Promise<VersionView> {
  const found = await loket.services.catalogue.publishedVersionByCode(code);
  if (!found) throw new Error(`demo service ${code} is not seeded`);
  return found;
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  await seedDemo(loket.database.db, loket.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(loket.app);
  files = await createUploadFiles();
  answerFor = demoAnswerFor(files, CHILD);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
  await files?.remove();
}, 30_000);

describe('a citizen applies for a birth certificate online', () => {
  let trackingNumber = '';

  it('finds the service, fills the form with an upload, fixes a mistake, submits and follows the application', async () => {
    const form = (await version(BIRTH_CERTIFICATE)).form;
    const page = await newPage();
    await signInCitizen(page);

    const search = await ServiceSearchPage.open(page);
    await search.search('akte lahir');
    expect((await search.results()).join(' ')).toMatch(/Akta Kelahiran/i);
    await expectAxeClean(page);
    const name = (await search.results()).find((result) => /Akta Kelahiran/i.test(result)) ?? '';
    await search.open(name);

    const service = new ServicePage(page);
    expect(service.path).toBe(`/services/${BIRTH_CERTIFICATE}`);
    expect(await service.bodyText()).toMatch(/hari kerja/);
    await expectAxeClean(page);
    await service.start();

    let mistakeShown = false;
    for (let step = 0; step < 20 && !page.url().endsWith('/check'); step += 1) {
      const formPage = await ApplyFormPage.expectOn(page);
      const current = form.pages.find((candidate) => candidate.id === formPage.pageId);
      if (!current) throw new Error(`unknown page ${formPage.pageId}`);
      await expectAxeClean(page);
      const dateField = current.fields.find((field) => field.type === 'date');
      if (!mistakeShown && dateField) {
        // A birth date in the future: explained, linked from the summary, the rest kept.
        await formPage.fillPage(current, (field) => (field === dateField ? '2999-01-01' : answerFor(field)));
        await formPage.continue();
        expect(formPage.path).toContain(`/${current.id}`);
        expect((await formPage.errors()).length).toBeGreaterThan(0);
        expect(await formPage.errorLinksTargetFields()).toBe(true);
        await expectAxeClean(page);
        mistakeShown = true;
      }
      await formPage.fillPage(current, answerFor);
      await formPage.continue();
    }
    expect(mistakeShown).toBe(true);

    const check = await CheckAnswersPage.expectOn(page);
    expect(await check.answersText()).toContain(CHILD);
    expect(await check.answersText()).toContain('surat-keterangan-lahir.pdf');
    expect(await check.changeLinks()).toBeGreaterThan(3);
    await expectAxeClean(page);
    await check.submit();

    const receipt = await ReceiptPage.expectOn(page);
    trackingNumber = await receipt.trackingNumber();
    expect(trackingNumber).toMatch(/^LKT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await receipt.text()).toMatch(/Selesai paling lambat .+ \(5 hari kerja\)/);
    expect(await receipt.qrCodeDrawn()).toBe(true);
    await expectAxeClean(page);
    const pdf = await page.request.get(await receipt.pdfHref());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await receipt.viewApplication();
    const application = new ApplicationPage(page);
    expect(await application.heading()).toBe(t('applications.detail.title').replace('{number}', trackingNumber));
    expect(await application.status()).toBe(t('applications.status.submitted'));
    expect(await application.timeline()).toEqual([t('applications.event.submitted')]);
    expect(await application.text()).toContain(CHILD);
    await expectAxeClean(page);

    const mine = await MyApplicationsPage.open(page);
    expect(await mine.numbers()).toContain(trackingNumber);
    await expectAxeClean(page);
  }, 90_000);

  it('shows the public the status and timeline, and no personal data', async () => {
    expect(trackingNumber).not.toBe('');
    const page = await newPage();
    const track = await TrackPage.open(page);
    await expectAxeClean(page);
    await track.track(trackingNumber.toLowerCase());
    expect(track.path).toBe(`/track/${trackingNumber}`);
    const text = await track.text();
    expect(text).toContain(t('applications.status.submitted'));
    expect(text).toContain(t('applications.event.submitted'));
    for (const personal of [CHILD, DEMO_CITIZEN.fullName, DEMO_CITIZEN.nik, 'surat-keterangan-lahir']) expect(text).not.toContain(personal);
    await expectAxeClean(page);
  });
});

describe('a counter officer registers a walk-in citizen', () => {
  it('registers the application on one page and prints a receipt; the citizen then sees it in their account', async () => {
    const officer = account('officer');
    if (!officer.totpSecret || !officer.agencyCode) throw new Error('no demo officer with an agency');
    const agencyId = await loket.services.accountsRepository.agencyIdByCode(officer.agencyCode);
    const results = await loket.services.catalogue.search({ q: '', agency: officer.agencyCode, locale: 'id' });
    const hit = results.items.find((item) => item.channels.includes('counter'));
    if (!hit || !agencyId) throw new Error('the demo officer’s agency has no counter service');
    const counterService = await version(hit.code);

    const page = await newPage();
    const signIn = await SignInPage.open(page);
    await signIn.signIn(officer.signIn, officer.password);
    await (await TotpPage.expectOn(page)).enter(currentTotp(officer.totpSecret));

    const counter = await CounterPage.open(page);
    await expectAxeClean(page);
    const form = await counter.start(hit.code, DEMO_CITIZEN.nik);
    await expectAxeClean(page);
    for (const formPage of counterService.form.pages) await form.fillPage(formPage, answerFor);
    await counter.register();

    const receipt = await ReceiptPage.expectOn(page);
    const number = await receipt.trackingNumber();
    expect(await receipt.text()).toContain(t('applications.receipt.counter.linked'));
    await expectAxeClean(page);

    const citizen = await newPage();
    await signInCitizen(citizen);
    const mine = await MyApplicationsPage.open(citizen);
    expect(await mine.numbers()).toContain(number);
  });
});
