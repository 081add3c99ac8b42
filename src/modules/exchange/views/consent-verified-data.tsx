import { Tag } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { RequirementFetchView } from '../consent.service.ts';
import { FetchedData, named } from './consent-values.tsx';

/**
 * The officer's view of data fetched once-only for an application: marked as verified and shown with
 * its provenance, apart from the applicant's uploads; a fetch still queued or that failed says so.
 */
export function VerifiedDataSection({ ctx, items }: { ctx: PageContext; items: readonly RequirementFetchView[] }) {
  if (items.length === 0) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="verified-data-heading">
      <h2 id="verified-data-heading">{t('consent.verified.title')}</h2>
      <p class="hint">{t('consent.verified.lead')}</p>
      {items.map((item) => (
        <div key={item.id}>
          <h3>
            {named(ctx, item.productName)} {item.status === 'fetched' ? <Tag text={t('consent.verified.tag')} colour="green" /> : null}
          </h3>
          {item.status === 'fetched' ? (
            <FetchedData ctx={ctx} fetch={item} headingLevel={4} />
          ) : (
            <p>
              {t(`consent.verified.${item.status === 'queued' ? 'queued' : item.status === 'not_found' ? 'not_found' : 'failed'}`, {
                provider: named(ctx, item.provider.name),
              })}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

/** The workspace's hook (src/app.ts): loads an application's verified data and renders its section. */
export function verifiedDataSection(consents: { verifiedData(applicationId: string): Promise<RequirementFetchView[]> }) {
  return async (applicationId: string) => {
    const items = await consents.verifiedData(applicationId);
    return items.length === 0 ? undefined : (ctx: PageContext) => <VerifiedDataSection ctx={ctx} items={items} />;
  };
}
