import { MIN_PUBLISHED_COUNT } from '../../../platform/statistics/small-counts.ts';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { datasetUrls } from '../opendata.dcat.ts';
import { LICENSE_URL } from '../opendata.formats.ts';
import { type Bilingual, type Column, type Dataset, isNullable } from '../opendata.registry.ts';

const local = (ctx: PageContext, text: Bilingual) => (ctx.locale === 'id' ? text.id : text.en);

function ColumnsTable({ ctx, dataset }: { ctx: PageContext; dataset: Dataset }) {
  const { t } = ctx;
  const describe = (column: Column) =>
    column.personCount ? `${local(ctx, column.description)} ${t('opendata.columns.suppressed', { min: MIN_PUBLISHED_COUNT })}` : local(ctx, column.description);
  return (
    <Table
      caption={t('opendata.columns.caption', { dataset: local(ctx, dataset.title) })}
      firstCellIsHeader
      columns={[
        { header: t('opendata.columns.name') },
        { header: t('opendata.columns.type') },
        { header: t('opendata.columns.description') },
        { header: t('opendata.columns.unit') },
        { header: t('opendata.columns.reference') },
        { header: t('opendata.columns.nullable') },
      ]}
      rows={dataset.columns.map((column) => [
        <code key="name">{column.name}</code>,
        t(`opendata.type.${column.type}`),
        column.enum ? (
          <>
            {describe(column)} <code>{column.enum.join(', ')}</code>
          </>
        ) : (
          describe(column)
        ),
        column.unit ?? '',
        column.referenceCode ? <a href={column.referenceCode.url}>{column.referenceCode.name}</a> : '',
        isNullable(column) ? t('opendata.columns.yes') : t('opendata.columns.no'),
      ])}
    />
  );
}

function DatasetSection({ ctx, dataset }: { ctx: PageContext; dataset: Dataset }) {
  const { t } = ctx;
  const urls = datasetUrls('', dataset.id);
  const title = local(ctx, dataset.title);
  return (
    <section id={dataset.id} aria-labelledby={`${dataset.id}-heading`}>
      <h2 id={`${dataset.id}-heading`}>{title}</h2>
      <p>{local(ctx, dataset.description)}</p>
      <h3>{t('opendata.download')}</h3>
      <ul class="list">
        <li>
          <a href={urls.csv} download>
            {t('opendata.download.csv')}
            <span class="visually-hidden"> {title}</span>
          </a>{' '}
          <code>{urls.csv}</code>
        </li>
        <li>
          <a href={urls.json} download>
            {t('opendata.download.json')}
            <span class="visually-hidden"> {title}</span>
          </a>{' '}
          <code>{urls.json}</code>
        </li>
        <li>
          <a href={urls.schema}>
            {t('opendata.download.schema')}
            <span class="visually-hidden"> {title}</span>
          </a>
        </li>
      </ul>
      <SummaryList
        rows={[
          { key: t('opendata.meta.publisher'), value: local(ctx, dataset.publisher) },
          { key: t('opendata.meta.licence'), value: <a href={LICENSE_URL}>CC BY 4.0</a> },
          { key: t('opendata.meta.frequency'), value: t(`opendata.frequency.${dataset.updateFrequency}`) },
          { key: t('opendata.meta.coverage'), value: local(ctx, dataset.temporalCoverage) },
          { key: t('opendata.meta.keywords'), value: dataset.keywords.map((keyword) => local(ctx, keyword)).join(', ') },
        ]}
      />
      <ColumnsTable ctx={ctx} dataset={dataset} />
    </section>
  );
}

/** /data: every dataset with its files, metadata and documented columns; plain links, no JavaScript. */
export function DataIndexPage({ ctx, datasets }: { ctx: PageContext; datasets: readonly Dataset[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('opendata.title')} wide>
      <h1>{t('opendata.title')}</h1>
      <p>{t('opendata.intro')}</p>
      <p>{t('opendata.privacy', { min: MIN_PUBLISHED_COUNT })}</p>
      <p>
        <a href="/data/catalog.jsonld">{t('opendata.catalogLink')}</a>
      </p>
      <p class="secondary">{t('opendata.csvNote')}</p>
      {datasets.length === 0 ? <p>{t('opendata.empty')}</p> : null}
      {datasets.map((dataset) => (
        <DatasetSection key={dataset.id} ctx={ctx} dataset={dataset} />
      ))}
    </Layout>
  );
}
