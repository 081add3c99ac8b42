import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { StaffRoleName } from '../accounts.tables.ts';
import type { StaffMember } from '../staff-admin.service.ts';

export interface StaffPageProps {
  ctx: PageContext;
  agencies: readonly { id: string; name: string }[];
  agencyId: string;
  staff: readonly StaffMember[];
  roles: readonly StaffRoleName[];
  values: { email: string; fullName: string; role: string };
  errors: readonly FieldError[];
}

export function StaffPage({ ctx, agencies, agencyId, staff, roles, values, errors }: StaffPageProps) {
  const { t } = ctx;
  const agencyName = agencies.find((a) => a.id === agencyId)?.name ?? '';
  return (
    <Layout ctx={ctx} title={t('staff.title')} wide>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.lead')}</p>
      {agencies.length > 1 ? (
        <form method="get" action="/staff">
          <Select ctx={ctx} id="agency" label={t('staff.agency.label')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} value={agencyId} />
          <Button variant="secondary">{t('staff.agency.submit')}</Button>
        </form>
      ) : null}
      {staff.length === 0 ? (
        <p>{t('staff.none')}</p>
      ) : (
        <Table
          caption={t('staff.caption', { agency: agencyName })}
          firstCellIsHeader
          columns={[{ header: t('staff.col.name') }, { header: t('staff.col.email') }, { header: t('staff.col.roles') }, { header: t('staff.col.twoFactor') }]}
          rows={staff.map((member) => [
            member.fullName,
            member.email ?? '',
            member.roles.map((role) => t(`role.${role}`)).join(', '),
            t(member.totpEnabled ? 'account.twoFactor.on' : 'account.twoFactor.off'),
          ])}
        />
      )}
      <h2>{t('staff.create.title')}</h2>
      <form method="post" action="/staff" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="agency" value={agencyId} />
        <TextInput
          ctx={ctx}
          id="email"
          type="email"
          label={t('register.email.label')}
          hint={t('staff.create.email.hint')}
          error={errorFor(errors, 'email')}
          value={values.email}
        />
        <TextInput ctx={ctx} id="fullName" label={t('staff.create.name.label')} error={errorFor(errors, 'fullName')} value={values.fullName} />
        <Radios
          ctx={ctx}
          id="role"
          legend={t('staff.create.role.legend')}
          error={errorFor(errors, 'role')}
          value={values.role}
          items={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <Button>{t('staff.create.submit')}</Button>
      </form>
    </Layout>
  );
}

export function StaffCreatedPage({ ctx, agencyId, password }: { ctx: PageContext; agencyId: string; password: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.created.title')}>
      <div class="panel">
        <h1 class="panel__title">{t('staff.created.title')}</h1>
      </div>
      <p>{t('staff.created.password')}</p>
      <p class="secret">{password}</p>
      <p>
        <a href={`/staff?agency=${encodeURIComponent(agencyId)}`}>{t('staff.created.back')}</a>
      </p>
    </Layout>
  );
}
