import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Field, FormPage } from '../../../src/platform/forms/form-schema.ts';
import { BasePage, t } from './base-page.ts';

// Page objects of the apply journey, the applicant's pages, public tracking and the counter. Form
// fields are filled by their type, as a person would: the ids are the form engine's (field-<name>).

/** /services: the catalogue search. */
export class ServiceSearchPage extends BasePage {
  static async open(page: Page): Promise<ServiceSearchPage> {
    await page.goto('/services');
    return new ServiceSearchPage(page);
  }

  async search(query: string): Promise<void> {
    await this.page.locator('#q').fill(query);
    await this.navigateBy(this.page.locator('main form[action="/services"] button[type="submit"]').first());
  }

  /** The names of the services found, in order. */
  async results(): Promise<string[]> {
    return (await this.page.locator('main a[href^="/services/"]').allTextContents()).map((text) => text.trim());
  }

  async open(name: string): Promise<void> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name, exact: true }).first());
  }
}

/** /services/:code: the standard, and the start button. */
export class ServicePage extends BasePage {
  async bodyText(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async start(): Promise<void> {
    await this.navigateBy(this.page.locator(`main a[href$="/apply"]`).first());
  }
}

/** A plausible answer for each field type, as text a person types (or an option they choose). */
export type Answer = string | string[] | { province: string; regency: string; district: string; village: string; street: string } | { file: string };

/** /apply/:draftId/:pageId: one page of the form. */
export class ApplyFormPage extends BasePage {
  static async expectOn(page: Page): Promise<ApplyFormPage> {
    const form = new ApplyFormPage(page);
    expect(form.path).toMatch(/^\/apply\/[0-9a-f-]{36}\/[a-z][a-z0-9-]*$/);
    return form;
  }

  get pageId(): string {
    return this.path.split('/')[3] ?? '';
  }

  async fill(field: Field, answer: Answer): Promise<void> {
    const id = `#field-${field.name}`;
    const main = this.page.locator('main');
    switch (field.type) {
      case 'date': {
        const [year, month, day] = String(answer).split('-');
        await main.locator(`${id}-day`).fill(String(Number(day)));
        await main.locator(`${id}-month`).fill(String(Number(month)));
        await main.locator(`${id}-year`).fill(year ?? '');
        return;
      }
      case 'radios':
        await main.locator(`input[type="radio"][name="${field.name}"][value="${String(answer)}"]`).check();
        return;
      case 'checkboxes':
        for (const value of [answer].flat() as string[]) await main.locator(`input[type="checkbox"][name="${field.name}"][value="${value}"]`).check();
        return;
      case 'select':
        await main.locator(id).selectOption(String(answer));
        return;
      case 'address': {
        const address = answer as Extract<Answer, { province: string }>;
        await main.locator(`${id}-province`).selectOption(address.province);
        await main.locator(`${id}-regency`).selectOption(address.regency);
        await main.locator(`${id}-district`).fill(address.district);
        await main.locator(`${id}-village`).fill(address.village);
        await main.locator(`${id}-street`).fill(address.street);
        return;
      }
      case 'file':
        await main.locator(id).setInputFiles((answer as { file: string }).file);
        return;
      case 'geoPoint':
        return;
      default:
        await main.locator(id).fill(String(answer));
    }
  }

  /** Fills every field of the page that is on screen now. */
  async fillPage(formPage: FormPage, answerFor: (field: Field) => Answer | undefined): Promise<void> {
    for (const field of formPage.fields) {
      const answer = answerFor(field);
      if (answer === undefined) continue;
      const present = await this.page.locator(`main [id^="field-${field.name}"], main input[name="${field.name}"]`).count();
      if (present > 0) await this.fill(field, answer);
    }
  }

  async continue(): Promise<void> {
    await this.navigateBy(this.button(t('applications.apply.save')));
  }

  async errors(): Promise<string[]> {
    return (await this.page.locator('.error-summary li').allTextContents()).map((text) => text.trim());
  }

  async errorLinksTargetFields(): Promise<boolean> {
    const targets = await this.page.locator('.error-summary a').evaluateAll((links) => links.map((link) => link.getAttribute('href')?.slice(1) ?? ''));
    for (const target of targets) if ((await this.page.locator(`[id="${target}"]`).count()) !== 1) return false;
    return targets.length > 0;
  }
}

/** /apply/:draftId/check. */
export class CheckAnswersPage extends BasePage {
  static async expectOn(page: Page): Promise<CheckAnswersPage> {
    const check = new CheckAnswersPage(page);
    expect(check.path).toMatch(/\/check$/);
    expect(await check.heading()).toBe(t('applications.check.title'));
    return check;
  }

  async answersText(): Promise<string> {
    return (await this.page.locator('main .summary-list').allTextContents()).join(' ');
  }

  async changeLinks(): Promise<number> {
    return this.page.locator('main .summary-list a', { hasText: t('form.check.change') }).count();
  }

  async submit(): Promise<void> {
    await this.navigateBy(this.button(t('applications.check.submit')));
  }
}

/** /applications/:number/receipt. */
export class ReceiptPage extends BasePage {
  static async expectOn(page: Page): Promise<ReceiptPage> {
    const receipt = new ReceiptPage(page);
    expect(receipt.path).toMatch(/^\/applications\/LKT-[0-9A-Z]{4}-[0-9A-Z]{4}\/receipt$/);
    return receipt;
  }

  async trackingNumber(): Promise<string> {
    return ((await this.page.locator('main [data-tracking-number]').textContent()) ?? '').trim();
  }

  async text(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async qrCodeDrawn(): Promise<boolean> {
    return this.page
      .locator('main img[src^="data:image/svg+xml"]')
      .evaluate((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0);
  }

  async pdfHref(): Promise<string> {
    return (await this.page.locator('main a[href$="receipt.pdf"]').getAttribute('href')) ?? '';
  }

  async viewApplication(): Promise<void> {
    await this.navigateBy(this.page.locator('main').getByRole('link', { name: t('applications.receipt.view'), exact: true }));
  }
}

/** /applications/:number: status, SLA, timeline, answers, documents. */
export class ApplicationPage extends BasePage {
  async status(): Promise<string> {
    return ((await this.page.locator('main .tag').first().textContent()) ?? '').trim();
  }

  async timeline(): Promise<string[]> {
    return (await this.page.locator('main .timeline__title').allTextContents()).map((text) => text.trim());
  }

  async text(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }
}

/** /applications: my applications. */
export class MyApplicationsPage extends BasePage {
  static async open(page: Page): Promise<MyApplicationsPage> {
    await page.goto('/applications');
    const mine = new MyApplicationsPage(page);
    expect(await mine.heading()).toBe(t('applications.mine.title'));
    return mine;
  }

  async numbers(): Promise<string[]> {
    return (await this.page.locator('main table a').allTextContents()).map((text) => text.trim());
  }
}

/** /track and /track/:number. */
export class TrackPage extends BasePage {
  static async open(page: Page): Promise<TrackPage> {
    await page.goto('/track');
    const track = new TrackPage(page);
    expect(await track.heading()).toBe(t('applications.track.title'));
    return track;
  }

  async track(number: string): Promise<void> {
    await this.page.locator('#number').fill(number);
    await this.navigateBy(this.button(t('applications.track.button')));
  }

  async text(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }
}

/** /counter/applications/new: service and NIK, then the whole form on one page. */
export class CounterPage extends BasePage {
  static async open(page: Page): Promise<CounterPage> {
    await page.goto('/counter/applications/new');
    const counter = new CounterPage(page);
    expect(await counter.heading()).toBe(t('applications.counter.title'));
    return counter;
  }

  async start(serviceCode: string, nik: string): Promise<ApplyFormPage> {
    await this.page.locator('#service').selectOption(serviceCode);
    await this.page.locator('#applicantNik').fill(nik);
    await this.navigateBy(this.button(t('applications.counter.continue')));
    return new ApplyFormPage(this.page);
  }

  async register(): Promise<void> {
    await this.navigateBy(this.button(t('applications.counter.submit')));
  }
}
