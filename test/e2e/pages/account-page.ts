import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { MessageKey } from '../../../src/platform/i18n/index.ts';
import { BasePage, t } from './base-page.ts';

/** /account: the profile of whoever is signed in. */
export class AccountPage extends BasePage {
  static async expectOn(page: Page): Promise<AccountPage> {
    const account = new AccountPage(page);
    expect(account.path).toBe('/account');
    expect(await account.heading()).toBe(t('account.title'));
    return account;
  }

  static async open(page: Page): Promise<AccountPage> {
    await page.goto('/account');
    return AccountPage.expectOn(page);
  }

  /** The value beside a label in the personal details, such as t('account.name'). */
  async detail(label: MessageKey): Promise<string> {
    const row = this.page.locator('.summary-list__row').filter({ has: this.page.locator('dt', { hasText: t(label) }) });
    return ((await row.locator('dd').first().textContent()) ?? '').trim();
  }

  /** The status tag beside a contact detail: verified or not. */
  async tagOf(label: MessageKey): Promise<string> {
    const row = this.page.locator('.summary-list__row').filter({ has: this.page.locator('dt', { hasText: t(label) }) });
    return ((await row.locator('.tag').textContent()) ?? '').trim();
  }
}
