import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ALL_MESSAGES, type MessageKey } from '../../../src/platform/i18n/index.ts';

/** The browser contexts of these journeys read Indonesian, Loket's default. */
export const t = (key: MessageKey): string => ALL_MESSAGES.id[key];

/** What every page object shares: its heading, its path, and the header's sign-out button. */
export abstract class BasePage {
  constructor(readonly page: Page) {}

  get path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** The page's one visible h1. */
  async heading(): Promise<string> {
    const h1 = this.page.locator('h1');
    expect(await h1.count()).toBe(1);
    return ((await h1.textContent()) ?? '').trim();
  }

  /** The text of the banner above the heading (a success or an important notice), or '' when there is none. */
  async banner(): Promise<string> {
    const banner = this.page.locator('main .banner__content');
    return (await banner.count()) > 0 ? ((await banner.first().textContent()) ?? '').trim() : '';
  }

  async isSignedIn(): Promise<boolean> {
    return (await this.page.locator('header form[action="/sign-out"]').count()) === 1;
  }

  /** Clicks and waits for the next document to load (a form posted back to the same address included). */
  protected async navigateBy(target: Locator): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: 15_000 });
    await target.click();
    await navigated;
    await this.page.waitForLoadState('load');
  }

  protected button(name: string): Locator {
    return this.page.locator('main').getByRole('button', { name, exact: true });
  }

  /** Signs out with the button in the header. */
  async signOut(): Promise<void> {
    await this.navigateBy(this.page.locator('header').getByRole('button', { name: t('nav.signOut'), exact: true }));
  }
}
