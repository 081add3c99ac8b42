import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { OrganisationSummary } from '../organisations.service.ts';

export interface OrganisationsPageProps {
  ctx: PageContext;
  organisations: readonly OrganisationSummary[];
  values: { nib: string; name: string };
  errors: readonly FieldError[];
  notice: MessageKey | undefined;
  /** Problems with the last "add member" form, shown on that organisation's form. */
  memberErrors?: { organisationId: string; errors: readonly FieldError[] } | undefined;
}

export function OrganisationsPage({ ctx, organisations, values, errors, notice, memberErrors }: OrganisationsPageProps) {
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
      {organisations
        .filter((o) => o.role === 'owner')
        .map((o) => (
          <section key={o.id}>
            <h2>{t('organisation.member.title', { name: o.name })}</h2>
            <form method="post" action={`/account/organisations/${o.id}/members`} novalidate>
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <TextInput
                ctx={ctx}
                id={`member-nik-${o.id}`}
                name="nik"
                label={t('account.nik')}
                hint={t('organisation.member.nik.hint')}
                error={memberErrors?.organisationId === o.id ? errorFor(memberErrors.errors, 'nik') : undefined}
                inputMode="numeric"
                width={10}
              />
              <Radios
                ctx={ctx}
                id={`member-role-${o.id}`}
                name="role"
                legend={t('organisation.member.role.legend')}
                value="staff"
                items={[
                  { value: 'staff', label: t('organisation.role.staff') },
                  { value: 'owner', label: t('organisation.role.owner') },
                ]}
              />
              <Button variant="secondary">{t('organisation.member.submit')}</Button>
            </form>
          </section>
        ))}
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
