import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

export interface Registration {
  nik: string;
  fullName: string;
  birthDate: { day: string; month: string; year: string };
  email: string;
  phone?: string;
  password: string;
}

/** /register: the citizen's registration form. */
export class RegisterPage extends BasePage {
  static async open(page: Page): Promise<RegisterPage> {
    const response = await page.goto('/register');
    expect(response?.status()).toBe(200);
    const register = new RegisterPage(page);
    expect(await register.heading()).toBe(t('register.title'));
    return register;
  }

  async fill(person: Registration): Promise<void> {
    const { page } = this;
    await page.locator('#nik').fill(person.nik);
    await page.locator('#fullName').fill(person.fullName);
    await page.locator('#birthDate-day').fill(person.birthDate.day);
    await page.locator('#birthDate-month').fill(person.birthDate.month);
    await page.locator('#birthDate-year').fill(person.birthDate.year);
    await page.locator('#email').fill(person.email);
    await page.locator('#phone').fill(person.phone ?? '');
    await page.locator('#password').fill(person.password);
  }

  async submit(): Promise<void> {
    await this.navigateBy(this.button(t('register.submit')));
  }

  /** The messages of the error summary, in order. */
  async errors(): Promise<string[]> {
    return (await this.page.locator('.error-summary li').allTextContents()).map((text) => text.trim());
  }

  /** Each error summary link leads to an input on this page. */
  async errorLinksTargetFields(): Promise<boolean> {
    const targets = await this.page.locator('.error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const target of targets) if ((await this.page.locator(target).count()) !== 1) return false;
    return targets.length > 0;
  }

  async value(field: string): Promise<string> {
    return this.page.locator(`#${field}`).inputValue();
  }
}
