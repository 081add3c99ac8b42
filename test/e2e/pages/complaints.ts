import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

// Page objects of the reporter's side of a complaint: the public list, the filing form, the
// confirmation with the follow-up link, the reporter's page (reply, accept, reject, rate) and a
// report's public page. Fields are found by the ids the service's problems name (field-<name>).

/** /complaints: the public list. */
export class ComplaintListPage extends BasePage {
  static async open(page: Page): Promise<ComplaintListPage> {
    await page.goto('/complaints');
    return new ComplaintListPage(page);
  }

  async search(query: string): Promise<void> {
    await this.page.locator('#q').fill(query);
    await this.navigateBy(this.page.locator('main form[action="/complaints"] button[type="submit"]').first());
  }

  /** Tracking ids of the reports listed, in order. */
  async trackingIds(): Promise<string[]> {
    return this.page.locator('main [data-complaint]').evaluateAll((items) => items.map((item) => item.getAttribute('data-complaint') ?? ''));
  }

  async startFiling(): Promise<ComplaintFilingPage> {
    await this.navigateBy(this.page.locator('main a[href="/complaints/new"]').first());
    return new ComplaintFilingPage(this.page);
  }
}

export interface ComplaintDraft {
  kind?: 'complaint' | 'aspiration' | 'information_request';
  /** A category code, e.g. pelayanan-kependudukan. */
  category: string;
  title: string;
  description: string;
  incidentDate?: string;
  address?: string;
  /** Province code, then (after the no-JS refresh) regency code. */
  province?: string;
  regency?: string;
  /** Both default to ticked on the form: false unticks. */
  secret?: boolean;
  anonymous?: boolean;
  email?: string;
}

/** /complaints/new: the filing form (works without JavaScript). */
export class ComplaintFilingPage extends BasePage {
  static async open(page: Page): Promise<ComplaintFilingPage> {
    await page.goto('/complaints/new');
    return new ComplaintFilingPage(page);
  }

  async fill(draft: ComplaintDraft): Promise<void> {
    const page = this.page;
    await page.locator(`input[name="kind"][value="${draft.kind ?? 'complaint'}"]`).check();
    await page.locator('#field-categoryCode').selectOption(draft.category);
    await page.locator('#field-title').fill(draft.title);
    await page.locator('#field-description').fill(draft.description);
    if (draft.incidentDate) await page.locator('#field-incidentDate').fill(draft.incidentDate);
    if (draft.address) await page.locator('#field-address').fill(draft.address);
    if (draft.province) {
      await page.locator('#field-province').selectOption(draft.province);
      // Without JavaScript the regency list comes with a GET round trip that keeps what was typed.
      await this.navigateBy(this.button(t('complaintPages.new.refreshRegions')));
      if (draft.regency) await page.locator('#field-regionCode').selectOption(draft.regency);
    }
    await page.locator('input[name="flags"][value="secret"]').setChecked(draft.secret ?? true);
    await page.locator('input[name="flags"][value="anonymous"]').setChecked(draft.anonymous ?? true);
    if (draft.email && (await page.locator('#field-reporterEmail').count()) > 0) await page.locator('#field-reporterEmail').fill(draft.email);
  }

  async submit(): Promise<ComplaintFiledPage> {
    await this.navigateBy(this.button(t('complaintPages.new.submit')));
    return new ComplaintFiledPage(this.page);
  }

  /** The messages of the error summary, in order. */
  async errors(): Promise<string[]> {
    return (await this.page.locator('.error-summary li').allTextContents()).map((text) => text.trim());
  }
}

/** The confirmation after filing: the tracking id and, for a guest, the follow-up link shown once. */
export class ComplaintFiledPage extends BasePage {
  async trackingId(): Promise<string> {
    const id = await this.page.locator('[data-tracking-id]').getAttribute('data-tracking-id');
    expect(id).toMatch(/^ADU-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    return id as string;
  }

  /** The guest's follow-up link (absolute URL). */
  async followUpLink(): Promise<string> {
    const href = await this.page.locator('a[data-follow-up]').getAttribute('href');
    expect(href).toMatch(/\/complaints\/follow\/[^/]+$/);
    return href as string;
  }
}

/** The reporter's own page: /complaints/follow/<secret> for guests, /complaints/mine/<id> when signed in. */
export class ReporterComplaintPage extends BasePage {
  static async open(page: Page, url: string): Promise<ReporterComplaintPage> {
    await page.goto(url);
    return new ReporterComplaintPage(page);
  }

  async status(): Promise<string> {
    return ((await this.page.locator('main .tag').first().textContent()) ?? '').trim();
  }

  /** The titles of the timeline's events, newest first. */
  async timeline(): Promise<string[]> {
    return (await this.page.locator('main .timeline__title').allTextContents()).map((text) => text.trim());
  }

  async canAccept(): Promise<boolean> {
    return (await this.page.locator('main form[action$="/accept"]').count()) === 1;
  }

  async accept(): Promise<void> {
    await this.navigateBy(this.page.locator('main form[action$="/accept"] button[type="submit"]'));
  }

  async reject(reason: string): Promise<void> {
    await this.page.locator('#reason').fill(reason);
    await this.navigateBy(this.page.locator('main form[action$="/reject"] button[type="submit"]'));
  }

  async rate(rating: 1 | 2 | 3 | 4 | 5): Promise<void> {
    await this.page.locator(`input[name="rating"][value="${rating}"]`).check();
    await this.navigateBy(this.page.locator('main form[action$="/rate"] button[type="submit"]'));
  }

  async reply(message: string): Promise<void> {
    await this.page.locator('#message').fill(message);
    await this.navigateBy(this.page.locator('main form[action$="/reply"] button[type="submit"]'));
  }
}

/** /complaints/<id>: a report's public page. */
export class PublicComplaintPage extends BasePage {
  static async open(page: Page, trackingId: string): Promise<PublicComplaintPage> {
    await page.goto(`/complaints/${trackingId}`);
    return new PublicComplaintPage(page);
  }

  async status(): Promise<string> {
    return ((await this.page.locator('main .tag').first().textContent()) ?? '').trim();
  }

  async bodyText(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  async meToo(): Promise<void> {
    await this.navigateBy(this.button(t('complaintPages.meToo')));
  }
}
