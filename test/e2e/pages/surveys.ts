import type { Page } from 'playwright-core';
import { BasePage, t } from './base-page.ts';

/** The satisfaction questionnaire, opened from the invitation's link. */
export class SurveyPage extends BasePage {
  static async open(page: Page, href: string): Promise<SurveyPage> {
    await page.goto(href);
    return new SurveyPage(page);
  }

  /** Chooses the answer of question `number` (1–9) by its visible label, as a person taps it. */
  async answer(number: number, score: 1 | 2 | 3 | 4): Promise<void> {
    await this.page.locator(`input[name="u${number}"][value="${score}"]`).check();
  }

  async comment(text: string): Promise<void> {
    await this.page.getByLabel(t('surveys.comment')).fill(text);
  }

  async chooseAge(label: string): Promise<void> {
    await this.page.getByLabel(t('surveys.profile.ageBand')).selectOption({ label });
  }

  async send(): Promise<SurveyPage> {
    await this.navigateBy(this.page.getByRole('button', { name: t('surveys.submit') }));
    return this;
  }

  /** The error summary's links, as a person reads them. */
  async errors(): Promise<string[]> {
    return (await this.page.locator('.error-summary li a').allTextContents()).map((text) => text.trim());
  }
}
