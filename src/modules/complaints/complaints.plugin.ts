import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Services } from '../../services.ts';
import { complaintsApi } from './complaints.api.ts';
import { complaintDeskRoutes } from './complaints.desk.routes.tsx';
import { complaintPagesRoutes } from './complaints.routes.tsx';
import { open311Api } from './open311.api.ts';

/** What every complaints route file is given: the composed services and the configuration. */
export interface ComplaintsRoutesOptions {
  services: Services;
  config: Config;
}

/** The complaints module's routes: public and reporter pages, the desk and agency back office, the JSON API and Open311. */
export function complaintsModule(options: ComplaintsRoutesOptions) {
  return async (app: FastifyInstance) => {
    await app.register(complaintPagesRoutes(options));
    await app.register(complaintDeskRoutes(options));
    await app.register(complaintsApi(options));
    await app.register(open311Api(options));
  };
}
