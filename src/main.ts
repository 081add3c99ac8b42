import { pino } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { DEMO_ACCOUNTS, refuseDemoAccounts } from './modules/accounts/accounts.seed.ts';
import { complaintJobDefinitions } from './modules/complaints/complaints.jobs.ts';
import { consentJobDefinitions } from './modules/exchange/consent.jobs.ts';
import { exchangeJobDefinitions } from './modules/exchange/exchange.jobs.ts';
import { privacyJobDefinitions } from './modules/privacy/privacy.jobs.ts';
import { transparencyJobDefinitions } from './modules/transparency/transparency.jobs.ts';
import { startWebhookDispatcher, webhookJobDefinitions, webhookQueue } from './modules/webhooks/webhooks.jobs.ts';
import { slaJobDefinitions } from './modules/workflow/sla.jobs.ts';
import { resolveSecrets } from './platform/crypto/secrets.ts';
import { purgeExpiredRateLimits } from './platform/http/rate-limit-store.ts';
import { type Jobs, startJobs } from './platform/jobs/jobs.ts';
import { notifyJobDefinitions } from './platform/notify/notify.jobs.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { storageJobDefinitions } from './platform/storage/storage.jobs.ts';
import { openRuntime } from './runtime.ts';
import { demoAccountsTable, isDemoSeeded, seedDemo } from './seed.ts';
import { createServices } from './services.ts';

/**
 * Starts Loket: database (embedded or DATABASE_URL), migrations, first-start demo seed, jobs, HTTP.
 * Stops gracefully on SIGTERM/SIGINT: no new connections, in-flight requests finish, jobs stop,
 * then the database.
 */
export async function serve(config: Config): Promise<void> {
  const log = pino(loggerOptions(config));
  const secrets = await resolveSecrets(config, (message) => log.warn(message));
  const runtime = await openRuntime(config, log);
  const { db, pool } = runtime.database;

  const services = createServices({ config, db, secrets, log });
  if (config.env === 'production') await refuseDemoAccounts(services.accountsRepository);

  if (runtime.embedded && config.seedDemo && !(await isDemoSeeded(db))) {
    const report = await seedDemo(db, services);
    log.info({ agencies: report.agencies, units: report.units, accounts: report.accounts.length }, 'demo data seeded (first start of the embedded database)');
  }
  // The demo passwords are public (README); printed so that a person trying Loket can sign in at once.
  if (config.env === 'development' && (await isDemoSeeded(db)))
    process.stdout.write(`${demoAccountsTable(DEMO_ACCOUNTS)}
`);

  let jobs: Jobs | undefined;
  if (config.jobsEnabled) {
    jobs = await startJobs({
      databaseUrl: runtime.databaseUrl,
      onError: (error) => log.warn({ err: error }, 'job system error'),
      definitions: [
        ...notifyJobDefinitions(services.notifier),
        ...storageJobDefinitions(services.storage),
        ...slaJobDefinitions(services.sla),
        ...complaintJobDefinitions(services.complaints),
        ...exchangeJobDefinitions(services.exchange),
        ...consentJobDefinitions(services.consents),
        ...webhookJobDefinitions(services.webhooks),
        ...transparencyJobDefinitions(services.transparency),
        ...privacyJobDefinitions(services.privacy.retention),
        {
          name: 'platform.purge-rate-limits',
          cron: '*/10 * * * *',
          handler: async () => {
            await purgeExpiredRateLimits(db);
          },
        },
      ],
    });
  }

  if (jobs) {
    services.notifier.attachQueue(jobs.boss);
    services.exchange.queue.attachQueue(jobs.boss);
  }
  if (jobs) services.webhooks.attachQueue(webhookQueue(jobs.boss));
  const webhookDispatcher = jobs ? startWebhookDispatcher(services.webhooks, (error) => log.warn({ err: error }, 'webhook dispatch failed')) : undefined;

  const app = await buildApp({ config, db, pool, secrets, services, logger: log, metricsCollectors: jobs ? [jobs.metricsCollector] : [] });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await app.close();
      webhookDispatcher?.stop();
      await jobs?.stop();
      await services.notifier.close();
      await runtime.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    log.error({ err: error }, 'could not listen');
    await jobs?.stop();
    await runtime.close();
    throw error;
  }
  log.info(`Loket is ready at ${config.publicUrl}`);
}
