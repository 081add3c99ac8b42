import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenForBrowser, type TestApp } from '../../../test/helpers/app.ts';
import { launchBrowser } from '../../../test/helpers/browser.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, uploadPdf } from '../applications/applications.test-support.ts';
import { documentsMessages } from './documents.messages.ts';
import type { IssuingService } from './issuing.service.ts';
import { DocumentsSection } from './views/documents-views.tsx';

// The verification and back-office pages, and the applicant's documents section, in Chromium with
// axe-core: accessible, with plain forms and links.

const { id, en } = documentsMessages;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let t: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];
let issuing: IssuingService;

async function newPage(locale = 'id-ID'): Promise<Page> {
  // axe runs as a script, so JavaScript stays on; the pages themselves use none (plain forms and links).
  const context = await browser.newContext({ baseURL: baseUrl, locale });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

async function expectAxeClean(page: Page): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(passes.length).toBeGreaterThan(10);
  const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${page.url()}:\n${summary.join('\n')}`).toEqual([]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  t = await createTestApp({
    // The section is placed on the applicant's page by the applications module; here it is shown alone.
    extend: (app) =>
      app.get<{ Params: { number: string } }>('/test/documents/:number', { config: { access: 'public' } }, async (request, reply) => {
        const ctx = pageContext(request, reply, CSS_HREF);
        const documents = await issuing.documentsOf(request.params.number);
        return reply.html(
          <Layout ctx={ctx} title="Dokumen">
            <h1>Dokumen</h1>
            <DocumentsSection ctx={ctx} documents={documents} />
          </Layout>,
        );
      }),
  });
  issuing = t.services.issuing;
  baseUrl = await listenForBrowser(t.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

describe('issued documents in a real browser', () => {
  it('verify, revoke and list pages are accessible', async () => {
    const service = await createServiceFixture(t.database.db);
    const citizen = await createCitizen(t.services);
    const supervisor = await createStaff(t.services, service.agencyId, 'supervisor');
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const submitted = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
      { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' },
    );
    if (!submitted.ok) throw new Error('submission refused');
    const { trackingNumber } = submitted.application;
    const application = await t.database.db.selectFrom('application').select('id').where('trackingNumber', '=', trackingNumber).executeTakeFirstOrThrow();
    const row = await t.database.db.transaction().execute((trx) => issuing.issue(trx, { applicationId: application.id, actorAccountId: supervisor.accountId }));

    // The form, typed into by a person: the number.
    const page = await newPage();
    await page.goto('/verify');
    await expectAxeClean(page);
    await page.getByLabel(id['documents.verify.label']).fill(row.number);
    await page.getByRole('button', { name: id['documents.verify.button'] }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#verification-status').textContent()).toContain(id['documents.verify.status.valid']);
    await expectAxeClean(page);

    // An empty form: an error summary, still accessible.
    await page.goto('/verify?q=');
    await expectAxeClean(page);

    // The QR link, read in English.
    const english = await newPage('en-GB');
    await english.goto(`/verify?d=${row.qrPayload}`);
    expect(await english.locator('#verification-status').textContent()).toContain(en['documents.verify.status.valid']);
    await expectAxeClean(english);

    // The supervisor revokes from the back office.
    const token = await t.services.sessions.create({
      accountId: supervisor.accountId,
      accountKind: 'staff',
      kind: 'web',
      mfaVerified: true,
      userAgent: 'test',
    });
    const staff = await newPage();
    await staff.context().addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
    await staff.goto(`/backoffice/documents/${row.id}`);
    await expectAxeClean(staff);
    await staff.getByLabel(id['documents.backoffice.reason']).fill('Data kelahiran keliru');
    await staff.getByRole('button', { name: id['documents.backoffice.revoke'] }).click();
    await staff.waitForLoadState('load');
    expect(staff.url()).toContain('done=revoked');
    await expectAxeClean(staff);

    await page.goto(`/verify?d=${row.qrPayload}`);
    expect(await page.locator('#verification-status').textContent()).toContain(id['documents.verify.status.revoked']);
    expect(await page.locator('main').textContent()).toContain('Data kelahiran keliru');
    await expectAxeClean(page);

    await page.goto(`/test/documents/${trackingNumber}`);
    expect(await page.locator('#documents-title').textContent()).toBe(id['documents.section.title']);
    await expectAxeClean(page);
  }, 90_000);
});
