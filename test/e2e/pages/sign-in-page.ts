import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** /sign-in: NIK, e-mail or mobile number, and password. */
export class SignInPage extends BasePage {
  static async expectOn(page: Page): Promise<SignInPage> {
    const signIn = new SignInPage(page);
    expect(signIn.path).toBe('/sign-in');
    expect(await signIn.heading()).toBe(t('signIn.title'));
    return signIn;
  }

  static async open(page: Page): Promise<SignInPage> {
    await page.goto('/sign-in');
    return SignInPage.expectOn(page);
  }

  async signIn(identifier: string, password: string): Promise<void> {
    await this.page.locator('#identifier').fill(identifier);
    await this.page.locator('#password').fill(password);
    await this.navigateBy(this.button(t('signIn.submit')));
  }
}
