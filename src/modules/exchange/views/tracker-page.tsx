import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { maskNik } from '../../accounts/accounts.api.ts';
import { maskNib } from '../../accounts/organisations.service.ts';
import { TRACKER_COLUMNS } from '../tracker.export.ts';
import type { TrackerEntry, TrackerPage } from '../tracker.service.ts';

export interface TrackerPageProps {
  ctx: PageContext;
  tracker: TrackerPage;
}

/** One access, as a list of labelled facts: a table would not fit a phone's width. */
function AccessItem({ ctx, entry }: { ctx: PageContext; entry: TrackerEntry }) {
  const { t, format, locale } = ctx;
  const when = format.dateTime(entry.accessedAt);
  const agency = entry.agency ? entry.agency.name[locale] : t('tracker.agency.none');
  return (
    <li class="card">
      <h2>{t('tracker.item.heading', { when, agency })}</h2>
      <SummaryList
        rows={[
          { key: t('tracker.item.when'), value: <time datetime={entry.accessedAt.toISOString()}>{when}</time> },
          { key: t('tracker.item.agency'), value: agency },
          { key: t('tracker.item.role'), value: entry.role.label[locale] },
          { key: t('tracker.item.system'), value: t(entry.viaAgencySystem ? 'tracker.item.system.yes' : 'tracker.item.system.no') },
          { key: t('tracker.item.product'), value: entry.product ? entry.product.name[locale] : t('tracker.product.none') },
          {
            key: t('tracker.item.fields'),
            value:
              entry.fields.length === 0 ? (
                t('tracker.fields.none')
              ) : (
                <ul class="list">
                  {entry.fields.map((field) => (
                    <li key={field.code}>{field.label[locale]}</li>
                  ))}
                </ul>
              ),
          },
          { key: t('tracker.item.purpose'), value: entry.purpose.label[locale] },
          { key: t('tracker.item.legalBasis'), value: entry.legalBasis },
          { key: t('tracker.item.case'), value: entry.caseReference },
          { key: t('tracker.item.channel'), value: entry.channel.label[locale] },
        ]}
      />
    </li>
  );
}

/** The citizen's data tracker: who accessed their data, newest first, paged, with CSV and JSON exports. */
export function TrackerPageView({ ctx, tracker }: TrackerPageProps) {
  const { t, format } = ctx;
  const { subjects } = tracker;
  return (
    <Layout ctx={ctx} title={t('tracker.title')}>
      <h1>{t('tracker.title')}</h1>
      <p class="lead">{t('tracker.lead')}</p>
      {subjects.nik === null ? (
        <p>{t('tracker.noNik')}</p>
      ) : (
        <p>
          {subjects.nibs.length > 0
            ? t('tracker.subjects', { nik: maskNik(subjects.nik), nibs: subjects.nibs.map(maskNib).join(', ') })
            : t('tracker.subjects.nikOnly', { nik: maskNik(subjects.nik) })}
        </p>
      )}
      <p class="secondary">{t('tracker.withheld')}</p>

      {tracker.total === 0 ? (
        <p>{t('tracker.empty')}</p>
      ) : (
        <>
          <p>
            {t('tracker.count', { total: format.number(tracker.total) })}{' '}
            {tracker.pages > 1 ? t('tracker.pageOf', { page: format.number(tracker.page), pages: format.number(tracker.pages) }) : null}
          </p>
          <ol class="list" aria-label={t('tracker.title')}>
            {tracker.items.map((entry) => (
              <AccessItem key={entry.id} ctx={ctx} entry={entry} />
            ))}
          </ol>
          <Pagination ctx={ctx} currentPage={tracker.page} totalPages={tracker.pages} hrefFor={(page) => `/account/data-tracker?page=${page}`} />
        </>
      )}

      <h2>{t('tracker.export.title')}</h2>
      <p>{t('tracker.export.text')}</p>
      <ul class="list">
        <li>
          <a href="/account/data-tracker.csv" download>
            {t('tracker.export.csv')}
          </a>
        </li>
        <li>
          <a href="/account/data-tracker.json" download>
            {t('tracker.export.json')}
          </a>
        </li>
      </ul>
      <details class="details">
        <summary>{t('tracker.export.columns')}</summary>
        <dl class="summary-list">
          {TRACKER_COLUMNS.map((column) => (
            <div class="summary-list__row" key={column}>
              <dt class="summary-list__key">
                <code>{column}</code>
              </dt>
              <dd class="summary-list__value">{t(`tracker.column.${column}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
      <p>
        <a href="/account">{t('tracker.back')}</a>
      </p>
    </Layout>
  );
}
