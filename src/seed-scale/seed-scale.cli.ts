import { pino } from 'pino';
import type { Config } from '../config.ts';
import { type Output, progressReporter } from '../platform/cli/progress.ts';
import { resolveSecrets } from '../platform/crypto/secrets.ts';
import { loggerOptions } from '../platform/observability/logger.ts';
import { openRuntime } from '../runtime.ts';
import { createServices } from '../services.ts';
import { parseScale, type ScalePhase, seedScale } from './seed-scale.ts';

const LABELS: Record<ScalePhase, { activity: string; unit: string }> = {
  citizens: { activity: 'writing citizens', unit: 'accounts' },
  applications: { activity: 'writing applications', unit: 'applications' },
  complaints: { activity: 'writing complaints', unit: 'complaints' },
  indexes: { activity: 'building indexes', unit: 'indexes' },
};

/** `loket seed --scale N`: 0 with a summary on stdout, 2 when refused. */
export async function runScaleSeed(cfg: Config, scale: string, io: { stdout: Output; stderr: Output }): Promise<number> {
  const applications = parseScale(scale);
  if (applications === undefined) {
    io.stderr.write(`loket: --scale takes a count such as 10k, 1m or 10m, not "${scale}"\n`);
    return 2;
  }
  if (cfg.env === 'production') {
    io.stderr.write('loket: synthetic data is refused when NODE_ENV=production\n');
    return 2;
  }
  const log = pino(loggerOptions(cfg), pino.destination(2));
  const runtime = await openRuntime(cfg, log);
  try {
    const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
    const services = createServices({ config: cfg, db: runtime.database.db, secrets, log });
    let current: { phase: ScalePhase; reporter: ReturnType<typeof progressReporter> } | undefined;
    try {
      const report = await seedScale({ db: runtime.database.db, databaseUrl: runtime.databaseUrl }, services, {
        applications,
        onProgress(phase, done, total) {
          if (current?.phase !== phase) {
            current?.reporter.done();
            current = { phase, reporter: progressReporter(io.stderr, LABELS[phase]) };
          }
          current.reporter.update(done, total);
        },
      });
      current?.reporter.done();
      const phases = Object.entries(report.phases)
        .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
        .join(', ');
      io.stdout.write(
        `added ${report.applications} applications (${report.events} timeline events, ${report.pauses} open pauses), ${report.citizens} citizens and ${report.complaints} complaints (${report.complaintEvents} timeline events) in ${report.seconds.toFixed(1)} s (${phases}; foreign-key checks ${report.foreignKeyChecks ? 'on' : 'skipped'}, ${report.rebuiltIndexes} indexes rebuilt)\n`,
      );
      return 0;
    } finally {
      await services.notifier.close();
    }
  } finally {
    await runtime.close();
  }
}
