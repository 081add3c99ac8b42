import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import { exchangeAdminRoutes } from './exchange.admin.routes.tsx';
import { exchangeApi } from './exchange.api.ts';
import type { Exchange } from './exchange.module.ts';

/** The exchange module's routes: the agency API with its JWKS, and the admin page. */
export function exchangeModule(options: { exchange: Exchange; db: Database; publicUrl: string }) {
  return async (app: FastifyInstance) => {
    await app.register(exchangeApi(options));
    await app.register(exchangeAdminRoutes(options));
  };
}
