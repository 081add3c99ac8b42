import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION_SECRETS = {
  LOKET_MASTER_KEY: KEY,
  LOKET_BLIND_INDEX_KEY: KEY,
  LOKET_SIGNING_KEY: KEY,
  LOKET_COOKIE_SECRET: KEY,
  LOKET_PAYMENT_WEBHOOK_SECRET: KEY,
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has development defaults that need no set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, host: '127.0.0.1', databaseUrl: undefined, seedDemo: true, jobsEnabled: true });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('listens on every interface in production and requires its secrets', () => {
    expect(errorOf({ NODE_ENV: 'production' }).variable).toBe('LOKET_MASTER_KEY');
    const config = loadConfig({ NODE_ENV: 'production', ...PRODUCTION_SECRETS });
    expect(config.host).toBe('0.0.0.0');
    expect(config.seedDemo).toBe(false);
  });

  it('requires the payment webhook secret and refuses the payment sandbox in production', () => {
    const { LOKET_PAYMENT_WEBHOOK_SECRET: _secret, ...withoutWebhookSecret } = PRODUCTION_SECRETS;
    expect(errorOf({ NODE_ENV: 'production', ...withoutWebhookSecret }).variable).toBe('LOKET_PAYMENT_WEBHOOK_SECRET');
    expect(errorOf({ NODE_ENV: 'production', LOKET_PAYMENT_SANDBOX: 'true', ...PRODUCTION_SECRETS }).variable).toBe('LOKET_PAYMENT_SANDBOX');
    expect(loadConfig({ NODE_ENV: 'production', ...PRODUCTION_SECRETS }).paymentSandbox).toBe(false);
    expect(loadConfig({}).paymentSandbox).toBe(true);
  });

  it('draws maps from OpenStreetMap by default, from a configured tile server, or not at all', () => {
    expect(loadConfig({}).mapTiles).toEqual({
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      origin: 'https://tile.openstreetmap.org',
      attribution: '© OpenStreetMap contributors',
    });
    expect(loadConfig({ LOKET_MAP_TILES: 'https://peta.go.id:8443/tiles/{z}/{x}/{y}.png', LOKET_MAP_ATTRIBUTION: 'BIG' }).mapTiles).toEqual({
      url: 'https://peta.go.id:8443/tiles/{z}/{x}/{y}.png',
      origin: 'https://peta.go.id:8443',
      attribution: 'BIG',
    });
    expect(loadConfig({ LOKET_MAP_TILES: 'off' }).mapTiles).toBeUndefined();
    // Tests reach no tile server unless they name one.
    expect(loadConfig({ NODE_ENV: 'test' }).mapTiles).toBeUndefined();
  });

  it('refuses demo data in production', () => {
    expect(errorOf({ NODE_ENV: 'production', LOKET_SEED_DEMO: 'true', ...PRODUCTION_SECRETS }).variable).toBe('LOKET_SEED_DEMO');
  });

  it.each([
    ['PORT', 'abc', /whole number/],
    ['PORT', '70000', /between 0 and 65535/],
    ['NODE_ENV', 'staging', /one of development, production, test/],
    ['LOKET_JOBS', 'yes', /true or false/],
    ['LOKET_LOG_LEVEL', 'loud', /one of/],
    ['DATABASE_URL', 'mysql://x@y/z', /must start with postgres:\/\//],
    ['LOKET_MASTER_KEY', 'not base64!', /must be base64/],
    ['LOKET_COOKIE_SECRET', 'c2hvcnQ=', /at least 32 bytes/],
    ['LOKET_MAP_TILES', 'https://tiles.example/{z}/{x}.png', /must contain \{z\}, \{x\} and \{y\}/],
    ['LOKET_MAP_TILES', 'https://{s}.tiles.example/{z}/{x}/{y}.png', /no other placeholder/],
    ['LOKET_MAP_TILES', 'javascript:{z}{x}{y}', /http or https/],
  ])('names %s when it is %s', (variable, value, message) => {
    const error = errorOf({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(message);
  });

  it('never echoes a database URL, which may hold a password', () => {
    expect(errorOf({ DATABASE_URL: 'postgres://user:s3cret@ho st:5432/db' }).message).not.toContain('s3cret');
    expect(errorOf({ DATABASE_URL: 'mysql://user:s3cret@host:5432/db' }).message).not.toContain('s3cret');
  });

  it('never echoes a secret', () => {
    const error = errorOf({ LOKET_MASTER_KEY: 'dG9vLXNob3J0LXNlY3JldA==' });
    expect(error.message).not.toContain('dG9vLXNob3J0LXNlY3JldA');
  });

  it('documents every variable it reads', () => {
    expect(Object.keys(CONFIG_VARIABLES)).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'HOST', 'LOKET_DATA_DIR', 'LOKET_MASTER_KEY']));
  });
});
