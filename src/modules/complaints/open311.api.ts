import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyLocale } from '../../platform/http/request-context.ts';
import { requestOrigin } from '../../platform/http/request-input.ts';
import { isLocale, type MessageKey } from '../../platform/i18n/index.ts';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';
import { open311KeysRoutes } from './open311.keys.routes.tsx';
import { CLOSED_STATUSES, type Open311Request } from './open311.repository.ts';
import { list, toJson, toXml, type XmlRecord, type XmlValue } from './open311.xml.ts';
import type { AuthenticatedKey } from './open311-keys.service.ts';

// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the complaints: categories are
// the services, public reports the service requests. Answers and errors follow the spec's shapes in
// JSON and XML, not the platform's problem+json. Reads are public; POST needs an API key.

const BASE = '/open311/v2';
const PUBLIC = { access: 'public' as const };
const MAX_SPAN_MS = 90 * 24 * 60 * 60 * 1000;
const DEFAULT_LIMIT = 1000;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const TRACKING_ID = /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const SERVICE_CODE = /^[a-z][a-z0-9-]{1,39}$/;

type Format = 'json' | 'xml';

class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

function formatOf(value: string | undefined): Format {
  if (value === 'json' || value === 'xml') return value;
  throw new Open311Error(404, 'open311.error.format');
}

type Input = Record<string, unknown>;

/** One text parameter; repeated or non-text values count as absent. */
function text(input: Input, name: string, max = 4000): string | undefined {
  const value = input[name];
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > max) throw new Open311Error(400, 'open311.error.tooLong', { field: name });
  return trimmed;
}

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function date(input: Input, name: string): Date | undefined {
  const value = text(input, name, 40);
  if (value === undefined) return undefined;
  const parsed = ISO_8601.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) throw new Open311Error(400, 'open311.error.date', { field: name });
  return parsed;
}

/** start_date/end_date: the most recent 90 days by default, never more than 90 days. */
function window(input: Input, now: Date): { from: Date; to: Date } {
  const start = date(input, 'start_date');
  const end = date(input, 'end_date');
  const to = end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + MAX_SPAN_MS)) : now);
  const from = start ?? new Date(to.getTime() - MAX_SPAN_MS);
  if (from.getTime() > to.getTime()) throw new Open311Error(400, 'open311.error.dateOrder');
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) throw new Open311Error(400, 'open311.error.span');
  return { from, to };
}

function flag(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  if (value === undefined || value === '') return undefined;
  throw new Open311Error(400, 'open311.error.flag', { field: name });
}

function coordinate(input: Input, name: string, limit: number): number | undefined {
  const value = text(input, name, 40);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || Math.abs(number) > limit) throw new Open311Error(400, 'open311.error.coordinate', { field: name });
  return number;
}

export function open311Api({ services, config }: ComplaintsRoutesOptions) {
  const repository = services.open311Reads;

  function send(reply: FastifyReply, format: Format, status: number, root: string, item: string | undefined, body: XmlRecord | readonly XmlValue[]) {
    reply.code(status);
    if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, body, item));
    return reply.type('application/json; charset=utf-8').send(toJson(body));
  }

  function fail(request: FastifyRequest, reply: FastifyReply, format: Format, error: Open311Error) {
    const description = request.t(error.key, error.params);
    if (error.status === 429) reply.header('retry-after', String(error.params.seconds ?? 60));
    return send(reply, format, error.status, 'errors', 'error', [{ code: error.status, description }]);
  }

  /** The key behind `api_key`, counted against its own per-minute limit; undefined when none was sent. */
  async function apiKey(input: Input, required: boolean): Promise<AuthenticatedKey | undefined> {
    const given = text(input, 'api_key', 200);
    if (given === undefined) {
      if (required) throw new Open311Error(403, 'open311.error.apiKey');
      return undefined;
    }
    const key = await services.open311Keys.authenticate(given);
    if (!key) throw new Open311Error(403, 'open311.error.apiKey');
    const allowed = await services.open311Keys.throttle(key);
    if (!allowed.ok) throw new Open311Error(429, 'open311.error.rateLimited', { seconds: allowed.retryAfterSeconds });
    return key;
  }

  /** Runs a handler with Open311 errors; `lang` overrides the request's language. */
  function handle<P extends Record<string, string>>(
    run: (request: FastifyRequest<{ Params: P }>, reply: FastifyReply, format: Format, input: Input) => Promise<unknown>,
  ) {
    return async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => {
      const input: Input = {
        ...((request.query as Input | undefined) ?? {}),
        ...(request.body && typeof request.body === 'object' ? (request.body as Input) : {}),
      };
      const lang = typeof input.lang === 'string' ? input.lang.slice(0, 2) : undefined;
      if (isLocale(lang)) applyLocale(request, lang);
      let format: Format = 'json';
      try {
        format = formatOf((request.params as { format?: string }).format);
        return await run(request, reply, format, input);
      } catch (error) {
        if (error instanceof Open311Error) return fail(request, reply, format, error);
        throw error;
      }
    };
  }

  function requestBody(row: Open311Request, locale: 'id' | 'en', extensions: boolean): XmlRecord {
    const body: Record<string, XmlValue> = {
      service_request_id: row.trackingId,
      status: CLOSED_STATUSES.includes(row.status) ? 'closed' : 'open',
      status_notes: row.statusNotes,
      service_name: locale === 'en' ? row.categoryNameEn : row.categoryNameId,
      service_code: row.categoryCode,
      description: row.description,
      agency_responsible: (locale === 'en' ? row.agencyNameEn : row.agencyNameId) ?? null,
      service_notice: null,
      requested_datetime: row.createdAt.toISOString(),
      updated_datetime: row.updatedAt.toISOString(),
      expected_datetime: row.expectedAt?.toISOString() ?? null,
      address: row.address,
      address_id: null,
      zipcode: null,
      lat: row.latitude,
      long: row.longitude,
      media_url: null,
    };
    if (extensions) body.detailed_status = row.status;
    return body;
  }

  return async (app: FastifyInstance) => {
    await app.register(open311KeysRoutes(services));

    app.get<{ Params: { format: string } }>(
      `${BASE}/discovery.:format`,
      { config: PUBLIC },
      handle(async (_request, reply, format) =>
        send(reply, format, 200, 'discovery', undefined, {
          changeset: '2026-12-05T00:00:00Z',
          contact: `${config.publicUrl}/complaints`,
          key_service: `${config.publicUrl}/admin/open311-keys`,
          endpoints: list('endpoint', [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${config.publicUrl}${BASE}`,
              changeset: '2026-12-05T00:00:00Z',
              type: 'production',
              formats: list('format', ['text/xml', 'application/json']),
            },
          ]),
        }),
      ),
    );

    app.get<{ Params: { format: string } }>(
      `${BASE}/services.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format) => {
        const en = request.locale === 'en';
        const rows = (await repository.categories()).map((c) => ({
          service_code: c.code,
          service_name: en ? c.nameEn : c.nameId,
          description: en ? c.descriptionEn : c.descriptionId,
          metadata: false,
          type: 'realtime',
          keywords: c.keywords.join(', '),
          group: c.groupName,
        }));
        return send(reply, format, 200, 'services', 'service', rows);
      }),
    );

    app.get<{ Params: { code: string; format: string } }>(
      `${BASE}/services/:code.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format) => {
        const code = request.params.code;
        const known = SERVICE_CODE.test(code) && (await repository.categories()).some((c) => c.code === code);
        if (!known) throw new Open311Error(404, 'open311.error.service');
        return send(reply, format, 200, 'service_definition', undefined, { service_code: code, attributes: list('attribute', []) });
      }),
    );

    app.get<{ Params: { format: string } }>(
      `${BASE}/requests.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format, input) => {
        await apiKey(input, false);
        const extensions = flag(input, 'extensions') === true;
        const ids = commaList(text(input, 'service_request_id', 2000));
        let rows: Open311Request[];
        if (ids) {
          // The ids override every other filter, as the spec says.
          const valid = ids.map((id) => id.toUpperCase()).filter((id) => TRACKING_ID.test(id));
          rows = await repository.requests({ ids: valid.slice(0, DEFAULT_LIMIT), limit: DEFAULT_LIMIT });
        } else {
          const statuses = commaList(text(input, 'status', 40));
          if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'open311.error.status');
          const status = statuses && statuses.length === 1 ? (statuses[0] as 'open' | 'closed') : undefined;
          const { from, to } = window(input, new Date());
          rows = await repository.requests({
            serviceCodes: commaList(text(input, 'service_code', 2000)),
            status,
            from,
            to,
            limit: DEFAULT_LIMIT,
          });
        }
        return send(
          reply,
          format,
          200,
          'service_requests',
          'request',
          rows.map((row) => requestBody(row, request.locale, extensions)),
        );
      }),
    );

    app.get<{ Params: { id: string; format: string } }>(
      `${BASE}/requests/:id.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format, input) => {
        await apiKey(input, false);
        const id = request.params.id.toUpperCase();
        const rows = TRACKING_ID.test(id) ? await repository.requests({ ids: [id], limit: 1 }) : [];
        const row = rows[0];
        if (!row) throw new Open311Error(404, 'open311.error.request');
        return send(reply, format, 200, 'service_requests', 'request', [requestBody(row, request.locale, flag(input, 'extensions') === true)]);
      }),
    );

    app.get<{ Params: { token: string; format: string } }>(
      `${BASE}/tokens/:token.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format, input) => {
        await apiKey(input, false);
        const token = request.params.token;
        const trackingId = TOKEN.test(token) ? await repository.trackingIdForToken(token) : undefined;
        if (!trackingId) throw new Open311Error(404, 'open311.error.token');
        return send(reply, format, 200, 'service_requests', 'request', [{ service_request_id: trackingId, token }]);
      }),
    );

    app.post<{ Params: { format: string } }>(
      `${BASE}/requests.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format, input) => {
        const key = await apiKey(input, true);
        if (!key) throw new Open311Error(403, 'open311.error.apiKey');
        const serviceCode = text(input, 'service_code', 40);
        if (!serviceCode) throw new Open311Error(400, 'open311.error.required', { field: 'service_code' });
        const latitude = coordinate(input, 'lat', 90);
        const longitude = coordinate(input, 'long', 180);
        const address = text(input, 'address_string', 500);
        if ((latitude === undefined) !== (longitude === undefined)) throw new Open311Error(400, 'open311.error.location');
        if (latitude === undefined && address === undefined) throw new Open311Error(400, 'open311.error.location');
        const description = text(input, 'description', 10000);
        if (!description) throw new Open311Error(400, 'open311.error.required', { field: 'description' });
        const name = [text(input, 'first_name', 100), text(input, 'last_name', 100)].filter(Boolean).join(' ');
        const header = request.headers['idempotency-key'];
        const result = await services.complaints.file(
          {
            kind: 'complaint',
            categoryCode: serviceCode,
            // Loket extension: a title; otherwise the start of the description.
            title: text(input, 'title', 200) ?? description.slice(0, 120),
            description,
            address,
            latitude,
            longitude,
            // Loket extensions; absent means the safe choice (secret and anonymous).
            isSecret: flag(input, 'is_secret'),
            isAnonymous: flag(input, 'is_anonymous'),
            idempotencyKey: typeof header === 'string' && /^[\x21-\x7e]{8,200}$/.test(header) ? header : undefined,
            channel: 'open311',
            locale: request.locale,
          },
          {
            kind: 'open311',
            keyId: key.id,
            name: name || undefined,
            email: text(input, 'email', 200),
            phone: text(input, 'phone', 40),
          },
          requestOrigin(request),
        );
        if (!result.ok) {
          const problem = result.problems[0];
          const field = problem?.field.replace(/^field-/, '') ?? '';
          if (field === 'categoryCode') throw new Open311Error(404, 'open311.error.service');
          throw new Open311Error(400, 'open311.error.invalid', { field, reason: problem ? request.t(problem.key, problem.params) : '' });
        }
        const notice = request.t('open311.notice.received');
        const body = result.open311Token
          ? { token: result.open311Token, service_notice: notice }
          : { service_request_id: result.trackingId, service_notice: notice };
        return send(reply, format, result.replayed ? 200 : 201, 'service_requests', 'request', [body]);
      }),
    );

    app.get<{ Params: { format: string } }>(
      `${BASE}/servicerequestupdates.:format`,
      { config: PUBLIC },
      handle(async (request, reply, format, input) => {
        await apiKey(input, false);
        const { from, to } = window(input, new Date());
        const updates = await repository.updates(from, to, DEFAULT_LIMIT);
        return send(
          reply,
          format,
          200,
          'service_request_updates',
          'request_update',
          updates.map((u) => ({
            update_id: String(u.id),
            service_request_id: u.trackingId,
            status: CLOSED_STATUSES.includes(u.status) ? 'closed' : 'open',
            updated_datetime: u.occurredAt.toISOString(),
            description: u.message ?? request.t(`complaints.event.${u.kind}` as MessageKey),
            media_url: null,
          })),
        );
      }),
    );
  };
}
