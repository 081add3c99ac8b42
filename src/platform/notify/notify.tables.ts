import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../db/column-types.ts';

// Tables owned by the notify module, as Kysely sees them (camelCase). Keep in step with migrations/.

export type NotificationChannel = 'email' | 'sms' | 'whatsapp';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface NotificationTable {
  id: string;
  kind: string;
  channel: NotificationChannel;
  /** Ciphertext (envelope encryption under dataKeyId), never the address itself. */
  recipient: string;
  dataKeyId: string;
  locale: 'id' | 'en';
  params: Json<Record<string, string>>;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Timestamp;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
}

export interface NotifyTables {
  notification: NotificationTable;
}
