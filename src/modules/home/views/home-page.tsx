import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { AgencySummary } from '../../catalogue/catalogue.repository.ts';

export function HomePage({ ctx, agencies }: { ctx: PageContext; agencies: readonly AgencySummary[] }) {
  const { t } = ctx;
  const audiences = [
    // Each entry links to its part of Loket once that part exists.
    { key: 'citizens', title: t('home.for.citizens.title'), text: t('home.for.citizens.text') },
    { key: 'businesses', title: t('home.for.businesses.title'), text: t('home.for.businesses.text') },
    { key: 'officers', title: t('home.for.officers.title'), text: t('home.for.officers.text') },
    { key: 'public', title: t('home.for.public.title'), text: t('home.for.public.text') },
  ];
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <search>
        <form action="/services" method="get" class="form-group">
          <label class="label" for="q">
            {t('home.search.label')}
          </label>
          <p class="hint" id="q-hint">
            {t('home.search.hint')}
          </p>
          <div class="search">
            <input class="input" id="q" name="q" type="search" aria-describedby="q-hint" />
            <button class="button" type="submit">
              {t('home.search.button')}
            </button>
          </div>
        </form>
      </search>
      <h2>{t('home.for.heading')}</h2>
      <div class="card-grid">
        {audiences.map((audience) => (
          <section class="card" key={audience.key}>
            <h3>{audience.title}</h3>
            <p>{audience.text}</p>
          </section>
        ))}
      </div>
      <h2>{t('home.agencies.heading')}</h2>
      {agencies.length === 0 ? (
        <p>{t('home.agencies.empty')}</p>
      ) : (
        <Table
          caption={t('home.agencies.caption')}
          firstCellIsHeader
          columns={[{ header: t('home.agencies.colAgency') }, { header: t('home.agencies.colLevel') }, { header: t('home.agencies.colUnits'), numeric: true }]}
          rows={agencies.map((agency) => [
            ctx.locale === 'id' ? agency.nameId : agency.nameEn,
            agency.regionName ? `${t(`agency.level.${agency.level}`)} · ${agency.regionName}` : t(`agency.level.${agency.level}`),
            ctx.format.number(agency.unitCount),
          ])}
        />
      )}
    </Layout>
  );
}
