import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';

export interface Enrolment {
  secret: string;
  /** The otpauth URI as an image (data: URL of an SVG QR code). */
  qrDataUrl: string;
}

export function TotpPage({ ctx, enrolment, errors }: { ctx: PageContext; enrolment: Enrolment | undefined; errors: readonly FieldError[] }) {
  const { t } = ctx;
  const title = enrolment ? t('totp.enrol.title') : t('totp.title');
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p>{t('totp.lead')}</p>
      {enrolment ? (
        <>
          <p>{t('totp.enrol.lead')}</p>
          <p>
            <img src={enrolment.qrDataUrl} alt={t('totp.enrol.qrAlt')} width={200} height={200} />
          </p>
          <p>
            {t('totp.enrol.secret')} <span class="secret">{enrolment.secret}</span>
          </p>
        </>
      ) : null}
      <form method="post" action="/sign-in/totp" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextInput
          ctx={ctx}
          id="code"
          label={t('totp.code.label')}
          {...(enrolment ? {} : { hint: t('totp.code.hint') })}
          error={errors[0]?.message}
          inputMode={enrolment ? 'numeric' : 'text'}
          autocomplete="one-time-code"
          width={10}
        />
        <Button>{t('totp.submit')}</Button>
      </form>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes }: { ctx: PageContext; codes: readonly string[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('totp.recovery.title')}>
      <h1>{t('totp.recovery.title')}</h1>
      <p>{t('totp.recovery.lead')}</p>
      <ul class="code-list">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button href="/account">{t('totp.recovery.continue')}</Button>
    </Layout>
  );
}
