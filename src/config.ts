import path from 'node:path';

export type Environment = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Secrets are base64 strings; undefined means "generate for development". */
export interface SecretsConfig {
  masterKey: string | undefined;
  /** Earlier master keys (base64, comma-separated in the environment), readable until `loket keys rotate`. */
  previousMasterKeys: readonly string[];
  blindIndexKey: string | undefined;
  signingKey: string | undefined;
  cookieSecret: string | undefined;
}

export interface Config {
  env: Environment;
  port: number;
  host: string;
  publicUrl: string;
  /** Unset: Loket starts its own embedded PostgreSQL under dataDir/pg. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Encrypted uploaded files (blob store); default dataDir/files. */
  filesDir: string;
  /** Absolute ceiling for one uploaded file; a form field's own limit is usually lower. */
  uploadMaxBytes: number;
  embeddedPgPort: number;
  dbPoolSize: number;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
  jobsEnabled: boolean;
  seedDemo: boolean;
  trustProxy: boolean;
  /** smtp:// or smtps:// URL; unset: e-mail is kept in the development mailbox only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** HTTP gateway for SMS and WhatsApp; unset: those messages stay in the development mailbox. */
  messageGatewayUrl: string | undefined;
  messageGatewaySecret: string | undefined;
  /** The development mailbox page; never in production. */
  devMailbox: boolean;
  /** Base64; verifies the payment provider's webhooks. Unset outside production: a random one per process. */
  paymentWebhookSecret: string | undefined;
  /** The development payment sandbox page; never in production. */
  paymentSandbox: boolean;
  /**
   * Map tiles for the complaint location picker and the public map, when JavaScript runs; undefined:
   * no map (typing an address, choosing the region or typing the coordinates always work).
   */
  mapTiles: MapTiles | undefined;
  /** Weight of each SKM element in the satisfaction index: exactly 1/9 unless a local rule rounds it. */
  skmWeight: number;
  secrets: SecretsConfig;
}

export interface MapTiles {
  /** URL template with {z}, {x} and {y}. */
  url: string;
  /** The tile server's origin, allowed as an image source by the content security policy. */
  origin: string;
  attribution: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every variable Loket reads, with its meaning; the README table is checked against this list. */
export const CONFIG_VARIABLES = {
  NODE_ENV: 'development (default), production or test',
  PORT: 'HTTP port (default 3000)',
  HOST: 'address to listen on (default 127.0.0.1 in development, 0.0.0.0 in production)',
  DATABASE_URL: 'PostgreSQL 15+ connection URL; unset starts an embedded PostgreSQL under LOKET_DATA_DIR/pg',
  LOKET_DATA_DIR: 'folder for the embedded database, generated development secrets and files (default ./data)',
  LOKET_PUBLIC_URL: 'address the public reaches Loket at, used in links and QR codes (default http://localhost:PORT)',
  LOKET_FILES_DIR: 'folder of the encrypted uploaded files (default LOKET_DATA_DIR/files)',
  LOKET_UPLOAD_MAX_BYTES: 'largest uploaded file in bytes, whatever a form allows (default 10485760)',
  LOKET_EMBEDDED_PG_PORT: 'port of the embedded PostgreSQL (default 0: a free port chosen at start)',
  LOKET_DB_POOL_SIZE: 'database connections per process (default 10)',
  LOKET_LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent',
  LOKET_BODY_LIMIT: 'largest request body in bytes (default 1048576)',
  LOKET_RATE_LIMIT_MAX: 'requests per client per window (default 300)',
  LOKET_RATE_LIMIT_WINDOW: 'rate-limit window in seconds (default 60)',
  LOKET_JOBS: 'run background jobs in this process: true (default) or false',
  LOKET_SEED_DEMO: 'seed demo data on the first start of the embedded database: true (default outside production) or false',
  LOKET_TRUST_PROXY: 'trust X-Forwarded-* headers from a reverse proxy: true or false (default)',
  LOKET_SMTP_URL: 'SMTP server for e-mail, smtp://user:password@host:port or smtps://… (unset: e-mail goes to the development mailbox only)',
  LOKET_MAIL_FROM: 'sender of e-mail (default "Loket <no-reply@localhost>")',
  LOKET_MESSAGE_GATEWAY_URL: 'HTTP gateway that sends SMS and WhatsApp messages (unset: they go to the development mailbox only)',
  LOKET_MESSAGE_GATEWAY_SECRET: 'shared secret that signs requests to the message gateway (HMAC-SHA256)',
  LOKET_DEV_MAILBOX: 'show every sent message at /dev/mailbox: true (default outside production) or false; never in production',
  LOKET_PAYMENT_WEBHOOK_SECRET: 'base64 of 32 or more random bytes shared with the payment provider: verifies its signed webhooks (required in production)',
  LOKET_PAYMENT_SANDBOX:
    'offer the payment sandbox at /dev/payments, which pays bills without money: true (default outside production) or false; never in production',
  LOKET_MAP_TILES:
    'map tile URL template with {z}, {x} and {y} for the location picker and the public map (default https://tile.openstreetmap.org/{z}/{x}/{y}.png, not in tests; a national deployment should run its own tile server); off: no map',
  LOKET_MAP_ATTRIBUTION: 'credit for the map tiles shown on every map (default "© OpenStreetMap contributors")',
  LOKET_SKM_WEIGHT:
    'weight of each of the nine elements in the satisfaction index (SKM): 1/9 (default, exact, as PermenPANRB 14/2017 sets it) or a decimal such as 0.111 where a local rule rounds it',
  LOKET_MASTER_KEY: 'base64 of 32 random bytes: wraps the data keys that encrypt personal data (required in production)',
  LOKET_MASTER_KEY_PREVIOUS: 'earlier master keys, base64, comma-separated: still read until `loket keys rotate` has re-wrapped every data key',
  LOKET_BLIND_INDEX_KEY: 'base64 of 32 random bytes: keys the blind indexes for lookups by NIK, e-mail and phone (required in production)',
  LOKET_SIGNING_KEY: 'base64 of an Ed25519 private key (PKCS#8 DER): signs issued documents (required in production)',
  LOKET_COOKIE_SECRET: 'base64 of 32 or more random bytes: signs cookies and CSRF secrets (required in production)',
} as const;

function parseInteger(env: Env, name: keyof typeof CONFIG_VARIABLES, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

function parseBoolean(env: Env, name: keyof typeof CONFIG_VARIABLES, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function parseChoice<T extends string>(env: Env, name: keyof typeof CONFIG_VARIABLES, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${choices.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function parseUrl(env: Env, name: keyof typeof CONFIG_VARIABLES, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may hold a password: never echo it.
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function parseSecret(env: Env, name: keyof typeof CONFIG_VARIABLES, minBytes: number, required: boolean): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ConfigError(name, 'is required when NODE_ENV=production (see README: Configuration)');
    return undefined;
  }
  // Never include the value in the message: it is a secret.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new ConfigError(name, 'must be base64');
  if (Buffer.from(raw, 'base64').length < minBytes) throw new ConfigError(name, `must decode to at least ${minBytes} bytes`);
  return raw;
}

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

// Tests never reach out to a tile server unless they ask for one.
/** The SKM element weight: "1/9" (exact, the default) or a decimal in (0, 1]. */
function parseSkmWeight(env: Env): number {
  const raw = (env.LOKET_SKM_WEIGHT ?? '').trim();
  if (raw === '' || raw === '1/9') return 1 / 9;
  const value = /^(0(\.\d+)?|1(\.0+)?)$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value > 0 && value <= 1)) throw new ConfigError('LOKET_SKM_WEIGHT', `must be 1/9 or a decimal between 0 and 1 (got "${raw}")`);
  return value;
}

function parseMapTiles(env: Env, environment: Environment): MapTiles | undefined {
  const raw = env.LOKET_MAP_TILES || (environment === 'test' ? 'off' : OSM_TILES);
  if (raw === 'off') return undefined;
  const placeholders: string[] = raw.match(/\{[^}]*\}/g) ?? [];
  const wanted = ['{z}', '{x}', '{y}'];
  if (!wanted.every((needed) => placeholders.includes(needed)) || placeholders.some((found) => !wanted.includes(found))) {
    throw new ConfigError('LOKET_MAP_TILES', `must contain {z}, {x} and {y} and no other placeholder (got "${raw}")`);
  }
  let url: URL;
  try {
    url = new URL(raw.replaceAll(/\{[zxy]\}/g, '0'));
  } catch {
    throw new ConfigError('LOKET_MAP_TILES', `must be a URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('LOKET_MAP_TILES', `must be an http or https URL (got "${raw}")`);
  return { url: raw, origin: url.origin, attribution: env.LOKET_MAP_ATTRIBUTION || '© OpenStreetMap contributors' };
}

/** Parses and validates the whole configuration once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const environment = parseChoice(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = environment === 'production';
  const port = parseInteger(env, 'PORT', 3000, 0, 65535);
  const config: Config = {
    env: environment,
    port,
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: (parseUrl(env, 'LOKET_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: parseUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(env.LOKET_DATA_DIR || './data'),
    filesDir: path.resolve(env.LOKET_FILES_DIR || path.join(env.LOKET_DATA_DIR || './data', 'files')),
    uploadMaxBytes: parseInteger(env, 'LOKET_UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1_073_741_824),
    embeddedPgPort: parseInteger(env, 'LOKET_EMBEDDED_PG_PORT', 0, 0, 65535),
    dbPoolSize: parseInteger(env, 'LOKET_DB_POOL_SIZE', 10, 1, 500),
    logLevel: parseChoice(env, 'LOKET_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    bodyLimitBytes: parseInteger(env, 'LOKET_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    rateLimitMax: parseInteger(env, 'LOKET_RATE_LIMIT_MAX', 300, 1, 1_000_000),
    rateLimitWindowSeconds: parseInteger(env, 'LOKET_RATE_LIMIT_WINDOW', 60, 1, 86_400),
    jobsEnabled: parseBoolean(env, 'LOKET_JOBS', true),
    seedDemo: parseBoolean(env, 'LOKET_SEED_DEMO', !production),
    trustProxy: parseBoolean(env, 'LOKET_TRUST_PROXY', false),
    smtpUrl: parseUrl(env, 'LOKET_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.LOKET_MAIL_FROM || 'Loket <no-reply@localhost>',
    messageGatewayUrl: parseUrl(env, 'LOKET_MESSAGE_GATEWAY_URL', ['http:', 'https:']),
    messageGatewaySecret: parseSecret(env, 'LOKET_MESSAGE_GATEWAY_SECRET', 16, false),
    devMailbox: parseBoolean(env, 'LOKET_DEV_MAILBOX', !production),
    secrets: {
      masterKey: parseSecret(env, 'LOKET_MASTER_KEY', 32, production),
      previousMasterKeys: (env.LOKET_MASTER_KEY_PREVIOUS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .map((key) => parseSecret({ LOKET_MASTER_KEY_PREVIOUS: key }, 'LOKET_MASTER_KEY_PREVIOUS', 32, false) ?? ''),
      blindIndexKey: parseSecret(env, 'LOKET_BLIND_INDEX_KEY', 32, production),
      signingKey: parseSecret(env, 'LOKET_SIGNING_KEY', 32, production),
      cookieSecret: parseSecret(env, 'LOKET_COOKIE_SECRET', 32, production),
    },
    // After the core secrets, so that a production start without any names LOKET_MASTER_KEY first.
    paymentWebhookSecret: parseSecret(env, 'LOKET_PAYMENT_WEBHOOK_SECRET', 32, production),
    paymentSandbox: parseBoolean(env, 'LOKET_PAYMENT_SANDBOX', !production),
    mapTiles: parseMapTiles(env, environment),
    skmWeight: parseSkmWeight(env),
  };
  if (production && config.devMailbox) {
    throw new ConfigError('LOKET_DEV_MAILBOX', 'cannot be true when NODE_ENV=production: the mailbox shows personal data');
  }
  if (production && config.paymentSandbox) {
    throw new ConfigError('LOKET_PAYMENT_SANDBOX', 'cannot be true when NODE_ENV=production: the sandbox marks bills paid without money');
  }
  if (config.messageGatewayUrl && !config.messageGatewaySecret) {
    throw new ConfigError('LOKET_MESSAGE_GATEWAY_SECRET', 'is required when LOKET_MESSAGE_GATEWAY_URL is set');
  }
  if (production && config.seedDemo) {
    throw new ConfigError('LOKET_SEED_DEMO', 'cannot be true when NODE_ENV=production: demo data never goes into production');
  }
  return Object.freeze({ ...config, secrets: Object.freeze(config.secrets) });
}
