import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db.ts';
import { loadConfig } from './config.ts';
import { DEMO_ACCOUNTS } from './modules/accounts/accounts.seed.ts';
import { currentTotp } from './modules/accounts/totp.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from './modules/catalogue/catalogue.seed.ts';
import { resolveSecrets } from './platform/crypto/secrets.ts';
import { createServices, type Services } from './services.ts';

// The operator commands that act on accounts, run as child processes exactly as an operator would.

describe('loket user create', () => {
  let database: TestDatabase;
  let services: Services;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
    // The same keys as the command, so this side can find and sign in the account it creates.
    env = {
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
      LOKET_LOG_LEVEL: 'warn',
      LOKET_MASTER_KEY: randomBytes(32).toString('base64'),
      LOKET_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    const config = loadConfig(env);
    services = createServices({ config, db: database.db, secrets: await resolveSecrets(config, () => {}), log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await services.notifier.close();
    await database.drop();
  });

  const roleOf = (accountId: string) =>
    database.db
      .selectFrom('staffRole as r')
      .leftJoin('agency as a', 'a.id', 'r.agencyId')
      .leftJoin('agencyUnit as u', 'u.id', 'r.unitId')
      .select(['r.role', 'a.code as agency', 'u.code as unit'])
      .where('r.accountId', '=', accountId)
      .execute();

  it('creates an officer, prints only the id and a temporary password that signs in up to the TOTP step', async () => {
    const email = 'rina.petugas@bandung.go.id';
    const name = 'Rina Marlina';
    const args = ['user', 'create', '--email', email, '--name', name, '--role', 'officer', '--agency', 'dpmptsp-dki-jakarta', '--unit', 'mpp-jakarta'];
    const result = await runLoket(args, env);
    expect(result.code, result.stderr).toBe(0);
    const accountId = /Staff account ([0-9a-f-]{36}) created: officer, agency dpmptsp-dki-jakarta, unit mpp-jakarta\./.exec(result.stdout)?.[1] ?? '';
    const password = /Temporary password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(result.stdout).toContain('set up TOTP');
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(email);
      expect(output).not.toContain(name);
    }
    expect(result.stderr).not.toContain(password);

    expect(await roleOf(accountId)).toEqual([{ role: 'officer', agency: 'dpmptsp-dki-jakarta', unit: 'mpp-jakarta' }]);
    const signIn = await services.signIn.signIn({ identifier: email, password, kind: 'web' }, { ip: '127.0.0.1', requestId: 'test', userAgent: undefined });
    expect(signIn.outcome).toBe('totp_required');
    const audit = await services.audit.search({ action: 'account.staff_created', limit: 10 });
    expect(audit.entries.map((entry) => [entry.actor.role, entry.subject?.id])).toContainEqual(['operator', accountId]);
  });

  it('creates an auditor without an agency', async () => {
    const result = await runLoket(['user', 'create', '--email', 'auditor.baru@loket.go.id', '--name', 'Agus Salim', '--role', 'auditor'], env);
    expect(result.code, result.stderr).toBe(0);
    const accountId = /Staff account ([0-9a-f-]{36}) created: auditor, every agency\./.exec(result.stdout)?.[1] ?? '';
    expect(await roleOf(accountId)).toEqual([{ role: 'auditor', agency: null, unit: null }]);
  });

  it('refuses, with exit code 2 and a reason, a role without its agency, an unknown agency, unit or role, and an e-mail in use', async () => {
    const before = await database.db.selectFrom('account').select('id').execute();
    const create = (...extra: string[]) => runLoket(['user', 'create', '--name', 'Budi Hartono', ...extra], env);
    const runs = await Promise.all([
      create('--email', 'budi1@loket.go.id', '--role', 'supervisor'),
      create('--email', 'budi2@loket.go.id', '--role', 'officer', '--agency', 'dinas-yang-tidak-ada'),
      create('--email', 'budi3@loket.go.id', '--role', 'officer', '--agency', 'dpmptsp-dki-jakarta', '--unit', 'loket-yang-tidak-ada'),
      create('--email', 'budi4@loket.go.id', '--role', 'kepala_dinas', '--agency', 'dpmptsp-dki-jakarta'),
      create('--email', 'rina.petugas@bandung.go.id', '--role', 'auditor'),
      create('--role', 'auditor'),
    ]);
    const reasons = [
      /role supervisor needs an agency/,
      /no agency has the code "dinas-yang-tidak-ada"/,
      /agency "dpmptsp-dki-jakarta" has no unit with the code "loket-yang-tidak-ada"/,
      /unknown role "kepala_dinas": use one of officer, supervisor/,
      /that e-mail address already has an account/,
      /give --email, --name and --role/,
    ];
    for (const [i, run] of runs.entries()) {
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(reasons[i] ?? /./);
    }
    expect(await database.db.selectFrom('account').select('id').execute()).toHaveLength(before.length);
  });
});

describe('loket demo totp', () => {
  it("prints the current code of every demo staff account, each its authenticator's", async () => {
    const result = await runLoket(['demo', 'totp'], { NODE_ENV: 'development', LOKET_LOG_LEVEL: 'warn' });
    const finished = new Date();
    expect(result.code, result.stderr).toBe(0);
    const staff = DEMO_ACCOUNTS.filter((account) => account.totpSecret !== undefined);
    expect(staff).toHaveLength(7);
    for (const account of staff) {
      const code = new RegExp(`^ +${account.role} +${account.signIn.replace(/\./g, '\\.')} +(\\d{6})$`, 'm').exec(result.stdout)?.[1];
      // The code of the step the command ran in: now, or the step before when a step ended meanwhile.
      const secret = account.totpSecret ?? '';
      expect([currentTotp(secret, finished), currentTotp(secret, new Date(finished.getTime() - result.ms))]).toContain(code);
    }
  });

  it('is refused in production', async () => {
    const secret = () => randomBytes(32).toString('base64');
    const result = await runLoket(['demo', 'totp'], {
      NODE_ENV: 'production',
      LOKET_MASTER_KEY: secret(),
      LOKET_BLIND_INDEX_KEY: secret(),
      LOKET_SIGNING_KEY: secret(),
      LOKET_COOKIE_SECRET: secret(),
      LOKET_PAYMENT_WEBHOOK_SECRET: secret(),
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('there are no demo accounts in production');
  });
});
