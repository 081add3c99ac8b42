import { Button } from '../../../platform/ui/components/button.tsx';
import { SectionNav } from '../../../platform/ui/components/section-nav.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { Tag } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ADMIN_NAV_ITEMS } from '../../../platform/ui/navigation.ts';
import type { ExchangeClient } from '../exchange.clients.ts';
import type { DataProduct } from '../exchange.products.ts';

type Named = { id: string; en: string };

export interface AdminProduct {
  product: DataProduct;
  consumers: readonly Named[];
}

export function ExchangeAdminPage({
  ctx,
  products,
  clients,
}: {
  ctx: PageContext;
  products: readonly AdminProduct[];
  clients: readonly (ExchangeClient & { agency: { code: string; name: Named } })[];
}) {
  const { t } = ctx;
  const local = (text: Named) => (ctx.locale === 'en' ? text.en : text.id);
  return (
    <Layout ctx={ctx} title={t('exchange.admin.title')} wide>
      <SectionNav ctx={ctx} label={t('layout.nav.admin')} items={ADMIN_NAV_ITEMS} />
      <h1>{t('exchange.admin.title')}</h1>
      <p>{t('exchange.admin.intro')}</p>
      <h2>{t('exchange.admin.products')}</h2>
      {products.length === 0 ? (
        <p>{t('exchange.admin.noProducts')}</p>
      ) : (
        <Table
          caption={t('exchange.admin.products')}
          firstCellIsHeader
          columns={[
            { header: t('exchange.admin.product') },
            { header: t('exchange.admin.provider') },
            { header: t('exchange.admin.source') },
            { header: t('exchange.admin.purposes') },
            { header: t('exchange.admin.legalBasis') },
            { header: t('exchange.admin.consumers') },
          ]}
          rows={products.map(({ product, consumers }) => [
            <>
              {local(product.name)} <code>{product.code}</code>
            </>,
            local(product.provider.name),
            t(product.providerKind === 'http' ? 'exchange.admin.source.http' : 'exchange.admin.source.registry'),
            product.purposes.map((purpose) => local({ id: purpose.labelId, en: purpose.labelEn })).join(', '),
            product.legalBasis,
            consumers.map(local).join('; '),
          ])}
        />
      )}
      <h2>{t('exchange.admin.clients')}</h2>
      {clients.length === 0 ? (
        <p>{t('exchange.admin.noClients')}</p>
      ) : (
        <Table
          caption={t('exchange.admin.clients')}
          columns={[
            { header: t('exchange.admin.client') },
            { header: t('exchange.admin.agency') },
            { header: t('exchange.admin.products') },
            { header: t('exchange.admin.purposes') },
            { header: t('exchange.admin.algorithm') },
            { header: t('exchange.admin.state') },
            { header: '' },
          ]}
          rows={clients.map((client) => [
            <>
              {client.name}
              <br />
              <code>{client.id}</code>
            </>,
            local(client.agency.name),
            client.products.join(', '),
            client.purposes.join(', '),
            client.alg,
            client.revokedAt ? <Tag text={t('exchange.admin.revoked')} colour="grey" /> : <Tag text={t('exchange.admin.active')} colour="green" />,
            client.revokedAt ? (
              ''
            ) : (
              <form method="post" action={`/admin/exchange/clients/${client.id}/revoke`} key={client.id}>
                <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                <Button variant="secondary">{t('exchange.admin.revoke')}</Button>
              </form>
            ),
          ])}
        />
      )}
    </Layout>
  );
}
