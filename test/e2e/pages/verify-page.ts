import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** /register/verify: the code sent to the new contact. */
export class VerifyPage extends BasePage {
  static async expectOn(page: Page): Promise<VerifyPage> {
    const verify = new VerifyPage(page);
    expect(verify.path).toBe('/register/verify');
    expect(await verify.heading()).toBe(t('verify.title'));
    return verify;
  }

  static async open(page: Page): Promise<VerifyPage> {
    await page.goto('/register/verify');
    return VerifyPage.expectOn(page);
  }

  async enter(code: string): Promise<void> {
    await this.page.locator('#code').fill(code);
    await this.navigateBy(this.button(t('verify.submit')));
  }
}
