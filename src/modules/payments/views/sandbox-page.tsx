import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { BillView } from '../payments.service.ts';
import { BillStatusTag } from './payment-section.tsx';

export interface SandboxPageProps {
  ctx: PageContext;
  code: string;
  bill?: BillView | undefined;
  /** The problem with the code typed, shown on the field. */
  error?: string | undefined;
  /** The payment just went through. */
  paid?: boolean;
  /** Loket's answer when it refused the payment, in the page's language. */
  refusal?: string | undefined;
}

/** The development payment sandbox: find a bill by its code, then pay it as the provider would. */
export function SandboxPage({ ctx, code, bill, error, paid = false, refusal }: SandboxPageProps) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('payments.sandbox.title')}>
      {error ? <ErrorSummary ctx={ctx} errors={[{ field: 'code', message: error }]} /> : null}
      {paid ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('payments.sandbox.paid')}</p>
        </NotificationBanner>
      ) : null}
      {refusal ? (
        <NotificationBanner ctx={ctx}>
          <p>{t('payments.sandbox.refused', { reason: refusal })}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('payments.sandbox.title')}</h1>
      <p>{t('payments.sandbox.intro')}</p>
      <form method="get" action="/dev/payments" novalidate>
        <TextInput
          ctx={ctx}
          id="code"
          label={t('payments.sandbox.codeLabel')}
          hint={t('payments.sandbox.codeHint')}
          error={error}
          value={code}
          inputMode="numeric"
          autocomplete="off"
          width={10}
        />
        <Button variant={bill ? 'secondary' : 'primary'}>{t('payments.sandbox.find')}</Button>
      </form>
      {bill ? (
        <section class="card" aria-labelledby="bill-title">
          <h2 id="bill-title">{t('payments.sandbox.bill', { billingCode: bill.billingCode })}</h2>
          <SummaryList
            rows={[
              { key: t('payments.section.amount'), value: format.currency(bill.amount) },
              { key: t('payments.section.expiresAt'), value: format.dateTime(bill.expiresAt) },
              { key: t('payments.section.status'), value: <BillStatusTag ctx={ctx} status={bill.status} /> },
              ...(bill.paidAt ? [{ key: t('payments.section.paidAt'), value: format.dateTime(bill.paidAt) }] : []),
            ]}
          />
          {bill.status === 'unpaid' ? (
            <form method="post" action="/dev/payments">
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <input type="hidden" name="code" value={bill.billingCode} />
              <Button>{t('payments.sandbox.pay', { amount: format.currency(bill.amount) })}</Button>
            </form>
          ) : bill.status !== 'paid' ? (
            <p>{t('payments.sandbox.notPayable')}</p>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
