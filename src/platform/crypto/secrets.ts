import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';

export interface Secrets {
  masterKey: Buffer;
  previousMasterKeys: Buffer[];
  blindIndexKey: Buffer;
  /** Ed25519 private key, PKCS#8 DER. */
  signingKey: Buffer;
  cookieSecret: Buffer;
}

type SecretName = Exclude<keyof Config['secrets'], 'previousMasterKeys'>;

const FILES: Record<SecretName, string> = {
  masterKey: 'master.key',
  blindIndexKey: 'blind-index.key',
  signingKey: 'signing.key',
  cookieSecret: 'cookie.key',
};

function generate(name: SecretName): Buffer {
  if (name === 'signingKey') {
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });
  }
  return randomBytes(32);
}

/**
 * Secrets come from the environment. Outside production a missing one is generated once into
 * dataDir/secrets (mode 0600) so that a development start needs no set-up; under NODE_ENV=test
 * they live only in memory. Production never reaches the generating branch: loadConfig requires them.
 */
export async function resolveSecrets(config: Config, warn: (message: string) => void): Promise<Secrets> {
  const dir = path.join(config.dataDir, 'secrets');
  const resolved: Partial<Secrets> = { previousMasterKeys: config.secrets.previousMasterKeys.map((key) => Buffer.from(key, 'base64')) };
  for (const name of Object.keys(FILES) as SecretName[]) {
    const fromEnv = config.secrets[name];
    if (fromEnv !== undefined) {
      resolved[name] = Buffer.from(fromEnv, 'base64');
      continue;
    }
    if (config.env === 'production') throw new Error(`secret ${name} missing in production`);
    if (config.env === 'test') {
      resolved[name] = generate(name);
      continue;
    }
    const file = path.join(dir, FILES[name]);
    try {
      resolved[name] = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    } catch {
      // Only the secrets folder is private: the embedded database's user must still traverse dataDir.
      await mkdir(config.dataDir, { recursive: true });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const value = generate(name);
      await writeFile(file, `${value.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      resolved[name] = value;
      warn(`Generated a development secret in ${file}. Set it from the environment in production.`);
    }
  }
  return resolved as Secrets;
}
