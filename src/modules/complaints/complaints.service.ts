import { createAdministration } from './complaints.administration.ts';
import { type ComplaintsDependencies, createComplaintsContext } from './complaints.context.ts';
import type { ComplaintsService } from './complaints.contract.ts';
import { createFiling } from './complaints.filing.ts';
import { createReading } from './complaints.reading.ts';
import { createReporterActions } from './complaints.reporter-actions.ts';
import { createComplaintSweep } from './complaints.sla.ts';
import { createStaffActions } from './complaints.staff-actions.ts';

export { type ComplaintsDependencies, complaintPaths, followUpHash } from './complaints.context.ts';

/**
 * The complaints service (SP4N-LAPOR!): filing, the public, reporter and staff read models, the
 * desk's and agency's actions, routing rules, statistics and the SLA clock. Privacy is enforced here:
 * each read model is built for one audience (see complaints.contract.ts).
 */
export function createComplaintsService(deps: ComplaintsDependencies): ComplaintsService {
  const ctx = createComplaintsContext(deps);
  const { db, repository, notifier, personalData, publicUrl, clock, tellReporter, closed } = ctx;
  const sweeper = createComplaintSweep({
    db,
    repository,
    notifier,
    personalData,
    calendar: deps.calendar,
    publicUrl,
    closedNotice: async (row, trx) => {
      await tellReporter(row, 'complaint.closed', trx);
      await closed(row, trx);
    },
  });
  // Object.assign rather than spreads: Biome's nursery promise rule mistakes these factories' results for promises.
  return Object.assign({}, createReading(ctx), createFiling(ctx), createStaffActions(ctx), createReporterActions(ctx), createAdministration(ctx), {
    sweep: (now: Date = clock()) => sweeper.sweep(now),
  });
}
