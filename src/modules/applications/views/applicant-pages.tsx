import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { VersionView } from '../application-records.ts';
import { type ApplicantOption, FOR_SELF } from '../drafts.service.ts';

const serviceName = (ctx: PageContext, version: VersionView) => (ctx.locale === 'id' ? version.nameId : version.nameEn);

export interface ChooseApplicantPageProps {
  ctx: PageContext;
  version: VersionView;
  /** "Myself" is offered only when the service also takes citizens. */
  forSelf: boolean;
  organisations: readonly ApplicantOption[];
  /** The choice kept selected: the existing draft's. */
  current: string | undefined;
  /** Set when the form was sent without a choice. */
  error?: string | undefined;
}

/**
 * "Who are you applying for?": one question before the form. A GET form, so that the choice ends up
 * as `?for=` on the address that starts the journey (no new route, nothing stored until chosen);
 * `asked` tells an empty answer apart from a first visit.
 */
export function ChooseApplicantPage({ ctx, version, forSelf, organisations, current, error }: ChooseApplicantPageProps) {
  const { t } = ctx;
  const items = [
    ...(forSelf ? [{ value: FOR_SELF, label: t('applications.applicant.self') }] : []),
    ...organisations.map((organisation) => ({
      value: organisation.id,
      label: organisation.name,
      hint: t('applications.applicant.nib', { nib: organisation.nibMasked }),
    })),
  ];
  const title = t('applications.applicant.title');
  return (
    <Layout ctx={ctx} title={error ? `${t('error.summaryTitle')}: ${title}` : title}>
      <p>
        <a href={`/services/${version.code}`}>{t('applications.apply.back')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={error ? [{ field: 'for', message: error }] : []} />
      <p class="hint">{serviceName(ctx, version)}</p>
      <form method="get" action={`/services/${version.code}/apply`} novalidate>
        <input type="hidden" name="asked" value="1" />
        <Radios ctx={ctx} id="for" legend={title} legendAsHeading hint={t('applications.applicant.hint')} error={error} items={items} value={current} />
        <Button>{t('applications.apply.save')}</Button>
      </form>
    </Layout>
  );
}

/** A service only for businesses, and a person without one: how to get there, not a dead end. */
export function RegisterBusinessFirstPage({ ctx, version }: { ctx: PageContext; version: VersionView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.registerFirst.title')}>
      <h1>{t('applications.registerFirst.title')}</h1>
      <p>{t('applications.registerFirst.text', { service: serviceName(ctx, version) })}</p>
      <p>{t('applications.registerFirst.how')}</p>
      <p>
        <a class="button" href="/account/organisations">
          {t('applications.registerFirst.link')}
        </a>
      </p>
      <p>
        <a href={`/services/${version.code}`}>{t('applications.registerFirst.back')}</a>
      </p>
    </Layout>
  );
}
