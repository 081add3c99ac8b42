import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { BackofficeNav, Csrf } from '../../workflow/views/backoffice-common.tsx';
import type { AgencyStatistics, Names, RouteRule } from '../complaints.contract.ts';

const name = (ctx: PageContext, names: Names) => (ctx.locale === 'en' ? names.en : names.id);

export function DeskStatisticsPage({ ctx, action, month, rows }: { ctx: PageContext; action: string; month: string; rows: readonly AgencyStatistics[] }) {
  const { t } = ctx;
  const columns: MessageKey[] = [
    'complaintDesk.stats.received',
    'complaintDesk.stats.forwardedOnTime',
    'complaintDesk.stats.resolved',
    'complaintDesk.stats.resolvedOnTime',
    'complaintDesk.stats.overdue',
    'complaintDesk.stats.open',
    'complaintDesk.stats.rating',
  ];
  return (
    <Layout ctx={ctx} title={t('complaintDesk.stats.title')} wide>
      <BackofficeNav ctx={ctx} />
      <h1>{t('complaintDesk.stats.title')}</h1>
      <form method="get" action={action}>
        <label class="label" for="month">
          {t('complaintDesk.stats.month')}
        </label>
        <input class="input" type="month" id="month" name="month" value={month} />
        <button type="submit" class="button button--secondary">
          {t('complaintDesk.queue.apply')}
        </button>
      </form>
      <div class="table-wrap">
        <table class="table">
          <caption>{t('complaintDesk.stats.caption', { month })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaintDesk.field.agency')}</th>
              {columns.map((column) => (
                <th key={column} scope="col" class="num">
                  {t(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.agency.id}>
                <th scope="row">{name(ctx, row.agency.name)}</th>
                <td class="num">{row.received}</td>
                <td class="num">{row.forwardedOnTime}</td>
                <td class="num">{row.resolved}</td>
                <td class="num">{row.resolvedOnTime}</td>
                <td class="num">{row.overdue}</td>
                <td class="num">{row.open}</td>
                <td class="num">{row.averageRating === null ? '—' : `${row.averageRating.toFixed(1)} (${row.ratings})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function DeskRoutesPage({
  ctx,
  rules,
  done,
  categories,
  agencies,
  error,
}: {
  ctx: PageContext;
  rules: readonly RouteRule[];
  done: boolean;
  categories: readonly { code: string; name: Names }[];
  agencies: readonly { id: string; name: Names }[];
  error?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaintDesk.rules.title')} wide>
      <BackofficeNav ctx={ctx} />
      <h1>{t('complaintDesk.rules.title')}</h1>
      {done ? <p role="status">{t('complaintDesk.ws.done')}</p> : null}
      {error ? (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <div class="table-wrap">
        <table class="table">
          <caption>{t('complaintDesk.rules.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaintDesk.col.category')}</th>
              <th scope="col">{t('complaintDesk.rules.region')}</th>
              <th scope="col">{t('complaintDesk.field.agency')}</th>
              <th scope="col">{t('complaintDesk.rules.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.category ? name(ctx, rule.category.name) : t('complaintDesk.rules.any')}</td>
                <td>{rule.region ? rule.region.name : t('complaintDesk.rules.any')}</td>
                <td>
                  {name(ctx, rule.agency.name)}
                  {rule.unit ? ` — ${name(ctx, rule.unit.name)}` : ''}
                </td>
                <td>
                  <form method="post" action={`/backoffice/complaints/routes/${rule.id}/delete`} class="inline-form">
                    <Csrf ctx={ctx} />
                    <button type="submit" class="button button--warning">
                      {t('complaintDesk.rules.delete')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="add-rule">{t('complaintDesk.rules.add')}</h2>
      <form method="post" action="/backoffice/complaints/routes" aria-labelledby="add-rule">
        <Csrf ctx={ctx} />
        <label class="label" for="rule-category">
          {t('complaintDesk.col.category')}
        </label>
        <select class="select" id="rule-category" name="categoryCode">
          <option value="">{t('complaintDesk.rules.any')}</option>
          {categories.map((category) => (
            <option key={category.code} value={category.code}>
              {name(ctx, category.name)}
            </option>
          ))}
        </select>
        <label class="label" for="rule-region">
          {t('complaintDesk.rules.regionCode')}
        </label>
        <input class="input" id="rule-region" name="regionCode" maxLength={13} />
        <label class="label" for="rule-agency">
          {t('complaintDesk.field.agency')}
        </label>
        <select class="select" id="rule-agency" name="agencyId">
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {name(ctx, agency.name)}
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          {t('complaintDesk.rules.add')}
        </button>
      </form>
    </Layout>
  );
}
