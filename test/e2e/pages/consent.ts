import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

// Page objects of once-only consent: the consent screen at a fetchable requirement, what was fetched,
// the officer's verified data and the citizen's consent receipts.

/** /apply/:draftId/once-only/:requirementId before a decision. */
export class ConsentScreen extends BasePage {
  static async expectOn(page: Page): Promise<ConsentScreen> {
    const screen = new ConsentScreen(page);
    expect(screen.path).toMatch(/^\/apply\/[0-9a-f-]{36}\/once-only\/[a-z][a-z0-9-]*$/);
    expect(await screen.page.getByRole('button', { name: t('consent.screen.agree'), exact: true }).count()).toBe(1);
    return screen;
  }

  /** The terms, as the applicant reads them (key and value of each row). */
  async terms(): Promise<string> {
    return ((await this.page.locator('main .summary-list').textContent()) ?? '').replace(/\s+/g, ' ');
  }

  async mentionsEarlierConsent(): Promise<boolean> {
    return (await this.banner()) !== '';
  }

  async agree(): Promise<FetchedDataPage> {
    await this.navigateBy(this.button(t('consent.screen.agree')));
    return new FetchedDataPage(this.page);
  }

  async decline(): Promise<void> {
    await this.navigateBy(this.button(t('consent.screen.decline')));
  }
}

/** /apply/:draftId/once-only/:requirementId after agreeing: exactly what was fetched. */
export class FetchedDataPage extends BasePage {
  async rows(): Promise<Record<string, string>> {
    const keys = await this.page.locator('main .summary-list__key').allTextContents();
    const values = await this.page.locator('main .summary-list__value').allTextContents();
    return Object.fromEntries(keys.map((key, index) => [key.trim(), (values[index] ?? '').trim()]));
  }

  async continue(): Promise<void> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name: t('consent.result.continue'), exact: true }));
  }
}

/** /account/consents: the citizen's consent receipts. */
export class ConsentsPage extends BasePage {
  static async open(page: Page): Promise<ConsentsPage> {
    await page.goto('/account/consents');
    const consents = new ConsentsPage(page);
    expect(await consents.heading()).toBe(t('consent.list.title'));
    return consents;
  }

  async states(): Promise<string[]> {
    return (await this.page.locator('main h2 .tag').allTextContents()).map((text) => text.trim());
  }

  async receiptHref(): Promise<string> {
    return (
      (await this.page
        .locator('main')
        .getByRole('link', { name: t('consent.list.receipt') })
        .first()
        .getAttribute('href')) ?? ''
    );
  }

  async revokeFirst(): Promise<void> {
    await this.navigateBy(
      this.page
        .locator('main')
        .getByRole('button', { name: new RegExp(`^${t('consent.list.revoke')}`) })
        .first(),
    );
  }
}
