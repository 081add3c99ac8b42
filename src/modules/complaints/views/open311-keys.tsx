import { Button } from '../../../platform/ui/components/button.tsx';
import { SectionNav } from '../../../platform/ui/components/section-nav.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ADMIN_NAV_ITEMS } from '../../../platform/ui/navigation.ts';
import type { Open311KeySummary } from '../open311-keys.service.ts';

export function Open311KeysPage({
  ctx,
  keys,
  error,
  created,
}: {
  ctx: PageContext;
  keys: readonly Open311KeySummary[];
  error?: string | undefined;
  created?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('open311.keys.title')} wide>
      <SectionNav ctx={ctx} label={t('layout.nav.admin')} items={ADMIN_NAV_ITEMS} />
      <h1>{t('open311.keys.title')}</h1>
      {created ? (
        <div class="panel" role="status">
          <p>{t('open311.keys.created')}</p>
          <p>
            <code>{created}</code>
          </p>
        </div>
      ) : null}
      <Table
        caption={t('open311.keys.list')}
        columns={[{ header: t('open311.keys.name') }, { header: t('open311.keys.prefix') }, { header: t('open311.keys.state') }, { header: '' }]}
        rows={keys.map((key) => [
          key.name,
          <code key={key.id}>{key.prefix}…</code>,
          key.revokedAt ? t('open311.keys.revoked') : t('open311.keys.active'),
          key.revokedAt ? (
            ''
          ) : (
            <form method="post" action={`/admin/open311-keys/${key.id}/revoke`} key={key.id}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <Button variant="secondary">{t('open311.keys.revoke')}</Button>
            </form>
          ),
        ])}
      />
      <form method="post" action="/admin/open311-keys" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextInput ctx={ctx} id="name" label={t('open311.keys.name')} error={error} />
        <Button>{t('open311.keys.create')}</Button>
      </form>
    </Layout>
  );
}
