import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceFixture } from '../../src/modules/applications/applications.test-support.ts';
import { issuedApplication } from '../../src/modules/surveys/surveys.test-support.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { t } from './pages/base-page.ts';
import { SurveyPage } from './pages/surveys.ts';

// The satisfaction survey in a real browser without JavaScript of its own (issue 9): an applicant
// opens the invitation's link, is told what is missing, answers, and cannot answer twice; every page
// passes axe (WCAG 2.2 AA).

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled: true });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  baseUrl = await listenForBrowser(loket.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('the satisfaction survey in a browser', () => {
  it('is answered once from the invitation link, with errors linked to their questions, all accessible', async () => {
    const fixture = await createServiceFixture(loket.database.db);
    const application = await issuedApplication(loket.services, fixture);
    const href = await loket.services.surveys.pendingSurveyLink('application', application.trackingNumber);
    if (!href) throw new Error('not invited');

    const page = await newPage();
    const survey = await SurveyPage.open(page, href);
    expect(await survey.heading()).toBe(t('surveys.title'));
    await expectAxeClean(page);

    await survey.answer(1, 4);
    await survey.send();
    const errors = await survey.errors();
    expect(errors).toHaveLength(8);
    expect(errors[0]).toBe(t('surveys.error.answerRequired').replace('{number}', '2'));
    await expectAxeClean(page);

    for (let number = 2; number <= 9; number += 1) await survey.answer(number, number % 2 === 0 ? 3 : 4);
    await survey.comment('Pelayanan cepat dan jelas.');
    await survey.chooseAge(t('surveys.ageBand.30_39'));
    await survey.send();
    expect(await survey.heading()).toBe(t('surveys.thanks.title'));
    await expectAxeClean(page);

    await page.goto(href);
    expect(await survey.heading()).toBe(t('surveys.used.title'));
    await expectAxeClean(page);
  }, 60_000);
});
