import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';

export function SignInPage(props: { ctx: PageContext; identifier: string; next: string; errors: readonly FieldError[]; notice?: MessageKey | undefined }) {
  const { ctx, errors } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signIn.title')}>
      {props.notice ? (
        <NotificationBanner ctx={ctx}>
          <p>{t(props.notice)}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('signIn.title')}</h1>
      <form method="post" action="/sign-in" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="next" value={props.next} />
        <TextInput
          ctx={ctx}
          id="identifier"
          label={t('signIn.identifier.label')}
          hint={t('signIn.identifier.hint')}
          error={errors[0]?.message}
          value={props.identifier}
          autocomplete="username"
        />
        <TextInput ctx={ctx} id="password" type="password" label={t('signIn.password.label')} autocomplete="current-password" />
        <Button>{t('signIn.submit')}</Button>
      </form>
      <p>
        <a href="/register">{t('signIn.noAccount')}</a>
      </p>
    </Layout>
  );
}
