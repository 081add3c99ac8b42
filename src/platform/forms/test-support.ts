import { formatters, type Locale, translator } from '../i18n/index.ts';
import type { PageContext } from '../ui/context.ts';
import type { Field, FormSchema } from './form-schema.ts';
import type { ValidationOptions } from './validation-options.ts';
import type { RegionOptions } from './views/regions.ts';

/** A page context as a route would give it, for render tests. */
export function testContext(locale: Locale = 'id'): PageContext {
  return {
    locale,
    t: translator(locale),
    format: formatters(locale),
    path: '/',
    requestId: 'test-request',
    cssHref: '/assets/app.css',
    signedIn: true,
    csrfToken: () => 'test-token',
  };
}

export const TEST_REGIONS: RegionOptions = {
  provinces: [
    { code: '31', name: 'DKI Jakarta' },
    { code: '32', name: 'Jawa Barat' },
  ],
  regencies: [
    { code: '31.71', name: 'Kota Jakarta Pusat' },
    { code: '32.04', name: 'Kabupaten Bandung' },
    { code: '32.73', name: 'Kota Bandung' },
  ],
};

const knownRegions = new Set([...TEST_REGIONS.provinces, ...TEST_REGIONS.regencies].map((region) => region.code));

/** Validation options with the test regions and a fixed "today": 15 May 2025, midday in Jakarta. */
export const TEST_OPTIONS: ValidationOptions = {
  regionExists: (code) => knownRegions.has(code),
  today: new Date('2025-05-15T05:00:00Z'),
};

/** A one-page form around the given fields. */
export function formOf(...fields: Field[]): FormSchema {
  return { schemaVersion: 1, pages: [{ id: 'only', title: { id: 'Halaman', en: 'Page' }, fields }] };
}

/** A field's common parts, labelled in both languages after its name. */
export function base(name: string, required = true) {
  return { name, label: { id: `Isian ${name}`, en: `Answer ${name}` }, required };
}
