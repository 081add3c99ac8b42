import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ServiceVersionStatus } from '../catalogue.tables.ts';
import type { ManagedService } from '../service.repository.ts';
import { localName } from './format.ts';

const STATUS_COLOUR: Record<ServiceVersionStatus, TagColour> = { draft: 'yellow', published: 'green', retired: 'grey' };

export function StatusTag({ ctx, status }: { ctx: PageContext; status: ServiceVersionStatus }) {
  return <Tag text={ctx.t(`catalogue.status.${status}`)} colour={STATUS_COLOUR[status]} />;
}

export const versionHref = (versionId: string, page: 'edit' | 'preview' | 'publish') => `/admin/services/versions/${versionId}/${page}`;

function Actions({ ctx, service }: { ctx: PageContext; service: ManagedService }) {
  const { t } = ctx;
  const draft = service.versions.find((version) => version.status === 'draft');
  const published = service.versions.find((version) => version.status === 'published');
  return (
    <>
      {draft ? (
        <p>
          <a href={versionHref(draft.id, 'edit')}>{t('catalogue.admin.list.editDraft', { version: draft.version })}</a>
          <br />
          <a href={versionHref(draft.id, 'preview')}>{t('catalogue.admin.list.preview')}</a>
        </p>
      ) : (
        <form method="post" action={`/admin/services/${service.id}/versions`} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="link-button">
            {t('catalogue.admin.list.newVersion')}
          </button>
        </form>
      )}
      {published ? (
        <p>
          <a href={`/services/${encodeURIComponent(service.code)}`}>{t('catalogue.admin.list.viewPublic')}</a>
        </p>
      ) : null}
    </>
  );
}

export interface ServiceListPageProps {
  ctx: PageContext;
  services: readonly ManagedService[];
  agencies: readonly { id: string; name: string }[];
  agencyId: string | undefined;
}

/** The services of the admin's agencies, each with its versions and what can be done next. */
export function ServiceListPage({ ctx, services, agencies, agencyId }: ServiceListPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('catalogue.admin.list.title')} wide>
      <h1>{t('catalogue.admin.list.title')}</h1>
      <p>{t('catalogue.admin.list.lead')}</p>
      <p>
        <Button href="/admin/services/new" variant="secondary">
          {t('catalogue.admin.list.create')}
        </Button>
      </p>
      {agencies.length > 1 ? (
        <form method="get" action="/admin/services">
          <Field ctx={ctx} id="agency" label={t('catalogue.filters.agency')}>
            <select class="select" id="agency" name="agency">
              <option value="">{t('catalogue.filters.allAgencies')}</option>
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id} selected={agency.id === agencyId}>
                  {agency.name}
                </option>
              ))}
            </select>
          </Field>
          <Button variant="secondary">{t('catalogue.filters.apply')}</Button>
        </form>
      ) : null}
      {services.length === 0 ? (
        <p>{t('catalogue.admin.list.none')}</p>
      ) : (
        <Table
          caption={t('catalogue.admin.list.caption')}
          firstCellIsHeader
          columns={[
            { header: t('catalogue.admin.list.colService') },
            { header: t('catalogue.admin.list.colVersions') },
            { header: t('catalogue.admin.list.colActions') },
          ]}
          rows={services.map((service) => [
            <>
              {localName(ctx, service.versions[0] ?? { nameId: service.code, nameEn: service.code })}
              <br />
              <span class="secondary">
                {service.code} · {localName(ctx, { nameId: service.agencyNameId, nameEn: service.agencyNameEn })}
              </span>
            </>,
            <ul class="list">
              {service.versions.map((version) => (
                <li key={version.id}>
                  {t('catalogue.admin.versionN', { version: version.version })} <StatusTag ctx={ctx} status={version.status} />
                  {version.status !== 'draft' ? (
                    <>
                      {' '}
                      <a href={versionHref(version.id, 'preview')}>{t('catalogue.admin.list.view')}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>,
            <Actions ctx={ctx} service={service} />,
          ])}
        />
      )}
    </Layout>
  );
}

export interface NewServicePageProps {
  ctx: PageContext;
  agencies: readonly { id: string; name: string }[];
  values: { agencyId: string; code: string; nameId: string; nameEn: string };
  errors: readonly FieldError[];
}

/** Starts a service: its agency, code and name. The standard and form follow on the draft's page. */
export function NewServicePage({ ctx, agencies, values, errors }: NewServicePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('catalogue.admin.new.title')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('catalogue.admin.new.title')}</h1>
      <form method="post" action="/admin/services" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {agencies.length === 1 && agencies[0] ? (
          <input type="hidden" name="agencyId" value={agencies[0].id} />
        ) : (
          <Select
            ctx={ctx}
            id="agencyId"
            label={t('catalogue.admin.new.agency')}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
            value={values.agencyId}
            error={errorFor(errors, 'agencyId')}
          />
        )}
        <TextInput
          ctx={ctx}
          id="code"
          label={t('catalogue.admin.new.code')}
          hint={t('catalogue.admin.new.codeHint')}
          value={values.code}
          error={errorFor(errors, 'code')}
        />
        <TextInput ctx={ctx} id="nameId" label={t('catalogue.admin.nameId')} value={values.nameId} error={errorFor(errors, 'nameId')} />
        <TextInput ctx={ctx} id="nameEn" label={t('catalogue.admin.nameEn')} value={values.nameEn} error={errorFor(errors, 'nameEn')} />
        <Button>{t('catalogue.admin.new.submit')}</Button>
      </form>
    </Layout>
  );
}
