import type { FastifyInstance } from 'fastify';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';

/** The JSON API for reporters (filing with an idempotency key, reading one's reports). */
export function complaintsApi(_options: ComplaintsRoutesOptions) {
  return async (_app: FastifyInstance) => {};
}
