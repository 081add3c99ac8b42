import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** /sign-in/totp: the second step of a staff sign-in, or TOTP enrolment the first time. */
export class TotpPage extends BasePage {
  static async expectOn(page: Page): Promise<TotpPage> {
    const totp = new TotpPage(page);
    expect(totp.path).toBe('/sign-in/totp');
    return totp;
  }

  async isEnrolment(): Promise<boolean> {
    return (await this.heading()) === t('totp.enrol.title');
  }

  /** The QR code image: its alternative text and whether it is an image the browser could draw. */
  async qrCode(): Promise<{ alt: string | null; drawn: boolean }> {
    const image = this.page.locator('main img');
    const alt = await image.getAttribute('alt');
    const drawn = await image.evaluate((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0);
    return { alt, drawn };
  }

  /** The key shown for typing into an authenticator app by hand. */
  async secret(): Promise<string> {
    return ((await this.page.locator('main .secret').textContent()) ?? '').trim();
  }

  async enter(code: string): Promise<void> {
    await this.page.locator('#code').fill(code);
    await this.navigateBy(this.button(t('totp.submit')));
  }
}

/** Shown once after enrolment: the recovery codes. */
export class RecoveryCodesPage extends BasePage {
  static async expectOn(page: Page): Promise<RecoveryCodesPage> {
    const recovery = new RecoveryCodesPage(page);
    expect(await recovery.heading()).toBe(t('totp.recovery.title'));
    return recovery;
  }

  async codes(): Promise<string[]> {
    return (await this.page.locator('main .code-list li').allTextContents()).map((code) => code.trim());
  }

  async continue(): Promise<void> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name: t('totp.recovery.continue'), exact: true }));
  }
}
