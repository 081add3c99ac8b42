import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { AppError } from '../../platform/http/errors.ts';
import { formatters } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { ApplicantContact } from '../applications/applicant-contact.ts';
import { generateBillingCode } from './billing-code.ts';
import { paymentErrors } from './payments.errors.ts';
import type { PaymentEvent } from './payments.schemas.ts';
import type { BillStatus } from './payments.tables.ts';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

/** A bill as the applicant and the sandbox see it. `status` is `expired` once an unpaid bill's time has run out. */
export interface BillView {
  id: string;
  applicationId: string;
  billingCode: string;
  /** Rupiah. */
  amount: number;
  status: BillStatus;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
}

export interface PaymentsDependencies {
  db: Database;
  notifier: Pick<Notifier, 'enqueue'>;
  audit: Pick<AuditLog, 'record'>;
  /** Where the applicant is told (applicant-contact.ts: createApplicantMessages(...).contactOf). */
  contactOf: (accountId: string | null, trx: Database) => Promise<ApplicantContact | undefined>;
  /** config.publicUrl, no trailing slash. */
  publicUrl: string;
  /** Shared with the payment provider; signs its webhooks. */
  webhookSecret: Buffer;
  /** The fee is paid: the workflow continues (WorkflowService.recordPayment), in the webhook's transaction. */
  onPaid: (trx: Database, applicationId: string, paidAt: Date) => Promise<void>;
  now?: () => Date;
  /** How long a billing code can be paid (default 48 hours). */
  billValidityMs?: number;
}

export interface WebhookOrigin {
  ip?: string | null;
  requestId?: string | null;
}

const DEFAULT_VALIDITY_MS = 48 * 60 * 60 * 1000;
const CODE_ATTEMPTS = 5;
/** A settlement time this far ahead of our clock is not believed. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;
/** Thrown inside the webhook transaction to roll it back, payment_event row included. */
class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** Application statuses after which nothing is due: no new billing code for them. */
const CLOSED: ReadonlySet<string> = new Set(['withdrawn', 'rejected', 'issued']);

const BILL_COLUMNS = ['id', 'applicationId', 'billingCode', 'amount', 'status', 'createdAt', 'expiresAt', 'paidAt'] as const;

/**
 * Fees (issue 5): a billing code per application of a service with a cost, confirmed by the payment
 * provider's signed webhook. Expiry is computed on read: an unpaid bill past its time shows as expired
 * and is refused, without a job to flip it; a new code (reissue) stores the old one as expired.
 */
export function createPaymentsService(deps: PaymentsDependencies) {
  const { db, notifier, audit, contactOf, publicUrl, webhookSecret, onPaid } = deps;
  const now = deps.now ?? (() => new Date());
  const validityMs = deps.billValidityMs ?? DEFAULT_VALIDITY_MS;

  function view(row: Omit<BillView, 'status'> & { status: BillStatus }, at = now()): BillView {
    const expired = row.status === 'unpaid' && row.expiresAt.getTime() <= at.getTime();
    return { ...row, status: expired ? 'expired' : row.status };
  }

  /** Inserts a bill with a fresh code; a code collision (one in 10^13) just draws again. */
  async function insertBill(trx: Database, input: { applicationId: string; agencyId: string; amount: number }) {
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + validityMs);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const row = await trx
        .insertInto('applicationBill')
        .values({ ...input, billingCode: generateBillingCode(), createdAt, expiresAt })
        .onConflict((conflict) => conflict.column('billingCode').doNothing())
        .returning(BILL_COLUMNS)
        .executeTakeFirst();
      if (row) return row;
    }
    throw new Error('no free billing code after several attempts');
  }

  async function announceBill(
    trx: Database,
    bill: { id: string; applicationId: string; billingCode: string; amount: number; expiresAt: Date },
    agencyId: string,
  ) {
    const application = await trx
      .selectFrom('application')
      .select(['trackingNumber', 'applicantAccountId'])
      .where('id', '=', bill.applicationId)
      .executeTakeFirstOrThrow();
    const contact = await contactOf(application.applicantAccountId, trx);
    if (contact) {
      await notifier.enqueue(
        {
          kind: 'application.payment_due',
          ...contact,
          params: {
            trackingNumber: application.trackingNumber,
            billingCode: bill.billingCode,
            amount: formatters(contact.locale).currency(bill.amount),
            expiresAt: bill.expiresAt.toISOString(),
            link: `${publicUrl}/applications/${application.trackingNumber}`,
          },
        },
        trx,
      );
    }
    await publishEvent(trx, {
      topic: 'payment.billed',
      aggregateId: bill.applicationId,
      agencyId,
      payload: { billId: bill.id, amount: bill.amount, expiresAt: bill.expiresAt.toISOString() },
    });
  }

  /** Serializes the bill changes of one application (reissue, webhook) until the transaction ends. */
  async function lockBills(trx: Database, applicationId: string) {
    await sql`select pg_advisory_xact_lock(hashtext(${`bill:${applicationId}`}))`.execute(trx);
  }

  /** The open bill (unpaid or paid) if any, else the newest: a late payment of an older code outranks the newer code it cancelled. */
  async function latestBill(applicationId: string, executor: Database = db) {
    return executor
      .selectFrom('applicationBill')
      .select(BILL_COLUMNS)
      .where('applicationId', '=', applicationId)
      .orderBy(sql`status in ('unpaid', 'paid')`, 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async function receive(event: PaymentEvent, origin: WebhookOrigin = {}): Promise<{ outcome: 'paid' | 'duplicate' }> {
    const paidAt = new Date(event.paidAt);
    const receivedAt = now();
    if (Number.isNaN(paidAt.getTime()) || paidAt.getTime() > receivedAt.getTime() + FUTURE_SKEW_MS) throw paymentErrors.malformedEvent();
    try {
      return await db.transaction().execute(async (trx) => {
        const fresh = await trx
          .insertInto('paymentEvent')
          .values({ providerEventId: event.eventId, kind: 'payment.paid', receivedAt })
          .onConflict((conflict) => conflict.column('providerEventId').doNothing())
          .returning('providerEventId')
          .executeTakeFirst();
        // The provider retries until it gets a 2xx: a repeat is acknowledged and changes nothing.
        if (!fresh) return { outcome: 'duplicate' as const };

        const found = await trx.selectFrom('applicationBill').select(['applicationId']).where('billingCode', '=', event.billingCode).executeTakeFirst();
        if (!found) throw new Refusal(paymentErrors.unknownBillingCode());
        // The same lock as reissue, taken before any bill row lock (reissue's order too): a payment of
        // the old bill and a new code for it are never decided at once.
        await lockBills(trx, found.applicationId);
        const bill = await trx
          .selectFrom('applicationBill')
          .select(['id', 'applicationId', 'agencyId', 'amount', 'status', 'expiresAt'])
          .where('billingCode', '=', event.billingCode)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (bill.amount !== event.amount) throw new Refusal(paymentErrors.amountMismatch());
        if (bill.status === 'paid') throw new Refusal(paymentErrors.alreadyPaid());
        // Settled at the bank before the code expired counts, even if the notification is late, and even
        // when a new code was issued meanwhile (the old bill was then stored as 'expired').
        if (bill.status === 'cancelled' || bill.expiresAt.getTime() < paidAt.getTime()) throw new Refusal(paymentErrors.notPayable());
        if (bill.status === 'expired') {
          const paidElsewhere = await trx
            .selectFrom('applicationBill')
            .select('id')
            .where('applicationId', '=', bill.applicationId)
            .where('status', '=', 'paid')
            .executeTakeFirst();
          // The fee was already paid with the newer code: this second payment is refused for the provider to refund.
          if (paidElsewhere) throw new Refusal(paymentErrors.alreadyPaid());
          // Cancelled first: application_bill_open_idx allows one unpaid-or-paid bill per application.
          await trx
            .updateTable('applicationBill')
            .set({ status: 'cancelled' })
            .where('applicationId', '=', bill.applicationId)
            .where('status', '=', 'unpaid')
            .execute();
        }

        await trx
          .updateTable('applicationBill')
          .set({ status: 'paid', paidAt, providerReference: event.providerReference })
          .where('id', '=', bill.id)
          .execute();
        await trx.updateTable('paymentEvent').set({ billId: bill.id }).where('providerEventId', '=', event.eventId).execute();
        await onPaid(trx, bill.applicationId, paidAt);
        await audit.record(
          {
            actor: { accountId: null, role: 'system', agencyId: bill.agencyId },
            action: 'payment.received',
            subject: { type: 'application', id: bill.applicationId },
            ip: origin.ip ?? null,
            requestId: origin.requestId ?? null,
            details: { billId: bill.id, amount: bill.amount, providerEventId: event.eventId, provider: 'webhook' },
          },
          trx,
        );
        await publishEvent(trx, {
          topic: 'payment.paid',
          aggregateId: bill.applicationId,
          agencyId: bill.agencyId,
          payload: { billId: bill.id, amount: bill.amount },
        });
        return { outcome: 'paid' as const };
      });
    } catch (error) {
      if (error instanceof Refusal) throw error.error;
      throw error;
    }
  }

  return {
    /** WorkflowHooks.billApplication: in the filing transaction. A second call for an application with an open bill does nothing. */
    async billApplication(trx: Database, input: { applicationId: string; agencyId: string; amount: number }): Promise<void> {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
        throw new Error(`bill amount must be a positive whole number of Rupiah (got ${input.amount})`);
      const open = await trx
        .selectFrom('applicationBill')
        .select('id')
        .where('applicationId', '=', input.applicationId)
        .where('status', 'in', ['unpaid', 'paid'])
        .executeTakeFirst();
      if (open) return;
      const bill = await insertBill(trx, input);
      await announceBill(trx, bill, input.agencyId);
    },

    /** The application's newest bill, for its page; undefined for a service without a cost. */
    async billFor(applicationId: string): Promise<BillView | undefined> {
      const row = await latestBill(applicationId);
      return row ? view(row) : undefined;
    },

    /** A bill by its code (the sandbox); undefined when there is none. */
    async findByCode(billingCode: string): Promise<BillView | undefined> {
      const row = await db.selectFrom('applicationBill').select(BILL_COLUMNS).where('billingCode', '=', billingCode).executeTakeFirst();
      return row ? view(row) : undefined;
    },

    /**
     * The applicant asks for a new code after theirs expired: the old bill is stored as expired and a
     * new one with the same amount is issued and announced. 404 for an application not theirs, 409 for
     * one already closed (withdrawn, rejected or issued).
     */
    async reissue(applicantAccountId: string, trackingNumber: string): Promise<BillView> {
      return db.transaction().execute(async (trx) => {
        const application = await trx
          .selectFrom('application')
          .select(['id', 'status', 'stepId'])
          .where('trackingNumber', '=', trackingNumber)
          .where('applicantAccountId', '=', applicantAccountId)
          .executeTakeFirst();
        if (!application) throw authErrors.notFound();
        if (application.stepId === null && CLOSED.has(application.status)) throw paymentErrors.applicationClosed();
        // Serializes two reissues of one application (a double click), and a reissue with a late webhook.
        await lockBills(trx, application.id);
        const latest = await trx
          .selectFrom('applicationBill')
          .select(['id', 'agencyId', 'amount', 'status', 'expiresAt'])
          .where('applicationId', '=', application.id)
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (latest?.status !== 'unpaid' || latest.expiresAt.getTime() > now().getTime()) throw paymentErrors.nothingToReissue();
        await trx.updateTable('applicationBill').set({ status: 'expired' }).where('id', '=', latest.id).where('status', '=', 'unpaid').execute();
        const bill = await insertBill(trx, { applicationId: application.id, agencyId: latest.agencyId, amount: latest.amount });
        await announceBill(trx, bill, latest.agencyId);
        return view(bill);
      });
    },

    /** Checks the signature over the exact bytes received; throws 401 problems. */
    verifySignature(rawBody: string, header: string | undefined): void {
      const check = verifyWebhookSignature(webhookSecret, header, rawBody, now());
      if (!check.ok) throw check.reason === 'stale' ? paymentErrors.signatureStale() : paymentErrors.signatureInvalid();
    },

    /** Processes a verified payment notification in one transaction; a refusal changes nothing. */
    receive,

    /** What the provider sends for `bill`: the sandbox plays the provider with it. */
    sandboxNotification(bill: Pick<BillView, 'billingCode' | 'amount'>): { rawBody: string; signature: string } {
      const at = now();
      const event: PaymentEvent = {
        eventId: `sandbox-${randomUUID()}`,
        billingCode: bill.billingCode,
        amount: bill.amount,
        paidAt: at.toISOString(),
        providerReference: `SANDBOX-${randomUUID().slice(0, 8).toUpperCase()}`,
      };
      const rawBody = JSON.stringify(event);
      return { rawBody, signature: signWebhook(webhookSecret, rawBody, at) };
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
