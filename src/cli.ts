import { Command } from 'commander';
import { pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigError, loadConfig } from './config.ts';
import { serve } from './main.ts';
import { runAuditVerify } from './platform/audit/audit.cli.ts';
import { createAuditLog } from './platform/audit/audit.service.ts';
import { resolveSecrets } from './platform/crypto/secrets.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { openRuntime } from './runtime.ts';
import { demoAccountsTable, seedDemo } from './seed.ts';
import { createServices } from './services.ts';

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
  .action(async (options: { demo?: boolean }) => {
    const cfg = config();
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

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`loket: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
