import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { InvalidParam } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { AssertionRefusal } from './exchange.assertion.ts';
import { type ExchangeLogEntry, sha256 } from './exchange.log.ts';
import type { Exchange } from './exchange.module.ts';
import type { FetchFailure } from './exchange.service.ts';
import { exchangeJwk } from './exchange.signing-keys.ts';

// The agency API (/api/exchange/v1). Routes are 'public' to the platform's session check because the
// caller is a system, not an account: every query authenticates itself with a client assertion
// (exchange.assertion.ts), exactly as Open311 posts carry their API key. Every query, answered or
// refused, is written to the exchange log with the hashes of the exact bytes in and out, and every
// answer (refusals included) is signed with the exchange key published at the JWKS URL.

export const EXCHANGE_BASE = '/api/exchange/v1';
const PUBLIC = { access: 'public' as const };
const PRODUCT_CODE = /^[a-z][a-z0-9-]{1,39}$/;
const MAX_BODY_BYTES = 16 * 1024;
const JWKS_MAX_AGE_SECONDS = 300;
export const SIGNATURE_HEADER = 'loket-signature';

const QueryBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 64, description: 'NIK, KK number or NIB, by the product' }),
    purpose: Type.String({ minLength: 1, maxLength: 64, description: "One of the product's purpose codes permitted to the client" }),
    legalBasis: Type.String({ minLength: 1, maxLength: 500, description: "The requesting agency's legal basis for this processing" }),
    caseReference: Type.String({ minLength: 1, maxLength: 100, description: "The case in the requesting agency's system" }),
    official: Type.Object(
      {
        reference: Type.String({ minLength: 1, maxLength: 100, description: "The acting official's identifier in the agency (not a name)" }),
        role: Type.String({ minLength: 1, maxLength: 64, description: "The official's role, shown to the citizen" }),
      },
      { additionalProperties: false },
    ),
    fields: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 100, description: 'A subset of the fields; default all' })),
  },
  { additionalProperties: false },
);
type QueryBody = Static<typeof QueryBody>;

const Label = Type.Object({ id: Type.String(), en: Type.String() });

const QueryAnswer = Type.Object({
  requestId: Type.String(),
  product: Type.String(),
  providerAgency: Type.Object({ code: Type.String(), name: Label }),
  data: Type.Record(Type.String(), Type.Unknown()),
  fetchedAt: Type.String({ format: 'date-time' }),
  sha256: Type.String({ description: 'Provenance hash (docs/exchange.md)' }),
});

const ProductSummary = Type.Object({
  code: Type.String(),
  name: Label,
  providerAgency: Type.Object({ code: Type.String(), name: Label }),
  subjectKind: Type.String(),
  legalBasis: Type.String(),
  fields: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), label: Label, personal: Type.Boolean() })),
  purposes: Type.Array(Type.Object({ code: Type.String(), label: Label })),
});

const Jwks = Type.Object({
  keys: Type.Array(Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.String(), use: Type.String(), alg: Type.String() })),
});

/** The raw bytes of each request body, for hashing: the hash must be of what was sent, not a re-serialisation. */
const rawBodies = new WeakMap<IncomingMessage, Buffer>();
const UNREADABLE = Symbol('unreadable JSON');

interface Refusal {
  status: number;
  code: string;
  titleKey: MessageKey;
  detailKey: MessageKey;
  params?: Record<string, string | number>;
  invalid?: InvalidParam[];
}

function assertionRefusal(reason: AssertionRefusal): Refusal {
  return { status: 401, code: `exchange.${reason}`, titleKey: 'exchange.problem.assertion.title', detailKey: `exchange.problem.${reason}` };
}

function forbidden(reason: 'product_not_permitted' | 'purpose_not_permitted' | 'agency_not_permitted'): Refusal {
  return { status: 403, code: `exchange.${reason}`, titleKey: 'exchange.problem.forbidden.title', detailKey: `exchange.problem.${reason}` };
}

function invalid(params: InvalidParam[]): Refusal {
  return { status: 422, code: 'exchange.invalid', titleKey: 'exchange.problem.invalid.title', detailKey: 'exchange.problem.invalid.text', invalid: params };
}

function fetchRefusal(request: FastifyRequest, reason: Exclude<FetchFailure, 'provider_unavailable'>): Refusal {
  switch (reason) {
    case 'unknown_product':
      return {
        status: 404,
        code: 'exchange.unknown_product',
        titleKey: 'exchange.problem.unknownProduct.title',
        detailKey: 'exchange.problem.unknownProduct.text',
      };
    case 'not_found':
      return { status: 404, code: 'exchange.not_found', titleKey: 'exchange.problem.notFound.title', detailKey: 'exchange.problem.notFound.text' };
    case 'agency_not_permitted':
    case 'purpose_not_permitted':
      return forbidden(reason);
    case 'invalid_subject':
      return invalid([{ name: 'subject', reason: request.t('exchange.invalid.subject') }]);
    case 'unknown_field':
      return invalid([{ name: 'fields', reason: request.t('exchange.invalid.field') }]);
    case 'invalid_request':
      return invalid([{ name: 'body', reason: request.t('exchange.invalid.text') }]);
  }
}

export function exchangeApi({ exchange, publicUrl }: { exchange: Exchange; publicUrl: string }) {
  return async (app: FastifyInstance) => {
    // Scoped to this plugin: keep the exact bytes, and let unreadable JSON reach the handler so that
    // it is refused and logged like every other bad request.
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser(['application/json'], { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body: Buffer, done) => {
      rawBodies.set(request.raw, body);
      try {
        done(null, JSON.parse(body.toString('utf8')));
      } catch {
        done(null, { [UNREADABLE]: true });
      }
    });
    // Any other content type reaches the handler too, to be refused (415) and logged.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body: Buffer, done) => {
      rawBodies.set(request.raw, body);
      done(null, undefined);
    });

    app.get(
      `${EXCHANGE_BASE}/jwks.json`,
      {
        config: PUBLIC,
        schema: {
          tags: ['exchange'],
          summary: 'Exchange response signing keys',
          description: 'The Ed25519 keys (RFC 8037) that sign exchange API responses (the Loket-Signature header), active and retired.',
          response: { 200: Jwks },
        },
      },
      async (_request, reply) => {
        const keys = await exchange.signingKeys.publicKeys();
        reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
        return { keys: keys.map(exchangeJwk) };
      },
    );

    app.get(
      `${EXCHANGE_BASE}/products`,
      {
        config: PUBLIC,
        schema: {
          tags: ['exchange'],
          summary: 'Data products',
          description: 'The data products agencies offer: provider, fields, legal basis and purposes. Public, like the processing it allows.',
          response: { 200: Type.Object({ items: Type.Array(ProductSummary) }) },
        },
      },
      async () => {
        const products = await exchange.listProducts();
        return {
          items: products
            .filter((product) => product.active)
            .map((product) => ({
              code: product.code,
              name: product.name,
              providerAgency: { code: product.provider.agencyCode, name: product.provider.name },
              subjectKind: product.subjectKind,
              legalBasis: product.legalBasis,
              fields: product.fields.map((field) => ({
                name: field.name,
                type: field.type,
                label: { id: field.labelId, en: field.labelEn },
                personal: field.personal,
              })),
              purposes: product.purposes.map((purpose) => ({ code: purpose.code, label: { id: purpose.labelId, en: purpose.labelEn } })),
            })),
        };
      },
    );

    app.post<{ Params: { code: string }; Body: QueryBody }>(
      `${EXCHANGE_BASE}/products/:code/query`,
      {
        config: PUBLIC,
        bodyLimit: MAX_BODY_BYTES,
        attachValidation: true,
        schema: {
          tags: ['exchange'],
          summary: 'Query a data product',
          description:
            'Authenticated by a client assertion (JWT, EdDSA or ES256) in the Client-Assertion header: iss = sub = client id, aud = this exact URL, jti, iat, exp ≤ iat + 300 s, body_sha256 = hex SHA-256 of the body. The response body is signed: a detached JWS in the Loket-Signature header (docs/exchange.md).',
          params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
          body: QueryBody,
          response: { 200: QueryAnswer },
        },
      },
      async (request, reply) => {
        const receivedAt = new Date();
        const raw = rawBodies.get(request.raw) ?? Buffer.alloc(0);
        const code = request.params.code;
        const log: ExchangeLogEntry = {
          requestId: request.id,
          receivedAt,
          respondedAt: receivedAt,
          method: 'POST',
          path: request.url.slice(0, 300),
          clientId: null,
          agencyId: null,
          jti: null,
          officialRef: null,
          productCode: PRODUCT_CODE.test(code) ? code : null,
          purpose: null,
          legalBasis: null,
          caseReference: null,
          statusCode: 200,
          outcome: 'answered',
          requestBody: raw,
          responseBody: '',
        };

        async function respond(status: number, body: Record<string, unknown>, outcome: string, contentType: string) {
          const text = JSON.stringify(body);
          const signature = await exchange.signingKeys.signDetached(text);
          await exchange.appendLog({ ...log, respondedAt: new Date(), statusCode: status, outcome, responseBody: text });
          return reply.code(status).header('cache-control', 'no-store').header(SIGNATURE_HEADER, signature).type(contentType).send(text);
        }

        function refuse(refusal: Refusal) {
          request.log.info({ code: refusal.code, status: refusal.status, clientId: log.clientId }, 'exchange request refused');
          const problem = {
            type: `/problems/${refusal.code}`,
            title: request.t(refusal.titleKey),
            status: refusal.status,
            detail: request.t(refusal.detailKey, refusal.params),
            requestId: request.id,
            ...(refusal.invalid ? { invalidParams: refusal.invalid } : {}),
          };
          return respond(refusal.status, problem, `refused.${refusal.code.replace(/^exchange\./, '')}`, 'application/problem+json; charset=utf-8');
        }

        if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
          return refuse({
            status: 415,
            code: 'exchange.media_type',
            titleKey: 'exchange.problem.mediaType.title',
            detailKey: 'exchange.problem.mediaType.text',
          });
        }
        const header = request.headers['client-assertion'];
        const audience = `${publicUrl}${EXCHANGE_BASE}/products/${encodeURIComponent(code)}/query`;
        const verified = await exchange.verifyAssertion(typeof header === 'string' ? header.trim() : undefined, audience, sha256(raw).toString('hex'));
        if (!verified.ok) {
          log.clientId = verified.clientId ?? null;
          log.jti = verified.jti ?? null;
          return refuse(assertionRefusal(verified.reason));
        }
        const client = verified.client;
        Object.assign(log, { clientId: client.id, agencyId: client.agencyId, jti: verified.jti });

        const allowed = await exchange.clients.throttle(client);
        if (!allowed.ok) {
          reply.header('retry-after', String(allowed.retryAfterSeconds));
          return refuse({
            status: 429,
            code: 'exchange.rate_limited',
            titleKey: 'exchange.problem.rateLimited.title',
            detailKey: 'exchange.problem.rateLimited.text',
            params: { seconds: allowed.retryAfterSeconds },
          });
        }

        const body = request.body as QueryBody | { [UNREADABLE]: true } | undefined;
        if (body && typeof body === 'object' && UNREADABLE in body) return refuse(invalid([{ name: 'body', reason: request.t('exchange.invalid.json') }]));
        if (request.validationError || !body) {
          const issues = (request.validationError as { validation?: { instancePath?: string; message?: string }[] } | undefined)?.validation ?? [];
          return refuse(
            invalid(
              issues
                .slice(0, 20)
                .map((issue) => ({ name: issue.instancePath?.replace(/^\//, '').replace(/\//g, '.') || 'body', reason: issue.message ?? 'invalid' })),
            ),
          );
        }
        const query = body as QueryBody;
        Object.assign(log, {
          officialRef: query.official.reference,
          purpose: query.purpose.slice(0, 64),
          legalBasis: query.legalBasis,
          caseReference: query.caseReference,
        });
        if (!log.productCode || !client.products.includes(code)) return refuse(forbidden('product_not_permitted'));
        if (!client.purposes.includes(query.purpose)) return refuse(forbidden('purpose_not_permitted'));

        const result = await exchange.fetchFromProduct({
          productCode: code,
          subjectKey: query.subject,
          purpose: query.purpose,
          legalBasis: query.legalBasis,
          caseReference: query.caseReference,
          actor: { agencyId: client.agencyId, role: query.official.role, clientId: client.id },
          channel: 'agency_api',
          fields: query.fields,
        });
        if (!result.ok) {
          if (result.reason === 'provider_unavailable') {
            reply.header('retry-after', String(Math.max(1, Math.ceil((result.retryAfterMs ?? 1000) / 1000))));
            return refuse({
              status: 503,
              code: 'exchange.provider_unavailable',
              titleKey: 'exchange.problem.unavailable.title',
              detailKey: 'exchange.problem.unavailable.text',
            });
          }
          return refuse(fetchRefusal(request, result.reason));
        }
        const { provenance } = result;
        return respond(
          200,
          {
            requestId: request.id,
            product: provenance.productCode,
            providerAgency: { code: provenance.providerAgency.code, name: provenance.providerAgency.name },
            data: result.data,
            fetchedAt: provenance.fetchedAt.toISOString(),
            sha256: provenance.sha256,
          },
          'answered',
          'application/json; charset=utf-8',
        );
      },
    );
  };
}
