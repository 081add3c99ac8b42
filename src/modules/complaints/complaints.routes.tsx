import type { FastifyInstance } from 'fastify';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';

/** Public and reporter pages: filing, the public list and map, a report's page, the follow-up link. */
export function complaintPagesRoutes(_options: ComplaintsRoutesOptions) {
  return async (_app: FastifyInstance) => {};
}
