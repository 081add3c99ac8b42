import type { FastifyInstance } from 'fastify';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';

/** Staff pages: the complaints desk's triage, agency queues, the workspace, routing rules, statistics. */
export function complaintDeskRoutes(_options: ComplaintsRoutesOptions) {
  return async (_app: FastifyInstance) => {};
}
