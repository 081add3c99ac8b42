import type { MessageKey } from '../i18n/index.ts';
import { Button } from './components/button.tsx';
import { ErrorSummary } from './components/error-summary.tsx';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';

export interface ErrorPageProps {
  ctx: PageContext;
  titleKey: MessageKey;
  detail: string;
  invalid?: readonly { name: string; reason: string }[] | undefined;
}

/** A friendly error page that keeps the header, the language switch and the request number. */
export function ErrorPage({ ctx, titleKey, detail, invalid }: ErrorPageProps) {
  const title = ctx.t(titleKey);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {invalid && invalid.length > 0 ? (
        <ErrorSummary
          ctx={ctx}
          errors={invalid.map((p) => ({ field: p.name, message: ctx.t('error.validation.field', { field: p.name, reason: p.reason }) }))}
        />
      ) : null}
      <p>{detail}</p>
      <h2>{ctx.t('error.whatNext')}</h2>
      <Button href="/" variant="secondary">
        {ctx.t('error.backHome')}
      </Button>
    </Layout>
  );
}
