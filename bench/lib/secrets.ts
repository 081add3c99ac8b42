import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** Fresh production secrets for one bench run (see README: Configuration). */
export function generateSecrets(): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    LOKET_MASTER_KEY: key(),
    LOKET_BLIND_INDEX_KEY: key(),
    LOKET_COOKIE_SECRET: key(),
    LOKET_PAYMENT_WEBHOOK_SECRET: key(),
    LOKET_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}
