import type { NotificationChannel } from './notify.tables.ts';

/** One message, rendered and decrypted, on its way out. Lives only in memory during the attempt. */
export interface OutgoingMessage {
  /** The notification id: gateways and mail servers can use it to drop a duplicate. */
  id: string;
  channel: NotificationChannel;
  to: string;
  subject: string | undefined;
  text: string;
}

export interface ChannelSender {
  /** Resolves once the server or gateway has accepted the message; throws DeliveryError otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}

/** The channels that are configured; a missing one goes to the development mailbox or fails (see the notifier). */
export type Channels = Partial<Record<NotificationChannel, ChannelSender>>;

/**
 * A failed attempt. `reason` is stored and logged, so it is built only from codes and numbers, never from
 * a server's free text, which can quote the recipient's address.
 */
export class DeliveryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

/** A short, personal-data-free description of any error thrown during an attempt. */
export function safeReason(error: unknown): string {
  if (error instanceof DeliveryError) return error.reason.slice(0, 200);
  return `unexpected ${error instanceof Error ? error.name : typeof error}`;
}

/** Only codes made of capitals, digits and underscores go into a reason; anything else is dropped. */
export function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z0-9_]{1,40}$/.test(value) ? value : undefined;
}

/** Closes every sender once (SMS and WhatsApp share the gateway). */
export async function closeChannels(channels: Channels): Promise<void> {
  await Promise.all([...new Set(Object.values(channels))].map((sender) => sender.close()));
}
