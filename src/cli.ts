import { Command } from 'commander';
import { pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { type Config, ConfigError, loadConfig } from './config.ts';
import { serve } from './main.ts';
import { DEMO_ACCOUNTS } from './modules/accounts/accounts.seed.ts';
import { StaffInputError } from './modules/accounts/staff.service.ts';
import { currentTotp } from './modules/accounts/totp.ts';
import { importRegionsCommand } from './modules/catalogue/regions.import.ts';
import { createOpen311KeyCommand } from './modules/complaints/open311.cli.ts';
import { createExchangeClientCommand, registryImportDeps } from './modules/exchange/exchange.cli.ts';
import { importRegistryCommand } from './modules/exchange/exchange.import.ts';
import { exportOpenDataCommand } from './modules/opendata/opendata.export.ts';
import { runAuditVerify } from './platform/audit/audit.cli.ts';
import { createAuditLog } from './platform/audit/audit.service.ts';
import { STAFF_ROLES, type StaffRole } from './platform/auth/permissions.ts';
import { runBackup, runRestore } from './platform/backup/backup.cli.ts';
import { createDataKeyStore } from './platform/crypto/data-keys.ts';
import { runKeysRotate } from './platform/crypto/keys.cli.ts';
import { resolveSecrets } from './platform/crypto/secrets.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { openRuntime } from './runtime.ts';
import { demoAccountsTable, seedDemo } from './seed.ts';
import { runScaleSeed } from './seed-scale/seed-scale.cli.ts';
import { createServices, keyRing, type Services } from './services.ts';

function config() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Logs on stderr, so that stdout holds only what the command answers (a password, codes, an outcome). */
function stderrLogger(cfg: Config) {
  return pino(loggerOptions(cfg), pino.destination(2));
}

/** A refused request: exit code 2, as for any usage error, and nothing changed. */
function refuse(message: string): 2 {
  process.stderr.write(`loket: ${message}\n`);
  return 2;
}

/**
 * Opens the database and the services for one command, and closes them afterwards even when the
 * command is refused: an embedded PostgreSQL must not outlive it.
 */
async function withServices(work: (services: Services) => Promise<number>): Promise<void> {
  const cfg = config();
  const log = stderrLogger(cfg);
  const runtime = await openRuntime(cfg, log);
  try {
    const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
    const services = createServices({ config: cfg, db: runtime.database.db, secrets, log });
    try {
      process.exitCode = await work(services);
    } finally {
      await services.notifier.close();
    }
  } finally {
    await runtime.close();
  }
}

const program = new Command().name('loket').description('Loket: a platform for digital public services').version(packageJson.version).showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('start the web server (and an embedded PostgreSQL when DATABASE_URL is unset)')
  .action(async () => {
    await serve(config());
  });

program
  .command('migrate')
  .description('apply pending database migrations, then exit')
  .action(async () => {
    const cfg = config();
    const log = pino(loggerOptions(cfg));
    const runtime = await openRuntime(cfg, log);
    await runtime.close();
    log.info('database is up to date');
  });

program
  .command('seed')
  .description('load seed data')
  .option('--demo', 'demo agencies, units and (with later modules) services and accounts')
  .option('--scale <n>', 'add N synthetic applications (10k, 1m, 10m) and N/10 citizens, fast, for benchmarks (the demo first if missing)')
  .action(async (options: { demo?: boolean; scale?: string }) => {
    const cfg = config();
    if (options.scale !== undefined) {
      process.exitCode = await runScaleSeed(cfg, options.scale, { stdout: process.stdout, stderr: process.stderr });
      return;
    }
    if (!options.demo) program.error('say which seed to load: loket seed --demo');
    if (cfg.env === 'production') program.error('demo data is refused when NODE_ENV=production');
    const log = pino(loggerOptions(cfg));
    const runtime = await openRuntime(cfg, log);
    try {
      const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
      const report = await seedDemo(runtime.database.db, createServices({ config: cfg, db: runtime.database.db, secrets, log }));
      log.info({ agencies: report.agencies, units: report.units }, 'demo data seeded');
      process.stdout.write(`${demoAccountsTable(report.accounts)}\n`);
    } finally {
      await runtime.close();
    }
  });

program
  .command('audit')
  .description('the tamper-evident audit log')
  .command('verify')
  .description('walk the audit hash chain; exit 1 naming the first broken entry')
  .action(async () => {
    const cfg = config();
    const runtime = await openRuntime(cfg, pino(loggerOptions(cfg)));
    try {
      process.exitCode = await runAuditVerify(createAuditLog(runtime.database.db), { stdout: process.stdout, stderr: process.stderr });
    } finally {
      await runtime.close();
    }
  });

program
  .command('keys')
  .description('the master key that wraps the data keys of personal data')
  .command('rotate')
  .description(
    're-wrap every data key under LOKET_MASTER_KEY, reading the old ones with LOKET_MASTER_KEY_PREVIOUS; runs while Loket serves (give every node both first)',
  )
  .action(async () => {
    const cfg = config();
    const log = stderrLogger(cfg);
    const runtime = await openRuntime(cfg, log);
    try {
      const ring = keyRing(await resolveSecrets(cfg, (message) => log.warn(message)));
      process.exitCode = await runKeysRotate(createDataKeyStore(runtime.database.db, ring), ring.current.id, {
        stdout: process.stdout,
        stderr: process.stderr,
      });
    } finally {
      await runtime.close();
    }
  });

interface UserCreateOptions {
  email?: string;
  name?: string;
  role?: string;
  agency?: string;
  unit?: string;
}

/** `loket user create`: 0 with the temporary password on stdout, 2 when refused. */
async function createStaffUser(services: Services, options: UserCreateOptions): Promise<number> {
  const { email, name, role, agency, unit } = options;
  if (!email || !name || !role) return refuse('give --email, --name and --role (see loket user create --help)');
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return refuse(`unknown role "${role}": use one of ${STAFF_ROLES.join(', ')}`);
  if (unit !== undefined && agency === undefined) return refuse('--unit needs --agency: a unit belongs to an agency');
  const agencyId = agency === undefined ? null : await services.accountsRepository.agencyIdByCode(agency);
  if (agencyId === undefined) return refuse(`no agency has the code "${agency}"`);
  const unitId = unit === undefined || agencyId === null ? null : await services.accountsRepository.unitIdByCode(agencyId, unit);
  if (unitId === undefined) return refuse(`agency "${agency}" has no unit with the code "${unit}"`);
  let created: { accountId: string; password: string };
  try {
    // The actor is whoever runs the command on the server: no account, so the role says where it came from.
    created = await services.staff.create(
      { email, fullName: name, roles: [{ role: role as StaffRole, agencyId, unitId }] },
      { accountId: null, role: 'operator' },
    );
  } catch (error) {
    if (error instanceof StaffInputError) return refuse(`account not created: ${error.message}`);
    throw error;
  }
  const scope = agency === undefined ? 'every agency' : `agency ${agency}${unit === undefined ? '' : `, unit ${unit}`}`;
  process.stdout.write(
    [
      `Staff account ${created.accountId} created: ${role}, ${scope}.`,
      `Temporary password: ${created.password}`,
      'It is shown only this once. Hand it to the person over a channel you trust.',
      'At the first sign-in (their e-mail address and this password) Loket has them set up TOTP with an authenticator app',
      'and gives them recovery codes; every later sign-in needs a TOTP code.',
      '',
    ].join('\n'),
  );
  return 0;
}

program
  .command('user')
  .description('staff accounts')
  .command('create')
  .description('create a staff account and print its temporary password once; TOTP is set up at the first sign-in')
  .option('--email <address>', 'the e-mail address they sign in with (required)')
  .option('--name <full name>', 'their full name (required)')
  .option('--role <role>', `one of ${STAFF_ROLES.join(', ')} (required)`)
  .option('--agency <code>', 'code of the agency the role applies in; required except for auditor and platform_admin')
  .option('--unit <code>', "code of one of the agency's units, to narrow the role to it")
  .action(async (options: UserCreateOptions) => {
    await withServices((services) => createStaffUser(services, options));
  });

program
  .command('open311')
  .description('Open311 GeoReport v2 partner access')
  .command('keys')
  .description('API keys of partner apps')
  .command('create')
  .description('issue an API key and print it once')
  .option('--name <name>', 'the partner app it is for (required)')
  .option('--per-minute <n>', 'requests per minute it may make (default 60)')
  .action(async (options: { name?: string; perMinute?: string }) => {
    await withServices((services) =>
      createOpen311KeyCommand(services, options, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }),
    );
  });

program
  .command('export')
  .description('write public data to files')
  .command('open-data')
  .description('write every open dataset (CSV, JSON, column schema) and the DCAT catalogue (catalog.jsonld), as /data serves them')
  .option('--out <dir>', 'the folder to write into (created if missing; files of the same name are replaced)')
  .action(async (options: { out?: string }) => {
    if (!options.out) {
      process.exitCode = refuse('say where to write the files: loket export open-data --out DIR');
      return;
    }
    await withServices((services) =>
      exportOpenDataCommand(services.openData, options, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }),
    );
  });

const importCommand = program.command('import').description('load reference data');

importCommand
  .command('regions')
  .description('add and rename Kemendagri regions (kode wilayah) from a CSV of code,name rows; nothing is written if any row is wrong')
  .argument('<file>', 'a CSV file: code,name per row, a header row allowed')
  .action(async (file: string) => {
    const cfg = config();
    const runtime = await openRuntime(cfg, stderrLogger(cfg));
    try {
      process.exitCode = await importRegionsCommand(runtime.database.db, file, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    } finally {
      await runtime.close();
    }
  });

importCommand
  .command('registry')
  .description(
    "load a data product's registry rows from a CSV (a subject column and the product's fields) through COPY; nothing is written if any row is wrong",
  )
  .argument('<file>', 'a CSV file with a header row: subject,<field>,<field>…')
  .option('--product <code>', 'the data product (required)')
  .option('--mode <mode>', 'replace (default: the file becomes the registry) or upsert')
  .action(async (file: string, options: { product?: string; mode?: string }) => {
    const cfg = config();
    const log = stderrLogger(cfg);
    const runtime = await openRuntime(cfg, log);
    try {
      const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
      const services = createServices({ config: cfg, db: runtime.database.db, secrets, log });
      process.exitCode = await importRegistryCommand(registryImportDeps(services, runtime.database.pool), options, file, {
        stdout: (text) => process.stdout.write(text),
        stderr: process.stderr,
      });
      await services.notifier.close();
    } finally {
      await runtime.close();
    }
  });

program
  .command('exchange')
  .description('once-only data exchange between agencies')
  .command('client')
  .description('API clients of agency systems')
  .command('create')
  .description('register an agency system by its public key (JWK) and print its client id')
  .option('--agency <code>', 'the agency whose system it is (required)')
  .option('--name <name>', 'a name for the system')
  .option('--purposes <codes>', 'comma-separated purpose codes it may state (required)')
  .option('--products <codes>', 'comma-separated data products it may query (required)')
  .option('--jwk <file>', 'a file with its public JWK, Ed25519 or P-256 (required)')
  .option('--per-minute <n>', 'requests per minute it may make (default 600)')
  .action(async (options: { agency?: string; name?: string; purposes?: string; products?: string; jwk?: string; perMinute?: string }) => {
    await withServices((services) =>
      createExchangeClientCommand(services, options, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }),
    );
  });

program
  .command('demo')
  .description('helpers for trying Loket; refused in production')
  .command('totp')
  .description('print the current TOTP code of each demo staff account')
  .action(() => {
    if (config().env === 'production') {
      process.exitCode = refuse('there are no demo accounts in production');
      return;
    }
    const now = new Date();
    const lines = DEMO_ACCOUNTS.flatMap((account) =>
      account.totpSecret ? [`  ${account.role.padEnd(16)} ${account.signIn.padEnd(32)} ${currentTotp(account.totpSecret, now)}`] : [],
    );
    process.stdout.write(`TOTP codes of the demo staff accounts (each works once; run again for fresh ones):\n${lines.join('\n')}\n`);
  });

program
  .command('backup')
  .description('write a backup (database rows, encrypted files, a manifest with key references but no key) into a new folder')
  .argument('<folder>', 'a new or empty folder')
  .action(async (folder: string) => {
    const cfg = config();
    const runtime = await openRuntime(cfg, stderrLogger(cfg));
    try {
      process.exitCode = await runBackup(
        { db: runtime.database.db, filesDir: cfg.filesDir, target: folder },
        { stdout: process.stdout, stderr: process.stderr },
      );
    } finally {
      await runtime.close();
    }
  });

program
  .command('restore')
  .description('restore a backup into an empty database (just created) and LOKET_FILES_DIR, then verify counts and the audit chain')
  .argument('<folder>', 'a folder written by loket backup')
  .action(async (folder: string) => {
    const cfg = config();
    const log = stderrLogger(cfg);
    // Not migrated here: the restore checks that the database is empty, then migrates it itself.
    const runtime = await openRuntime(cfg, log, { migrate: false });
    try {
      const ring = keyRing(await resolveSecrets(cfg, (message) => log.warn(message)));
      process.exitCode = await runRestore(
        {
          db: runtime.database.db,
          filesDir: cfg.filesDir,
          source: folder,
          masterKeyIds: [ring.current.id, ...ring.previous.map((key) => key.id)],
          audit: createAuditLog(runtime.database.db),
        },
        { stdout: process.stdout, stderr: process.stderr },
      );
    } finally {
      await runtime.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`loket: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
