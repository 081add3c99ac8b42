import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';

export function VerifyPage({ ctx, channel, errors, resent }: { ctx: PageContext; channel: 'email' | 'sms'; errors: readonly FieldError[]; resent: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('verify.title')}>
      {resent ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('verify.resent')}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('verify.title')}</h1>
      <p>{t(channel === 'email' ? 'verify.lead.email' : 'verify.lead.sms')}</p>
      <form method="post" action="/register/verify" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextInput
          ctx={ctx}
          id="code"
          label={t('verify.code.label')}
          error={errorFor(errors, 'code')}
          inputMode="numeric"
          autocomplete="one-time-code"
          width={10}
        />
        <Button>{t('verify.submit')}</Button>
      </form>
      <form method="post" action="/register/verify/resend">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Button variant="secondary">{t('verify.resend')}</Button>
      </form>
    </Layout>
  );
}
