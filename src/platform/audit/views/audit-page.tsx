import type { MessageKey } from '../../i18n/index.ts';
import { Button, DateInput, ErrorSummary, errorFor, type FieldError, Table, TextInput } from '../../ui/components/index.ts';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import { type AuditFilterValues, auditHref } from '../audit.filters.ts';
import type { AuditEntry } from '../audit.service.ts';

const ROLE_LABELS: Record<string, MessageKey> = {
  citizen: 'audit.role.citizen',
  business_member: 'audit.role.business_member',
  officer: 'audit.role.officer',
  supervisor: 'audit.role.supervisor',
  agency_admin: 'audit.role.agency_admin',
  complaints_desk: 'audit.role.complaints_desk',
  auditor: 'audit.role.auditor',
  platform_admin: 'audit.role.platform_admin',
  anonymous: 'audit.role.anonymous',
  system: 'audit.role.system',
  operator: 'audit.role.operator',
};

export interface AuditPageProps {
  ctx: PageContext;
  values: AuditFilterValues;
  errors: readonly FieldError[];
  /** Undefined when the filters were refused: nothing was searched. */
  results: { entries: readonly AuditEntry[]; olderHref: string | undefined; newestHref: string | undefined } | undefined;
}

function Filters({ ctx, values, errors }: Pick<AuditPageProps, 'ctx' | 'values' | 'errors'>) {
  const { t } = ctx;
  return (
    <form method="get" action="/audit" novalidate>
      <h2 id="filters">{t('audit.filters.heading')}</h2>
      <TextInput
        ctx={ctx}
        id="actor"
        label={t('audit.filter.actor.label')}
        hint={t('audit.filter.actor.hint')}
        error={errorFor(errors, 'actor')}
        value={values.actor}
      />
      <TextInput
        ctx={ctx}
        id="subjectType"
        label={t('audit.filter.subjectType.label')}
        hint={t('audit.filter.subjectType.hint')}
        error={errorFor(errors, 'subjectType')}
        value={values.subjectType}
        width={10}
      />
      <TextInput
        ctx={ctx}
        id="subjectId"
        label={t('audit.filter.subjectId.label')}
        hint={t('audit.filter.subjectId.hint')}
        error={errorFor(errors, 'subjectId')}
        value={values.subjectId}
      />
      <TextInput
        ctx={ctx}
        id="action"
        label={t('audit.filter.action.label')}
        hint={t('audit.filter.action.hint')}
        error={errorFor(errors, 'action')}
        value={values.action}
        width={10}
      />
      <DateInput
        ctx={ctx}
        id="from"
        legend={t('audit.filter.from.legend')}
        hint={t('audit.filter.date.hint')}
        error={errorFor(errors, 'from-day')}
        value={values.from}
      />
      <DateInput
        ctx={ctx}
        id="to"
        legend={t('audit.filter.to.legend')}
        hint={t('audit.filter.date.hint')}
        error={errorFor(errors, 'to-day')}
        value={values.to}
      />
      <Button>{t('audit.filter.submit')}</Button>
      <p>
        <a href="/audit">{t('audit.filter.clear')}</a>
      </p>
    </form>
  );
}

function Entries({ ctx, values, entries }: { ctx: PageContext; values: AuditFilterValues; entries: readonly AuditEntry[] }) {
  const { t, format } = ctx;
  const role = (code: string) => (ROLE_LABELS[code] ? t(ROLE_LABELS[code]) : code);
  // Ids link to the same search narrowed to them: the next question is usually "what else did they do".
  return (
    <Table
      caption={t('audit.results.caption')}
      columns={[
        { header: t('audit.col.time') },
        { header: t('audit.col.actor') },
        { header: t('audit.col.action') },
        { header: t('audit.col.subject') },
        { header: t('audit.col.requestId') },
      ]}
      rows={entries.map((entry) => [
        <time datetime={entry.occurredAt.toISOString()}>{format.dateTime(entry.occurredAt)}</time>,
        <>
          {role(entry.actor.role)}
          <br />
          {entry.actor.accountId ? <a href={auditHref({ ...values, actor: entry.actor.accountId })}>{entry.actor.accountId}</a> : t('audit.actor.noAccount')}
        </>,
        <code>{entry.action}</code>,
        entry.subject ? (
          <>
            {entry.subject.type}
            <br />
            <a href={auditHref({ ...values, subjectType: entry.subject.type, subjectId: entry.subject.id })}>{entry.subject.id}</a>
          </>
        ) : (
          t('audit.subject.none')
        ),
        entry.requestId ?? '–',
      ])}
    />
  );
}

/** The audit search page: filters in a GET form, then the entries newest first, paged by id. */
export function AuditPage({ ctx, values, errors, results }: AuditPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('audit.title')} wide>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <Filters ctx={ctx} values={values} errors={errors} />
      {results ? (
        <section aria-labelledby="results">
          <h2 id="results">{t('audit.results.heading')}</h2>
          {results.entries.length > 0 ? <Entries ctx={ctx} values={values} entries={results.entries} /> : <p>{t('audit.results.empty')}</p>}
          {results.newestHref || results.olderHref ? (
            <nav aria-label={t('ui.pagination.label')}>
              <ul class="pagination">
                {results.newestHref ? (
                  <li>
                    <a href={results.newestHref}>{t('audit.results.newest')}</a>
                  </li>
                ) : null}
                {results.olderHref ? (
                  <li>
                    <a href={results.olderHref} rel="next">
                      {t('audit.results.older')}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
