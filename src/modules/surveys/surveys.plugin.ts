import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { surveysApi } from './surveys.api.ts';
import { surveysRoutes } from './surveys.routes.tsx';

/** The surveys module's routes: the questionnaire, the counter kiosk, the staff index page and the index API. */
export function surveysModule({ services }: { services: Pick<Services, 'surveys' | 'catalogue'> }) {
  return async (app: FastifyInstance) => {
    await app.register(surveysRoutes({ surveys: services.surveys, catalogue: services.catalogue }));
    await app.register(surveysApi({ surveys: services.surveys }));
  };
}
