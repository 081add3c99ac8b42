import { createHmac } from 'node:crypto';
import { type ChannelSender, DeliveryError, safeCode } from './notify.sender.ts';

export interface GatewaySenderOptions {
  url: string;
  /** LOKET_MESSAGE_GATEWAY_SECRET, base64-decoded: the HMAC key is the bytes, not the base64 text. */
  secret: Buffer;
  timeoutMs?: number;
}

/**
 * The signature the gateway checks: lowercase hex of HMAC-SHA256 over `<timestamp>.<body>`, where
 * timestamp is the `x-loket-timestamp` header (Unix seconds) and body the exact request body. A gateway
 * should refuse a timestamp more than five minutes old (replay) and use `id` to drop a repeated message.
 */
export function gatewaySignature(secret: Buffer, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

function networkReason(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'gateway timeout';
  // fetch() wraps socket errors in a TypeError whose cause carries the code (ECONNREFUSED, …).
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return `gateway ${safeCode(cause?.code) ?? 'network error'}`;
}

/**
 * SMS and WhatsApp through one HTTP gateway: POST JSON `{channel, to, text, id}`, signed (see
 * gatewaySignature). Any answer other than 2xx, a network error or no answer within the timeout is a
 * failed attempt, retried by the notifier.
 */
export function createGatewaySender({ url, secret, timeoutMs = 10_000 }: GatewaySenderOptions): ChannelSender {
  return {
    async send(message) {
      const body = JSON.stringify({ channel: message.channel, to: message.to, text: message.text, id: message.id });
      const timestamp = String(Math.floor(Date.now() / 1000));
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-loket-timestamp': timestamp, 'x-loket-signature': gatewaySignature(secret, timestamp, body) },
          body,
          // A redirect could carry the signed message somewhere else.
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(networkReason(error));
      }
      // Only the status matters; release the body rather than leave it pending on the socket.
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new DeliveryError(`gateway answered ${response.status}`);
    },
    async close() {},
  };
}
