import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FormData } from '../../platform/forms/form-schema.ts';
import { requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { applicationErrors } from './applications.errors.ts';
import { type ApplicationSummaryBody, getRouteSchema, listRouteSchema, submitRouteSchema } from './applications.schemas.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { ApplicationSummary } from './reading.service.ts';

const SELF = { access: { permission: 'account.self' as const } };
const KEY = /^[\x21-\x7e]{8,200}$/;

function summaryBody(application: ApplicationSummary): ApplicationSummaryBody {
  return {
    trackingNumber: application.trackingNumber,
    status: application.status,
    channel: application.channel,
    service: { code: application.serviceCode, name: application.serviceName },
    agency: { name: application.agencyName },
    submittedAt: application.submittedAt.toISOString(),
    dueAt: application.dueAt.toISOString(),
  };
}

/** The applications JSON API: submit (idempotent), list one's own, read one of one's own. */
export function applicationsApi({ applications }: { applications: ApplicationsService }) {
  // Personal data: no shared cache may keep it.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post('/api/v1/applications', { config: SELF, schema: submitRouteSchema }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !KEY.test(key)) throw applicationErrors.idempotencyKeyRequired();
      const result = await applications.submitOnline(
        signedInActor(request),
        { serviceCode: request.body.service, organisationId: request.body.organisationId, answers: request.body.answers as FormData, idempotencyKey: key },
        requestOrigin(request),
      );
      if (!result.ok) {
        throw applicationErrors.invalidAnswers(
          result.problems.map((problem) => ({ name: problem.field.replace(/^field-/, ''), reason: request.t(problem.key, problem.params) })),
        );
      }
      const { application } = result;
      noStore(reply).code(result.created ? 201 : 200);
      if (result.created) reply.header('location', `/api/v1/applications/${application.trackingNumber}`);
      return {
        trackingNumber: application.trackingNumber,
        status: application.status,
        submittedAt: application.submittedAt.toISOString(),
        dueAt: application.dueAt.toISOString(),
      };
    });

    api.get('/api/v1/applications', { config: SELF, schema: listRouteSchema }, async (request, reply) => {
      noStore(reply);
      return (await applications.listMine(signedInActor(request))).map(summaryBody);
    });

    api.get('/api/v1/applications/:trackingNumber', { config: SELF, schema: getRouteSchema }, async (request, reply) => {
      const detail = await applications.getForApplicant(signedInActor(request), request.params.trackingNumber);
      noStore(reply);
      return {
        ...summaryBody(detail),
        answers: detail.answers,
        timeline: detail.timeline.map((event) => ({
          kind: event.kind,
          occurredAt: event.occurredAt.toISOString(),
          agency: event.agencyName,
          message: event.message,
        })),
        attachments: detail.attachments.map((a) => ({ field: a.fieldName, fileId: a.fileId, name: a.name })),
      };
    });
  };
}
