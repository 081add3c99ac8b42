import { createHmac, timingSafeEqual } from 'node:crypto';

// The provider signs each webhook the way Stripe does: `X-Loket-Signature: t=<unix seconds>,v1=<hex>`,
// where v1 is HMAC-SHA256 over "<t>.<raw body>". The timestamp inside the signed text makes an old
// request useless to replay after the tolerance window; payment_event ids stop replays inside it.

export const SIGNATURE_HEADER = 'x-loket-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

function mac(secret: Buffer, timestamp: number, rawBody: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest();
}

/** The header value the provider (or the sandbox) sends with `rawBody`. */
export function signWebhook(secret: Buffer, rawBody: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody).toString('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks a signature header against the exact bytes received; several v1 values are allowed (secret rotation). */
export function verifyWebhookSignature(secret: Buffer, header: string | undefined, rawBody: string, now: Date): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  if (header.length > 1000) return { ok: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = mac(secret, timestamp, rawBody);
  // Compare against every candidate so the time taken says nothing about which one matched.
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}
