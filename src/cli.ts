import { Command } from 'commander';
import { pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigError, loadConfig } from './config.ts';
import { serve } from './main.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { openRuntime } from './runtime.ts';
import { seedDemo } from './seed.ts';

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
      const report = await seedDemo(runtime.database.db);
      log.info(report, 'demo data seeded');
    } finally {
      await runtime.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`loket: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
