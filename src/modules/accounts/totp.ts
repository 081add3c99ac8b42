import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

// RFC 6238 with the parameters every authenticator app supports: HMAC-SHA-1, 6 digits, 30 seconds.
const PERIOD_SECONDS = 30;
// One step either side absorbs a phone clock that is a little off and the time it takes to type.
const WINDOW_STEPS = 1;

export type TotpResult = { ok: true; timeStep: number } | { ok: false };

/** A new 160-bit TOTP secret, Base32-encoded as authenticator apps expect. */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/**
 * The `otpauth://` URI an authenticator app reads from a QR code. SHA-1, 6 digits and 30 seconds are
 * the Key URI format's defaults, so the URI leaves them out (some older apps ignore them anyway).
 */
export function totpUri({ secret, accountName, issuer = 'Loket' }: { secret: string; accountName: string; issuer?: string }): string {
  return generateURI({ secret, label: accountName, issuer });
}

/**
 * Checks a 6-digit code against the current time step and one step either side. On success it
 * returns the RFC 6238 time step that matched: the caller stores it and refuses any later code whose
 * step is not greater, so that an intercepted code cannot be replayed within its window.
 * Throws when the secret is not Base32 of at least 16 bytes: a stored secret is then corrupt.
 */
export function verifyTotp(secret: string, code: string, now: Date = new Date()): TotpResult {
  // Authenticator apps show the code as "123 456"; people copy the space.
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false };
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    period: PERIOD_SECONDS,
    epochTolerance: WINDOW_STEPS * PERIOD_SECONDS,
  });
  return result.valid && 'timeStep' in result ? { ok: true, timeStep: result.timeStep } : { ok: false };
}

/** The code an authenticator app shows now; for the demo accounts' helper command and for tests. */
export function currentTotp(secret: string, now: Date = new Date()): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000), period: PERIOD_SECONDS });
}
