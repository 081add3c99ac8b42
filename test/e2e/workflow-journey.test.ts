import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/accounts/accounts.seed.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { ApplicationPage, ApplyFormPage, CheckAnswersPage, ReceiptPage, ServicePage } from './pages/application-pages.ts';
import { t } from './pages/base-page.ts';
import { createUploadFiles, demoAnswerFor, type UploadFiles } from './pages/demo-answers.ts';
import { SignInPage } from './pages/sign-in-page.ts';

// Issue 5's browser acceptance, across roles: a citizen applies for a new KTP-el; officer A claims it
// and asks for information; the citizen answers (the clock shows it paused, then resumed); the
// supervisor hands the item to officer B, who checks it and approves; the supervisor signs and issues;
// the citizen's open page shows the document without a reload, and they download the PDF; the public
// verification page confirms it, by number and by the QR payload; after revocation it says revoked.
// axe-core on every page.

const KTP_EL = 'penggantian-ktp-el-kota-bandung';

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

async function accountIdOf(email: string): Promise<string> {
  const account = await loket.services.accountsRepository.findByIndex('emailIndex', loket.services.personalData.index('email', email));
  if (!account) throw new Error(`no account ${email}`);
  return account.id;
}

/** A browser signed in as a demo staff member: password and TOTP are covered by the accounts journeys. */
async function staffPage(email: string): Promise<Page> {
  const accountId = await accountIdOf(email);
  const page = await newPage();
  const token = await sessionTokenFor(loket.services, { accountId, kind: 'staff' });
  await page.context().addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
  return page;
}

/** Clicks a button that posts a form and waits for the page the server answers with. */
async function submit(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name }).first().click()]);
}

async function tickWholeChecklist(page: Page): Promise<void> {
  for (let guard = 0; guard < 10 && (await page.getByRole('button', { name: /Tandai selesai/ }).count()) > 0; guard += 1) {
    await submit(page, /Tandai selesai/);
  }
  expect(await page.getByRole('button', { name: /Tandai selesai/ }).count()).toBe(0);
}

const successBanner = async (page: Page) => (await page.locator('.banner--success').textContent()) ?? '';

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

describe('an application worked across roles to a verifiable document', () => {
  it('goes from the citizen to two officers and the supervisor, and comes back as a signed PDF that anyone can check', async () => {
    if (!files) throw new Error('no upload files');
    const answerFor = demoAnswerFor(files, 'Siti Rahayu');

    // The citizen applies.
    const citizen = await newPage();
    const citizenAccount = DEMO_ACCOUNTS.find((account) => account.role === 'citizen');
    if (!citizenAccount) throw new Error('no demo citizen');
    await (await SignInPage.open(citizen)).signIn(citizenAccount.signIn, citizenAccount.password);
    await citizen.goto(`/services/${KTP_EL}`);
    await new ServicePage(citizen).start();
    const version = await loket.services.catalogue.publishedVersionByCode(KTP_EL);
    if (!version) throw new Error('KTP-el service not seeded');
    for (let step = 0; step < 10 && !citizen.url().endsWith('/check'); step += 1) {
      const formPage = await ApplyFormPage.expectOn(citizen);
      const current = version.form.pages.find((candidate) => candidate.id === formPage.pageId);
      if (!current) throw new Error(`unknown page ${formPage.pageId}`);
      await expectAxeClean(citizen);
      await formPage.fillPage(current, answerFor);
      await formPage.continue();
    }
    await expectAxeClean(citizen);
    await (await CheckAnswersPage.expectOn(citizen)).submit();
    const trackingNumber = await (await ReceiptPage.expectOn(citizen)).trackingNumber();
    const workspace = `/backoffice/applications/${trackingNumber}`;

    // Officer A claims it from the queue and asks for information: the clock stops.
    const officerA = await staffPage('petugas@demo.loket.test');
    await officerA.goto(`/backoffice/queue?tab=unassigned&number=${trackingNumber.toLowerCase()}`);
    await expectAxeClean(officerA);
    await submit(officerA, `${t('backoffice.action.claim')} ${trackingNumber}`);
    await officerA.goto(workspace);
    await expectAxeClean(officerA);
    await officerA.getByLabel(t('backoffice.act.message')).fill('Unggah ulang foto KTP-el yang rusak; foto sebelumnya buram.');
    await officerA.getByLabel(t('backoffice.act.deadline')).fill('5');
    await submit(officerA, t('backoffice.action.request_information'));
    expect(await successBanner(officerA)).not.toBe('');
    await expectAxeClean(officerA);

    // The citizen sees the request and the paused clock, and answers.
    await citizen.goto(`/applications/${trackingNumber}`);
    const application = new ApplicationPage(citizen);
    expect(await application.status()).toBe(t('applications.status.information_requested'));
    expect(await application.text()).toContain(t('sla.applicant.paused'));
    expect(await application.text()).toContain('foto sebelumnya buram');
    await expectAxeClean(citizen);
    await citizen.getByLabel(t('applications.detail.provide.message')).fill('Foto baru sudah saya kirim ke kantor; mohon diperiksa.');
    await submit(citizen, t('applications.detail.provide.button'));
    expect(await application.status()).toBe(t('applications.status.in_review'));
    expect(await application.text()).not.toContain(t('sla.applicant.paused'));
    // All on the day of filing, which the clock does not count: it resumed without moving the due date.
    expect(await application.text()).toContain(t('sla.applicant.resumed.none'));
    await expectAxeClean(citizen);

    // The supervisor hands the item to officer B, who completes the checks and approves.
    const supervisor = await staffPage('supervisor@demo.loket.test');
    await supervisor.goto(workspace);
    const officerB = await accountIdOf('petugas2@demo.loket.test');
    await supervisor.locator('select#assignee').selectOption(officerB);
    await submit(supervisor, t('backoffice.action.assign'));
    expect(await successBanner(supervisor)).not.toBe('');
    await expectAxeClean(supervisor);

    const officerBPage = await staffPage('petugas2@demo.loket.test');
    await officerBPage.goto(workspace);
    // Officer A no longer holds it; B does: approving is not offered before the checks.
    expect(await officerBPage.getByRole('button', { name: t('backoffice.action.approve') }).count()).toBe(0);
    await tickWholeChecklist(officerBPage);
    await submit(officerBPage, t('backoffice.action.advance'));
    await officerBPage.goto(workspace);
    await expectAxeClean(officerBPage);
    await submit(officerBPage, t('backoffice.action.approve'));
    expect(await successBanner(officerBPage)).not.toBe('');

    // The citizen keeps their page open; the supervisor signs and issues the document.
    await citizen.goto(`/applications/${trackingNumber}`);
    expect(await application.status()).toBe(t('applications.status.approved'));
    await supervisor.goto(workspace);
    await tickWholeChecklist(supervisor);
    await submit(supervisor, t('backoffice.action.issue'));
    expect(await successBanner(supervisor)).not.toBe('');
    await expectAxeClean(supervisor);

    // Live: the open page shows the document without a reload.
    await citizen.locator('#documents-title').waitFor({ timeout: 15_000 });
    expect(await application.status()).toBe(t('applications.status.issued'));
    expect(await application.text()).toMatch(/Diselesaikan tepat waktu/);
    await expectAxeClean(citizen);
    const download = citizen.locator('a', { hasText: 'Unduh' }).filter({ hasText: 'PDF' }).first();
    const pdf = await citizen.request.get((await download.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const issued = await loket.database.db
      .selectFrom('issuedDocument')
      .innerJoin('application', 'application.id', 'issuedDocument.applicationId')
      .select(['issuedDocument.id', 'issuedDocument.number', 'issuedDocument.qrPayload'])
      .where('application.trackingNumber', '=', trackingNumber)
      .executeTakeFirstOrThrow();
    const told = await loket.database.db.selectFrom('notification').select('kind').where(sql<string>`params->>'trackingNumber'`, '=', trackingNumber).execute();
    expect(new Set(told.map((row) => row.kind))).toEqual(
      new Set(['application.submitted', 'application.information_requested', 'application.status_changed', 'application.document_ready']),
    );

    // Anyone checks it: by number on the public page, and by the QR payload a phone would open.
    const publicPage = await newPage();
    await publicPage.goto('/verify');
    await expectAxeClean(publicPage);
    await publicPage.getByLabel(t('documents.verify.label')).fill(issued.number);
    await submit(publicPage, t('documents.verify.button'));
    expect(await publicPage.locator('main').textContent()).toContain(t('documents.verify.status.valid'));
    await expectAxeClean(publicPage);
    await publicPage.goto(`/verify?d=${encodeURIComponent(issued.qrPayload)}`);
    expect(await publicPage.locator('main').textContent()).toContain(t('documents.verify.status.valid'));

    // The supervisor revokes it, with a reason that verification then shows.
    await supervisor.goto(workspace);
    await Promise.all([supervisor.waitForNavigation(), supervisor.getByRole('link', { name: issued.number }).click()]);
    await expectAxeClean(supervisor);
    await supervisor.getByLabel(t('documents.backoffice.reason')).fill('Diterbitkan dengan foto yang salah.');
    await submit(supervisor, t('documents.backoffice.revoke'));
    expect(await supervisor.locator('main').textContent()).toContain(t('documents.backoffice.revoked'));

    await publicPage.goto(`/verify?d=${encodeURIComponent(issued.qrPayload)}`);
    const verdict = (await publicPage.locator('main').textContent()) ?? '';
    expect(verdict).toContain(t('documents.verify.status.revoked'));
    expect(verdict).toContain('Diterbitkan dengan foto yang salah.');
    await expectAxeClean(publicPage);
  }, 180_000);
});
