import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { declarePluginRoutesPublic } from './access.ts';

const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable identifier of the kind of problem, e.g. /problems/platform.validation' }),
    title: Type.String({ description: 'Short summary in the language of the request' }),
    status: Type.Integer(),
    detail: Type.String(),
    requestId: Type.String(),
    invalidParams: Type.Optional(Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem (RFC 9457)' },
);

const docsPage: FastifyPluginAsync = async (scope) => {
  declarePluginRoutesPublic(scope);
  await scope.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI's own policy allows framing by the same origin; no Loket page may be framed.
    transformStaticCSP: (csp: string) => csp.replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
    uiConfig: { deepLinking: false },
  });
};

/** OpenAPI 3.1 generated from the route schemas, served at /api/openapi.json, browsable at /api/docs. */
export const openApi = fp(
  async (app: FastifyInstance, { version, publicUrl }: { version: string; publicUrl: string }) => {
    app.addSchema(ProblemSchema);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Loket API',
          version,
          description: 'Public services API. Errors are application/problem+json (RFC 9457); see the Problem schema.',
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        },
        servers: [{ url: publicUrl }],
        tags: [
          { name: 'catalogue', description: 'Agencies, units and services' },
          { name: 'accounts', description: "Access tokens and one's own account" },
          { name: 'applications', description: 'Submitting and following applications' },
          { name: 'operations', description: 'Health and readiness' },
          { name: 'exchange', description: 'Once-only data exchange between agencies: client assertions in, signed answers out (docs/exchange.md)' },
        ],
      },
      hideUntagged: true,
      // Name shared schemas by their $id (Agency, Problem) rather than def-0, def-1.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    });
    app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
    await app.register(docsPage);
  },
  { name: 'openapi' },
);
