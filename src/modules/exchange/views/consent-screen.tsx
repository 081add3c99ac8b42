import { Button } from '../../../platform/ui/components/button.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ConsentScreen, RequirementFetchView } from '../consent.service.ts';
import { FetchedData, named } from './consent-values.tsx';

function addMonths(from: Date, months: number): Date {
  const until = new Date(from);
  until.setUTCMonth(until.getUTCMonth() + months);
  return until;
}

/**
 * The consent screen: who asks, from whom, which data, why, under which law, for how long; then two
 * equal choices (agree, or decline and upload). Nothing is pre-selected and nothing happens until the
 * applicant presses one of them.
 */
export function ConsentScreenPage({ ctx, screen, backHref }: { ctx: PageContext; screen: ConsentScreen; backHref: string }) {
  const { t } = ctx;
  const provider = named(ctx, screen.provider);
  const title = t('consent.screen.title', { provider });
  const action = `/apply/${screen.draftId}/once-only/${screen.requirementId}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={backHref}>{t('applications.apply.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('consent.screen.lead', { requirement: named(ctx, screen.requirementLabel), provider })}</p>
      {screen.activeConsent ? (
        <NotificationBanner ctx={ctx}>
          <p>
            {t('consent.screen.active', { date: ctx.format.date(screen.activeConsent.grantedAt), until: ctx.format.date(screen.activeConsent.validUntil) })}
          </p>
        </NotificationBanner>
      ) : null}
      <h2>{t('consent.screen.summary')}</h2>
      <SummaryList
        rows={[
          { key: t('consent.screen.consumer'), value: named(ctx, screen.consumer) },
          { key: t('consent.screen.provider'), value: provider },
          { key: t('consent.screen.product'), value: named(ctx, screen.productName) },
          {
            key: t('consent.screen.data'),
            value: (
              <ul class="list">
                {screen.fields.map((field) => (
                  <li key={field.name}>{named(ctx, field.label)}</li>
                ))}
              </ul>
            ),
          },
          { key: t('consent.screen.purpose'), value: named(ctx, screen.purpose) },
          { key: t('consent.screen.legalBasis'), value: named(ctx, screen.legalBasis) },
          { key: t('consent.screen.productLegalBasis'), value: screen.productLegalBasis },
          {
            key: t('consent.screen.duration'),
            value: screen.activeConsent
              ? ctx.format.date(screen.activeConsent.validUntil)
              : t('consent.screen.durationValue', { months: screen.consentMonths, date: ctx.format.date(addMonths(new Date(), screen.consentMonths)) }),
          },
        ]}
      />
      <p>{t('consent.screen.revokeHint')}</p>
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <fieldset class="fieldset">
          <legend class="visually-hidden">{t('consent.screen.choice')}</legend>
          <div>
            <Button name="decision" value="agree">
              {t('consent.screen.agree')}
            </Button>
            <Button name="decision" value="decline" variant="secondary">
              {t('consent.screen.decline')}
            </Button>
          </div>
        </fieldset>
      </form>
    </Layout>
  );
}

/** After the decision: exactly what was fetched, or that it will be fetched later, or why not. */
export function ConsentResultPage({
  ctx,
  screen,
  decision,
  continueHref,
}: {
  ctx: PageContext;
  screen: ConsentScreen;
  decision: RequirementFetchView;
  continueHref: string;
}) {
  const { t } = ctx;
  const provider = named(ctx, screen.provider);
  const title = t(`consent.result.title.${decision.status}`);
  const canContinue = decision.status === 'fetched' || decision.status === 'queued';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t(`consent.result.${decision.status}`, { provider })}</p>
      {decision.status === 'fetched' ? <FetchedData ctx={ctx} fetch={decision} /> : null}
      <div>
        {canContinue ? <Button href={continueHref}>{t('consent.result.continue')}</Button> : null}
        <form method="post" action={`/apply/${screen.draftId}/once-only/${screen.requirementId}`} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <Button name="decision" value="decline" variant={canContinue ? 'secondary' : 'primary'}>
            {t('consent.result.uploadInstead')}
          </Button>
        </form>
      </div>
    </Layout>
  );
}
