import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { OrganisationSummary } from '../organisations.service.ts';
import { errorFor } from './form-state.ts';

export interface OrganisationsPageProps {
  ctx: PageContext;
  organisations: readonly OrganisationSummary[];
  values: { nib: string; name: string };
  errors: readonly FieldError[];
  notice: MessageKey | undefined;
}

export function OrganisationsPage({ ctx, organisations, values, errors, notice }: OrganisationsPageProps) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('organisation.title')}>
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice)}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('organisation.title')}</h1>
      <p class="lead">{t('organisation.lead')}</p>
      {organisations.length === 0 ? (
        <p>{t('organisation.none')}</p>
      ) : (
        <Table
          caption={t('organisation.caption')}
          firstCellIsHeader
          columns={[
            { header: t('organisation.name') },
            { header: t('organisation.nib') },
            { header: t('organisation.role') },
            { header: t('organisation.members'), numeric: true },
          ]}
          rows={organisations.map((o) => [
            o.name,
            o.nibMasked,
            t(o.role === 'owner' ? 'organisation.role.owner' : 'organisation.role.staff'),
            format.number(o.memberCount),
          ])}
        />
      )}
      <h2>{t('organisation.register.title')}</h2>
      <form method="post" action="/account/organisations" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextInput
          ctx={ctx}
          id="nib"
          label={t('organisation.nib')}
          hint={t('organisation.register.nib.hint')}
          error={errorFor(errors, 'nib')}
          value={values.nib}
          inputMode="numeric"
          width={10}
        />
        <TextInput
          ctx={ctx}
          id="name"
          label={t('organisation.name')}
          hint={t('organisation.register.name.hint')}
          error={errorFor(errors, 'name')}
          value={values.name}
          autocomplete="organization"
        />
        <Button>{t('organisation.register.submit')}</Button>
      </form>
    </Layout>
  );
}
