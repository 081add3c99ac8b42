import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the payments module, as Kysely sees them (camelCase). Keep in step with
// migrations/0014_workflow.sql.

export type BillStatus = 'unpaid' | 'paid' | 'expired' | 'cancelled';

export interface ApplicationBillTable {
  id: Generated<string>;
  applicationId: string;
  agencyId: string;
  billingCode: string;
  /** Rupiah. */
  amount: number;
  status: Generated<BillStatus>;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  paidAt: Timestamp | null;
  providerReference: string | null;
}

export interface PaymentEventTable {
  providerEventId: string;
  billId: string | null;
  kind: string;
  receivedAt: Timestamp;
}

export interface PaymentsTables {
  applicationBill: ApplicationBillTable;
  paymentEvent: PaymentEventTable;
}
