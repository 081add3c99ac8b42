import { Button } from '../../../platform/ui/components/button.tsx';
import { SummaryList, type SummaryListRow } from '../../../platform/ui/components/summary-list.tsx';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { BillView } from '../payments.service.ts';
import type { BillStatus } from '../payments.tables.ts';

const STATUS_COLOUR: Record<BillStatus, TagColour> = { unpaid: 'yellow', paid: 'green', expired: 'red', cancelled: 'grey' };

export function BillStatusTag({ ctx, status }: { ctx: PageContext; status: BillStatus }) {
  return <Tag text={ctx.t(`payments.status.${status}`)} colour={STATUS_COLOUR[status]} />;
}

export interface PaymentSectionProps {
  ctx: PageContext;
  /** payments.billFor(application.id); render nothing when it is undefined (a service without a cost). */
  bill: BillView;
  /** The application's tracking number: the "new billing code" form posts to its page. */
  trackingNumber: string;
  /** config.paymentSandbox: links the bill to the development payment sandbox. */
  sandbox?: boolean;
}

/**
 * The fee on the applicant's application page: what to pay, with which code, until when, and whether
 * it arrived. An expired code can be replaced by the applicant (a POST form: it changes state).
 */
export function PaymentSection({ ctx, bill, trackingNumber, sandbox = false }: PaymentSectionProps) {
  const { t, format } = ctx;
  const rows: SummaryListRow[] = [
    { key: t('payments.section.amount'), value: format.currency(bill.amount) },
    { key: t('payments.section.code'), value: <span class="billing-code">{bill.billingCode}</span> },
    bill.status === 'paid' && bill.paidAt
      ? { key: t('payments.section.paidAt'), value: format.dateTime(bill.paidAt) }
      : { key: t('payments.section.expiresAt'), value: format.dateTime(bill.expiresAt) },
    { key: t('payments.section.status'), value: <BillStatusTag ctx={ctx} status={bill.status} /> },
  ];
  return (
    <section class="card" aria-labelledby="payment-title" id="payment">
      <h2 id="payment-title">{t('payments.section.title')}</h2>
      <SummaryList rows={rows} />
      {bill.status === 'unpaid' ? <p>{t('payments.section.howToPay', { expiresAt: format.dateTime(bill.expiresAt) })}</p> : null}
      {bill.status === 'paid' ? <p>{t('payments.section.paid')}</p> : null}
      {bill.status === 'cancelled' ? <p>{t('payments.section.cancelled')}</p> : null}
      {bill.status === 'expired' ? (
        <form method="post" action={`/applications/${encodeURIComponent(trackingNumber)}/payment/new-code`}>
          <p>{t('payments.section.expired')}</p>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <Button variant="secondary">{t('payments.section.reissue')}</Button>
        </form>
      ) : null}
      {sandbox && bill.status === 'unpaid' ? (
        <p>
          <a href={`/dev/payments?code=${bill.billingCode}`}>{t('payments.section.sandbox')}</a>
        </p>
      ) : null}
    </section>
  );
}
