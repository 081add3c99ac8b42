import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** /dev/mailbox: what Loket sent, in development; the newest message first. */
export class MailboxPage extends BasePage {
  static async open(page: Page): Promise<MailboxPage> {
    const response = await page.goto('/dev/mailbox');
    expect(response?.status()).toBe(200);
    const mailbox = new MailboxPage(page);
    expect(await mailbox.heading()).toBe(t('notify.mailbox.title'));
    return mailbox;
  }

  /** The 6-digit code in the newest message to `recipient`. */
  async latestCodeFor(recipient: string): Promise<string> {
    const message = this.page.locator('section.card').filter({ hasText: recipient }).first();
    const text = (await message.textContent()) ?? '';
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(text)?.[1];
    if (!code) throw new Error(`no code in the newest message to ${recipient}: ${text}`);
    return code;
  }
}
