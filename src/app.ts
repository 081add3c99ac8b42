import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { type Logger, pino } from 'pino';
import type { Registry } from 'prom-client';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import { accountsApi } from './modules/accounts/accounts.api.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.tsx';
import { organisationRoutes } from './modules/accounts/organisations.routes.tsx';
import { staffRoutes } from './modules/accounts/staff.routes.tsx';
import { applicationsApi } from './modules/applications/applications.api.ts';
import { applicationRoutes } from './modules/applications/applications.routes.tsx';
import { applyRoutes } from './modules/applications/apply.routes.tsx';
import { counterRoutes } from './modules/applications/counter.routes.tsx';
import { filesApi } from './modules/applications/files.api.ts';
import { catalogueApi } from './modules/catalogue/catalogue.api.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.tsx';
import { CATALOGUE_SCHEMAS } from './modules/catalogue/catalogue.schemas.ts';
import { serviceAdminRoutes } from './modules/catalogue/service-admin.routes.tsx';
import { complaintsModule } from './modules/complaints/complaints.plugin.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { issuedDocumentsRoutes } from './modules/documents/issued-documents.routes.tsx';
import { consentRoutes } from './modules/exchange/consent.routes.tsx';
import { exchangeModule } from './modules/exchange/exchange.plugin.ts';
import { trackerRoutes } from './modules/exchange/tracker.routes.tsx';
import { onceOnlyGate } from './modules/exchange/views/consent-check-summary.tsx';
import { verifiedDataSection } from './modules/exchange/views/consent-verified-data.tsx';
import { homeRoutes } from './modules/home/home.routes.tsx';
import { openDataRoutes } from './modules/opendata/opendata.routes.tsx';
import { paymentsRoutes } from './modules/payments/payments.routes.tsx';
import { privacyRoutes } from './modules/privacy/privacy.routes.tsx';
import { surveysModule } from './modules/surveys/surveys.plugin.ts';
import { budgetRoutes } from './modules/transparency/budget.routes.tsx';
import { transparencyRoutes } from './modules/transparency/transparency.routes.tsx';
import { skmFromSurveys } from './modules/transparency/transparency.skm.ts';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.tsx';
import { backofficeRoutes } from './modules/workflow/backoffice.routes.tsx';
import { auditRoutes } from './platform/audit/audit.routes.tsx';
import { authentication } from './platform/auth/authentication.ts';
import type { Secrets } from './platform/crypto/secrets.ts';
import type { Database } from './platform/db/database.ts';
import { liveEvents } from './platform/events/live.routes.ts';
import { enforceAccessDeclarations } from './platform/http/access.ts';
import { errorHandling, frameworkErrors } from './platform/http/error-handler.tsx';
import { openApi } from './platform/http/openapi.ts';
import { incrementCounter } from './platform/http/rate-limit-store.ts';
import { requestContext } from './platform/http/request-context.ts';
import { security } from './platform/http/security.ts';
import { notifyRoutes } from './platform/notify/notify.routes.tsx';
import { healthRoutes } from './platform/observability/health.ts';
import { loggerOptions } from './platform/observability/logger.ts';
import { metrics } from './platform/observability/metrics.ts';
import { storageUploads } from './platform/storage/storage.uploads.ts';
import { assetRoutes } from './platform/ui/assets.ts';
import type { Services } from './services.ts';

export interface AppDependencies {
  config: Config;
  db: Database;
  pool: pg.Pool;
  secrets: Secrets;
  services: Services;
  /** A ready logger (tests pass one that captures lines); default: pino to stdout. */
  logger?: Logger;
  metricsCollectors?: ((registry: Registry) => void)[];
}

/**
 * Builds the whole application: platform plugins, then modules, then error handling. The server and
 * the tests use this same factory, with the services of src/services.ts.
 */
export async function buildApp({ config, db, pool, secrets, services, logger, metricsCollectors = [] }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (logger ?? pino(loggerOptions(config))) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: 'array' } },
    frameworkErrors,
  });

  enforceAccessDeclarations(app);
  for (const schema of CATALOGUE_SCHEMAS) if (!app.getSchema(schema.$id)) app.addSchema(schema);

  await app.register(metrics, { pool, collectors: metricsCollectors });
  // Before security: its CSRF check reads the token from the multipart fields this plugin parses.
  await app.register(storageUploads, { storage: services.storage, uploadMaxBytes: config.uploadMaxBytes });
  await app.register(security, { config, db, cookieSecret: secrets.cookieSecret });
  await app.register(requestContext);
  const sessionCookie = config.env === 'production' ? '__Host-loket_session' : 'loket_session';
  await app.register(authentication, {
    sessions: services.sessions,
    cookieName: sessionCookie,
    countAccountRequest: async (accountId) => {
      const { hits, ttlMs } = await incrementCounter(db, `account|${accountId}`, config.rateLimitWindowSeconds * 1000);
      return hits > config.rateLimitMax ? { retryAfterMs: ttlMs } : undefined;
    },
  });
  await app.register(errorHandling);
  await app.register(openApi, { version: packageJson.version, publicUrl: config.publicUrl });

  await app.register(assetRoutes);
  await app.register(healthRoutes, { db });
  await app.register(liveEvents, { db, connection: pool.options });

  const { catalogue } = services;
  await app.register(homeRoutes({ catalogue }));
  await app.register(catalogueApi({ catalogue }));
  await app.register(catalogueRoutes({ catalogue }));
  await app.register(serviceAdminRoutes({ serviceAdmin: services.serviceAdmin, catalogue }));
  const { applications, applicationDrafts: drafts, storage } = services;
  await app.register(applyRoutes({ drafts, applications, onceOnly: onceOnlyGate(services.consents) }));
  await app.register(consentRoutes({ consents: services.consents, drafts, publicUrl: config.publicUrl }));
  await app.register(
    applicationRoutes({
      applications,
      drafts,
      accounts: services.accounts,
      storage,
      publicUrl: config.publicUrl,
      payments: services.payments,
      issuing: services.issuing,
      paymentSandbox: config.paymentSandbox,
      surveys: services.surveys,
    }),
  );
  await app.register(counterRoutes({ applications, catalogue, drafts, storage }));
  await app.register(applicationsApi({ applications }));
  await app.register(filesApi({ uploadMaxBytes: config.uploadMaxBytes }));
  await app.register(accountsApi({ accounts: services.accounts, signIn: services.signIn, sessions: services.sessions }));
  await app.register(
    accountRoutes({
      accounts: services.accounts,
      signIn: services.signIn,
      sessions: services.sessions,
      cookieName: sessionCookie,
      secureCookies: config.env === 'production',
    }),
  );
  await app.register(notifyRoutes, { notifier: services.notifier, devMailbox: config.devMailbox });
  await app.register(auditRoutes({ audit: services.audit }));
  await app.register(organisationRoutes({ organisations: services.organisations }));
  await app.register(staffRoutes({ staffAdmin: services.staffAdmin, catalogue }));
  await app.register(documentsRoutes({ signingKeys: services.signingKeys }));
  await app.register(paymentsRoutes({ payments: services.payments, sandbox: config.paymentSandbox }));
  await app.register(issuedDocumentsRoutes({ issuing: services.issuing, storage }));
  await app.register(
    backofficeRoutes({
      db,
      workflow: services.workflow,
      dataKeys: services.dataKeys,
      personalData: services.personalData,
      audit: services.audit,
      storage,
      applications,
      drafts,
      issuing: services.issuing,
      verifiedData: verifiedDataSection(services.consents),
      onPersonalDataViewed: (trx, view) => services.officerViews.record(trx, 'application_processing', view),
    }),
  );
  await app.register(complaintsModule({ services, config }));
  await app.register(exchangeModule({ exchange: services.exchange, db, publicUrl: config.publicUrl }));
  await app.register(webhooksRoutes(services));
  await app.register(surveysModule({ services }));
  await app.register(trackerRoutes({ tracker: services.tracker }));
  await app.register(privacyRoutes({ privacy: services.privacy, cookieName: sessionCookie, secureCookies: config.env === 'production' }));
  await app.register(transparencyRoutes({ transparency: services.transparency, skm: skmFromSurveys(services.surveys), budget: services.budget }));
  await app.register(budgetRoutes({ budget: services.budget, catalogue: services.catalogue }));
  await app.register(openDataRoutes({ openData: services.openData }));

  return app;
}
