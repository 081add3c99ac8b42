import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** /account/privacy: download a copy of one's data, make a request, follow one's requests. */
export class PrivacyPage extends BasePage {
  static async open(page: Page): Promise<PrivacyPage> {
    await page.goto('/account/privacy');
    return PrivacyPage.expectOn(page);
  }

  static async expectOn(page: Page): Promise<PrivacyPage> {
    const privacy = new PrivacyPage(page);
    expect(privacy.path).toBe('/account/privacy');
    expect(await privacy.heading()).toBe(t('privacy.title'));
    return privacy;
  }

  /** Chooses the format, presses download and reads the file the browser saved. */
  async download(format: 'json' | 'pdf'): Promise<{ name: string; content: Buffer }> {
    await this.page.locator(`input[name="format"][value="${format}"]`).check();
    const download = this.page.waitForEvent('download', { timeout: 15_000 });
    await this.button(t('privacy.export.submit')).click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), content: await readFile(path) };
  }

  async startCorrection(): Promise<RequestFormPage> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name: t('privacy.action.correction'), exact: true }));
    return new RequestFormPage(this.page);
  }

  /** The rows of "Your requests": reference, kind and status as shown. */
  async requests(): Promise<{ reference: string; kind: string; status: string }[]> {
    return this.page.locator('main table tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td, th')].map((cell) => (cell.textContent ?? '').trim());
        return { reference: cells[0] ?? '', kind: cells[1] ?? '', status: cells[2] ?? '' };
      }),
    );
  }
}

/** The correction, objection and restriction form. */
export class RequestFormPage extends BasePage {
  async fill(values: { category: string; trackingNumber: string; details: string }): Promise<void> {
    await this.page.locator(`input[name="dataCategory"][value="${values.category}"]`).check();
    await this.page.locator('#trackingNumber').fill(values.trackingNumber);
    await this.page.locator('#details').fill(values.details);
  }

  async submit(): Promise<void> {
    await this.navigateBy(this.button(t('privacy.form.submit')));
  }

  async errors(): Promise<string[]> {
    return (await this.page.locator('.error-summary li').allTextContents()).map((text) => text.trim());
  }
}

/** One request: the confirmation banner after filing, and its summary. */
export class RequestPage extends BasePage {
  async reference(): Promise<string> {
    return ((await this.page.locator('main .reference-number').textContent()) ?? '').trim();
  }

  async summary(): Promise<string> {
    return ((await this.page.locator('main dl').textContent()) ?? '').replace(/\s+/g, ' ');
  }

  async back(): Promise<PrivacyPage> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name: t('privacy.detail.back'), exact: true }));
    return PrivacyPage.expectOn(this.page);
  }
}
