import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import type { PublicComplaintSummary } from './complaints.contract.ts';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';
import { fileComplaintRouteSchema, myComplaintsRouteSchema, publicComplaintRouteSchema } from './complaints.schemas.ts';

const SELF = { access: { permission: 'account.self' as const } };
const KEY = /^[\x21-\x7e]{8,200}$/;

const complaintApiErrors = {
  idempotencyKeyRequired: () =>
    new AppError('complaints.idempotency_key_required', 400, 'open311.api.error.idempotencyKey.title', 'open311.api.error.idempotencyKey.text'),
  invalid: (params: { name: string; reason: string }[]) =>
    new AppError('complaints.invalid', 422, 'open311.api.error.invalid.title', 'open311.api.error.invalid.text', params),
};

function summaryBody(complaint: PublicComplaintSummary) {
  return {
    trackingId: complaint.trackingId,
    kind: complaint.kind,
    category: { code: complaint.category.code, name: complaint.category.name },
    title: complaint.title,
    status: complaint.status,
    agency: complaint.agency ? { code: complaint.agency.code, name: complaint.agency.name } : null,
    region: complaint.place.regionName,
    createdAt: complaint.createdAt.toISOString(),
    updatedAt: complaint.updatedAt.toISOString(),
    reportedBy: complaint.reportedBy,
  };
}

/** The JSON API for reporters (filing with an idempotency key, reading one's reports). */
export function complaintsApi({ services }: ComplaintsRoutesOptions) {
  // Reporter data: no shared cache may keep it.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post('/api/v1/complaints', { config: SELF, schema: fileComplaintRouteSchema }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !KEY.test(key)) throw complaintApiErrors.idempotencyKeyRequired();
      const actor = signedInActor(request);
      const { category, ...rest } = request.body;
      const result = await services.complaints.file(
        { ...rest, categoryCode: category, idempotencyKey: key, channel: 'web', locale: request.locale },
        { kind: 'account', accountId: actor.accountId },
        requestOrigin(request),
      );
      if (!result.ok) {
        throw complaintApiErrors.invalid(
          result.problems.map((problem) => ({ name: problem.field.replace(/^field-/, ''), reason: request.t(problem.key, problem.params) })),
        );
      }
      noStore(reply).code(result.replayed ? 200 : 201);
      if (!result.replayed) reply.header('location', `/api/v1/complaints/${result.trackingId}`);
      return { trackingId: result.trackingId, replayed: result.replayed };
    });

    api.get('/api/v1/complaints/:trackingId', { config: { access: 'public' }, schema: publicComplaintRouteSchema }, async (request) => {
      const complaint = await services.complaints.publicView(request.params.trackingId.toUpperCase());
      if (!complaint) throw authErrors.notFound();
      return {
        ...summaryBody(complaint),
        description: complaint.description,
        resolveDueAt: complaint.resolveDueAt?.toISOString() ?? null,
        timeline: complaint.timeline.map((event) => ({
          kind: event.kind,
          occurredAt: event.occurredAt.toISOString(),
          actorRole: event.actorRole,
          message: event.message,
        })),
      };
    });

    api.get('/api/v1/me/complaints', { config: SELF, schema: myComplaintsRouteSchema }, async (request, reply) => {
      const page = await services.complaints.myComplaints(signedInActor(request).accountId, request.query.page);
      noStore(reply);
      return {
        items: page.items.map((complaint) => ({ ...summaryBody(complaint), isSecret: complaint.isSecret, isAnonymous: complaint.isAnonymous })),
        total: page.total,
        page: page.page,
      };
    });
  };
}
