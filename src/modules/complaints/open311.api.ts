import type { FastifyInstance } from 'fastify';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';

/** Open311 GeoReport v2 at /open311/v2/ in JSON and XML. */
export function open311Api(_options: ComplaintsRoutesOptions) {
  return async (_app: FastifyInstance) => {};
}
