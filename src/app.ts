import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { type Logger, pino } from 'pino';
import type { Registry } from 'prom-client';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import { catalogueApi } from './modules/catalogue/catalogue.api.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { AgencySchema } from './modules/catalogue/catalogue.schemas.ts';
import { createCatalogueService } from './modules/catalogue/catalogue.service.ts';
import { homeRoutes } from './modules/home/home.routes.tsx';
import type { Secrets } from './platform/crypto/secrets.ts';
import type { Database } from './platform/db/database.ts';
import { enforceAccessDeclarations } from './platform/http/access.ts';
import { errorHandling } from './platform/http/error-handler.tsx';
import { openApi } from './platform/http/openapi.ts';
import { requestContext } from './platform/http/request-context.ts';
import { security } from './platform/http/security.ts';
import { healthRoutes } from './platform/observability/health.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { metrics } from './platform/observability/metrics.ts';
import { assetRoutes } from './platform/ui/assets.ts';

export interface AppDependencies {
  config: Config;
  db: Database;
  pool: pg.Pool;
  secrets: Secrets;
  /** A ready logger (tests pass one that captures lines); default: pino to stdout. */
  logger?: Logger;
  metricsCollectors?: ((registry: Registry) => void)[];
}

/**
 * Builds the whole application: platform plugins, then modules, then error handling. The server and
 * the tests use this same factory. It is also the composition root: repositories, then services,
 * each given only what it uses.
 */
export async function buildApp({ config, db, pool, secrets, logger, metricsCollectors = [] }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (logger ?? pino(loggerOptions(config))) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: 'array' } },
  });

  enforceAccessDeclarations(app);
  app.addSchema(AgencySchema);

  await app.register(metrics, { pool, collectors: metricsCollectors });
  await app.register(security, { config, db, cookieSecret: secrets.cookieSecret });
  await app.register(requestContext);
  await app.register(errorHandling);
  await app.register(openApi, { version: packageJson.version, publicUrl: config.publicUrl });

  await app.register(assetRoutes);
  await app.register(healthRoutes, { db });

  const catalogue = createCatalogueService(createCatalogueRepository(db));
  await app.register(homeRoutes({ catalogue }));
  await app.register(catalogueApi({ catalogue }));

  return app;
}
