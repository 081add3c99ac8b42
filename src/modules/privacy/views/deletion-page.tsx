import { Button } from '../../../platform/ui/components/button.tsx';
import { Checkboxes } from '../../../platform/ui/components/checkboxes.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { RefusalReason } from '../privacy.tables.ts';

/**
 * The deletion request: what would happen, and whether a retention rule or hold stands in the way
 * (the reasons shown before asking, so nobody is surprised by a refusal).
 */
export function DeletionPage({ ctx, reasons, errors }: { ctx: PageContext; reasons: readonly RefusalReason[]; errors: readonly FieldError[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.deletion.title')}>
      <p>
        <a href="/account/privacy">{t('privacy.detail.back')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('privacy.deletion.title')}</h1>
      <p>{t('privacy.deletion.lead')}</p>
      {reasons.length > 0 ? (
        <div class="warning-text">
          <p>
            <strong>{t('privacy.deletion.blocked')}</strong>
          </p>
          <ul>
            {reasons.map((reason) => (
              <li key={reason}>{t(`privacy.refusal.${reason}`)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          <strong>{t('privacy.deletion.allowed')}</strong>
        </p>
      )}
      <form method="post" action="/account/privacy/deletion" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Checkboxes
          ctx={ctx}
          id="confirm"
          legend={t('privacy.deletion.title')}
          error={errors.find((error) => error.field === 'confirm')?.message}
          items={[{ value: 'yes', label: t('privacy.deletion.confirm') }]}
        />
        <Button variant={reasons.length > 0 ? 'secondary' : 'warning'}>
          {t(reasons.length > 0 ? 'privacy.deletion.submitAnyway' : 'privacy.deletion.submit')}
        </Button>
      </form>
    </Layout>
  );
}

/** After a deletion carried out: the person is signed out, so the page says what happened and the number. */
export function DeletedPage({ ctx, reference }: { ctx: PageContext; reference: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.deletion.done.title')}>
      <h1>{t('privacy.deletion.done.title')}</h1>
      <p>{t('privacy.deletion.done.text', { reference })}</p>
    </Layout>
  );
}
