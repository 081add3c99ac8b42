import type { LocalizedText } from '../../../platform/forms/form-schema.ts';
import { localized } from '../../../platform/forms/labels.ts';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { FetchedField, RequirementFetchView } from '../consent.service.ts';

export const named = (ctx: PageContext, text: LocalizedText) => localized(text, ctx.locale);

/** A fetched value as a person reads it: yes/no, lists joined, dates as given, nothing as "none". */
export function fetchedValue(ctx: PageContext, value: unknown): string {
  if (value === null || value === undefined || value === '') return ctx.t('consent.value.none');
  if (typeof value === 'boolean') return ctx.t(value ? 'consent.value.yes' : 'consent.value.no');
  if (Array.isArray(value)) return value.length === 0 ? ctx.t('consent.value.none') : value.map((item) => fetchedValue(ctx, item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Exactly what was fetched, then where it came from (provider, product, time, fingerprint). */
export function FetchedData({ ctx, fetch, headingLevel = 2 }: { ctx: PageContext; fetch: RequirementFetchView; headingLevel?: 2 | 4 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  return (
    <>
      <SummaryList rows={fetch.fields.map((field: FetchedField) => ({ key: named(ctx, field.label), value: fetchedValue(ctx, field.value) }))} />
      <Heading>{ctx.t('consent.result.provenance')}</Heading>
      <SummaryList
        rows={[
          { key: ctx.t('consent.screen.provider'), value: named(ctx, fetch.provider.name) },
          { key: ctx.t('consent.screen.product'), value: `${named(ctx, fetch.productName)} (${fetch.productCode})` },
          ...(fetch.fetchedAt ? [{ key: ctx.t('consent.result.fetchedAt'), value: ctx.format.dateTime(fetch.fetchedAt) }] : []),
          ...(fetch.sha256 ? [{ key: ctx.t('consent.result.hash'), value: <code class="secret">{fetch.sha256}</code> }] : []),
        ]}
      />
    </>
  );
}
