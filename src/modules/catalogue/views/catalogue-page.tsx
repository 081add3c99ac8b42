import { Button } from '../../../platform/ui/components/button.tsx';
import { Checkboxes } from '../../../platform/ui/components/checkboxes.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { CatalogueResults } from '../catalogue.service.ts';
import { APPLICANT_TYPES, LIFE_EVENTS } from '../catalogue.vocabulary.ts';
import { costText, localName, timeLimitText } from './format.ts';

export interface CataloguePageProps {
  ctx: PageContext;
  results: CatalogueResults;
  agencies: readonly { code: string; nameId: string; nameEn: string }[];
}

/** The query string of the catalogue with these search and filter values (for links that keep them). */
export function catalogueHref(results: CatalogueResults, page = 1): string {
  const params = new URLSearchParams();
  if (results.q) params.set('q', results.q);
  if (results.filters.agency) params.set('agency', results.filters.agency);
  for (const event of results.filters.lifeEvents) params.append('lifeEvent', event);
  if (results.filters.applicantType) params.set('applicantType', results.filters.applicantType);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/services?${query}` : '/services';
}

function Filters({ ctx, results, agencies }: CataloguePageProps) {
  const { t } = ctx;
  const { filters } = results;
  return (
    <aside class="sidebar" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('catalogue.filters.title')}</h2>
      <form method="get" action="/services">
        {results.q ? <input type="hidden" name="q" value={results.q} /> : null}
        <Field ctx={ctx} id="agency" label={t('catalogue.filters.agency')}>
          <select class="select" id="agency" name="agency">
            <option value="">{t('catalogue.filters.allAgencies')}</option>
            {agencies.map((agency) => (
              <option key={agency.code} value={agency.code} selected={agency.code === filters.agency}>
                {localName(ctx, agency)}
              </option>
            ))}
          </select>
        </Field>
        {/* Twelve choices would push the results far down a phone's screen: folded until used. */}
        <details class="details" open={filters.lifeEvents.length > 0}>
          <summary>{t('catalogue.filters.lifeEventToggle')}</summary>
          <Checkboxes
            ctx={ctx}
            id="lifeEvent"
            legend={t('catalogue.filters.lifeEvent')}
            values={filters.lifeEvents}
            items={LIFE_EVENTS.map((event) => ({ value: event, label: t(`catalogue.lifeEvent.${event}`) }))}
          />
        </details>
        <Radios
          ctx={ctx}
          id="applicantType"
          legend={t('catalogue.filters.applicantType')}
          value={filters.applicantType ?? ''}
          items={[
            { value: '', label: t('catalogue.filters.anyApplicant') },
            ...APPLICANT_TYPES.map((type) => ({ value: type, label: t(`catalogue.applicantType.${type}`) })),
          ]}
        />
        <Button variant="secondary">{t('catalogue.filters.apply')}</Button>
      </form>
      {filters.agency || filters.lifeEvents.length > 0 || filters.applicantType ? (
        <p>
          <a href={results.q ? `/services?q=${encodeURIComponent(results.q)}` : '/services'}>{t('catalogue.filters.clear')}</a>
        </p>
      ) : null}
    </aside>
  );
}

function Results({ ctx, results }: { ctx: PageContext; results: CatalogueResults }) {
  const { t } = ctx;
  if (results.items.length === 0) {
    return (
      <>
        <h2>{t('catalogue.results.none')}</h2>
        <p>{results.q ? t('catalogue.results.noneFor', { q: results.q }) : t('catalogue.results.noneFiltered')}</p>
      </>
    );
  }
  return (
    <>
      <h2>{t('catalogue.results.count', { count: results.total })}</h2>
      <ul class="service-list">
        {results.items.map((item) => (
          <li key={item.code}>
            <h3>
              <a href={`/services/${encodeURIComponent(item.code)}`}>{localName(ctx, item)}</a>
            </h3>
            <p class="secondary">{localName(ctx, { nameId: item.agencyNameId, nameEn: item.agencyNameEn })}</p>
            <p>{ctx.locale === 'id' ? item.summaryId : item.summaryEn}</p>
            <dl class="service-list__facts">
              <dt>{t('catalogue.results.timeLimit')}</dt>
              <dd>{timeLimitText(ctx, item.timeLimitWorkingDays)}</dd>
              <dt>{t('catalogue.results.cost')}</dt>
              <dd>{costText(ctx, item.costKind, item.costAmount)}</dd>
              <dt>{t('catalogue.results.channels')}</dt>
              <dd>{item.channels.map((channel) => t(`catalogue.channel.${channel}`)).join(', ')}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <Pagination ctx={ctx} currentPage={results.page} totalPages={results.pageCount} hrefFor={(page) => catalogueHref(results, page)} />
    </>
  );
}

/** The catalogue: a search box, filters in a side panel (a GET form, no JavaScript needed), and the results. */
export function CataloguePage(props: CataloguePageProps) {
  const { ctx, results } = props;
  const { t } = ctx;
  const title = results.q ? t('catalogue.search.titleFor', { q: results.q }) : t('catalogue.search.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{t('catalogue.search.title')}</h1>
      <search>
        <form action="/services" method="get" class="form-group">
          <label class="label" for="q">
            {t('home.search.label')}
          </label>
          <p class="hint" id="q-hint">
            {t('home.search.hint')}
          </p>
          <div class="search">
            <input class="input" id="q" name="q" type="search" value={results.q} maxLength={200} aria-describedby="q-hint" />
            {results.filters.agency ? <input type="hidden" name="agency" value={results.filters.agency} /> : null}
            {results.filters.lifeEvents.map((event) => (
              <input key={event} type="hidden" name="lifeEvent" value={event} />
            ))}
            {results.filters.applicantType ? <input type="hidden" name="applicantType" value={results.filters.applicantType} /> : null}
            <button class="button" type="submit">
              {t('home.search.button')}
            </button>
          </div>
        </form>
      </search>
      <div class="with-sidebar">
        <Filters {...props} />
        <div class="with-sidebar__main">
          <Results ctx={ctx} results={results} />
        </div>
      </div>
    </Layout>
  );
}
