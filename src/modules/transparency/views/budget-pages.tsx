import { cachedFormat } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import type { FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { FileInput } from '../../../platform/ui/components/file-input.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SectionNav } from '../../../platform/ui/components/section-nav.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ADMIN_NAV_ITEMS } from '../../../platform/ui/navigation.ts';
import type { AgencyBudget, BudgetUploadSummary } from '../budget.service.ts';

/** Rupiah as text (exact) to a grouped figure in the page's language; decimals kept when there are any. */
export function amountText(ctx: PageContext, amount: string): string {
  const [whole = '0', fraction] = amount.split('.');
  const grouped = ctx.format.number(Number(whole));
  if (!fraction) return grouped;
  return `${grouped}${ctx.locale === 'id' ? ',' : '.'}${fraction.padEnd(2, '0')}`;
}

/** Realization as a share of the budget, one decimal; a dash for a zero budget. */
export function shareText(ctx: PageContext, budget: string, realization: string): string {
  const total = Number(budget);
  if (!(total > 0)) return '–';
  const tag = ctx.locale === 'id' ? 'id-ID' : 'en-GB';
  return cachedFormat(`decimal1|${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 1, minimumFractionDigits: 1 })).format(
    (Number(realization) / total) * 100,
  );
}

export interface BudgetServiceFigures {
  name: string;
  completed: string;
  onTime: string;
}

/** The budget table: programme, ceiling, realization, share and the services it pays for. */
export function BudgetTable({
  ctx,
  budget,
  services,
}: {
  ctx: PageContext;
  budget: AgencyBudget;
  /** Performance of a service by code, for the public dashboard; absent on the admin page. */
  services?: ((code: string) => BudgetServiceFigures | undefined) | undefined;
}) {
  const { t } = ctx;
  return (
    <Table
      caption={t('budget.section.caption', { year: budget.fiscalYear })}
      firstCellIsHeader
      columns={[
        { header: t('budget.section.programme') },
        { header: t('budget.section.budget'), numeric: true },
        { header: t('budget.section.realization'), numeric: true },
        { header: t('budget.section.share'), numeric: true },
        { header: t('budget.section.services') },
      ]}
      rows={[
        ...budget.lines.map((line) => [
          `${line.programmeCode} ${line.programmeName}`,
          amountText(ctx, line.budget),
          amountText(ctx, line.realization),
          shareText(ctx, line.budget, line.realization),
          line.services.length === 0 ? (
            '–'
          ) : (
            <ul class="list--plain">
              {line.services.map((service) => {
                const figures = services?.(service.code);
                return (
                  <li key={service.id}>
                    {figures ? (
                      <a href={`/transparency/services/${encodeURIComponent(service.code)}`}>
                        {t('budget.section.serviceFigures', { name: figures.name, completed: figures.completed, onTime: figures.onTime })}
                      </a>
                    ) : (
                      service.code
                    )}
                  </li>
                );
              })}
            </ul>
          ),
        ]),
        [
          t('budget.section.total'),
          amountText(ctx, budget.budgetTotal),
          amountText(ctx, budget.realizationTotal),
          shareText(ctx, budget.budgetTotal, budget.realizationTotal),
          '',
        ],
      ]}
    />
  );
}

export interface BudgetAdminView {
  agencies: readonly { id: string; name: string }[];
  agencyId: string | undefined;
  budget: AgencyBudget | undefined;
  uploads: readonly BudgetUploadSummary[];
  errors: readonly FieldError[];
  moreErrors: number;
  saved?: { year: number; lines: number } | undefined;
  maxBytesText: string;
}

export function BudgetAdminPage({ ctx, view }: { ctx: PageContext; view: BudgetAdminView }) {
  const { t } = ctx;
  const singleAgency = view.agencies.length === 1 ? view.agencies[0] : undefined;
  return (
    <Layout ctx={ctx} title={t('budget.admin.title')} wide>
      <SectionNav ctx={ctx} label={t('layout.nav.admin')} items={ADMIN_NAV_ITEMS} />
      {view.saved ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('budget.admin.uploaded', { lines: view.saved.lines, year: view.saved.year })}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{t('budget.admin.title')}</h1>
      {view.agencies.length === 0 ? (
        <p>{t('budget.admin.noAgency')}</p>
      ) : (
        <>
          <p>{t('budget.admin.lead')}</p>
          {view.errors.length > 0 ? (
            <div class="panel" id="upload-errors">
              <h2>{t('budget.admin.errorsTitle', { count: view.errors.length + view.moreErrors })}</h2>
              <p>{t('budget.admin.errorsLead')}</p>
              {view.moreErrors > 0 ? <p>{t('budget.admin.moreErrors', { count: view.moreErrors })}</p> : null}
            </div>
          ) : null}
          <form method="post" action="/admin/budget" enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            {singleAgency ? (
              <input type="hidden" name="agency" value={singleAgency.id} />
            ) : (
              <Select
                ctx={ctx}
                id="agency"
                label={t('budget.admin.agency')}
                options={view.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
                value={view.agencyId}
              />
            )}
            <FileInput
              ctx={ctx}
              id="file"
              label={t('budget.admin.file')}
              hint={t('budget.admin.fileHint', { max: view.maxBytesText })}
              accept=".csv,text/csv"
              error={view.errors.length > 0 ? view.errors[0]?.message : undefined}
            />
            <Button>{t('budget.admin.submit')}</Button>
          </form>
          {view.agencyId ? (
            <>
              <h2>{view.budget ? t('budget.admin.current', { year: view.budget.fiscalYear }) : t('budget.admin.title')}</h2>
              {view.budget ? <BudgetTable ctx={ctx} budget={view.budget} /> : <p>{t('budget.admin.none')}</p>}
              {view.uploads.length > 0 ? (
                <>
                  <h2>{t('budget.admin.history')}</h2>
                  <Table
                    caption={t('budget.admin.historyCaption')}
                    columns={[
                      { header: t('budget.admin.uploadedAt') },
                      { header: t('budget.admin.fileName') },
                      { header: t('budget.admin.lines'), numeric: true },
                    ]}
                    rows={view.uploads.map((upload) => [
                      ctx.format.dateTime(upload.uploadedAt),
                      `${upload.fileName} (${upload.fiscalYear})`,
                      ctx.format.number(upload.lineCount),
                    ])}
                  />
                </>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Layout>
  );
}
