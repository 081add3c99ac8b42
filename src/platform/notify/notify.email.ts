import { createTransport } from 'nodemailer';
import { type ChannelSender, DeliveryError, safeCode } from './notify.sender.ts';

export interface SmtpSenderOptions {
  /** smtp://user:password@host:port or smtps://…; options in the query string (e.g. requireTLS) apply. */
  url: string;
  from: string;
  /** For connecting, the greeting and each wait on the socket. */
  timeoutMs?: number;
}

/**
 * Nodemailer's errors quote the server's reply, which often names the rejected address: keep only the
 * error code and the SMTP reply code, e.g. "smtp EENVELOPE 550" or "smtp ESOCKET ECONNREFUSED".
 */
function smtpReason(error: unknown): string {
  const { code, responseCode, originalCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown; originalCode?: unknown };
  const detail = typeof responseCode === 'number' ? String(responseCode) : safeCode(originalCode);
  return ['smtp', safeCode(code) ?? 'error', detail].filter(Boolean).join(' ');
}

/** E-mail over SMTP: plain text, through a small pool of connections that is reused across messages. */
export function createSmtpSender({ url, from, timeoutMs = 10_000 }: SmtpSenderOptions): ChannelSender {
  const transport = createTransport({
    url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Nodemailer's own logger would print addresses; messages never attach files or fetch URLs.
    logger: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          // Lets a support person match a delivered e-mail to its notification row.
          headers: { 'X-Loket-Notification': message.id },
        });
      } catch (error) {
        throw new DeliveryError(smtpReason(error));
      }
    },
    async close() {
      transport.close();
    },
  };
}
