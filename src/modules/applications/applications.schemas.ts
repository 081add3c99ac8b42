import { type Static, Type } from 'typebox';
import { APPLICATION_STATUSES } from './applications.tables.ts';

// Problem responses are the shared schema that platform/http/openapi.ts registers.
const Problem = Type.Ref('Problem');

const Localized = Type.Object({ id: Type.String(), en: Type.String() });
const Status = Type.Enum(APPLICATION_STATUSES, { description: 'submitted, in_review, information_requested, approved, rejected, issued or withdrawn' });
const TrackingNumber = Type.String({ pattern: '^LKT-[0-9A-Z]{4}-[0-9A-Z]{4}$', description: 'LKT-XXXX-XXXX; the last character is a check character' });

export const SubmitApplicationSchema = Type.Object(
  {
    service: Type.String({ minLength: 2, maxLength: 63, description: 'The service code, as in GET /api/v1/services/{code}; its published version is used' }),
    organisationId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Apply on behalf of this organisation (business services); you must be a member' }),
    ),
    answers: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
      description: 'The answers by field name, as the service’s form schema asks them; file fields take { "fileIds": [...] } of your uploads',
    }),
  },
  { additionalProperties: false, title: 'New application' },
);
export type SubmitApplication = Static<typeof SubmitApplicationSchema>;

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Required: 8 to 200 characters, unique per new application. Sending it again returns the first application.' }),
  ),
});

export const FiledApplicationSchema = Type.Object(
  {
    trackingNumber: TrackingNumber,
    status: Status,
    submittedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.String({ format: 'date-time', description: 'When the service’s time limit (in working days) runs out' }),
  },
  { title: 'Filed application' },
);
export type FiledApplicationBody = Static<typeof FiledApplicationSchema>;

export const ApplicationSummarySchema = Type.Object(
  {
    trackingNumber: TrackingNumber,
    status: Status,
    channel: Type.Union([Type.Literal('online'), Type.Literal('counter')]),
    service: Type.Object({ code: Type.String(), name: Localized }),
    agency: Type.Object({ name: Localized }),
    submittedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Application' },
);
export type ApplicationSummaryBody = Static<typeof ApplicationSummarySchema>;

export const ApplicationDetailSchema = Type.Intersect(
  [
    ApplicationSummarySchema,
    Type.Object({
      answers: Type.Record(Type.String(), Type.Unknown(), { description: 'As filed, under the form of the version the application was filed under' }),
      timeline: Type.Array(
        Type.Object({
          kind: Type.String({
            description: 'submitted, received, checked, information_requested, information_provided, decided, issued, withdrawn, claimed, …',
          }),
          occurredAt: Type.String({ format: 'date-time' }),
          agency: Type.Union([Localized, Type.Null()], { description: 'The agency that acted; null when you did' }),
          message: Type.Union([Type.String(), Type.Null()]),
        }),
        { description: 'Newest first' },
      ),
      attachments: Type.Array(Type.Object({ field: Type.String(), fileId: Type.String({ format: 'uuid' }), name: Type.String() })),
    }),
  ],
  { title: 'Application with answers and timeline' },
);
export type ApplicationDetailBody = Static<typeof ApplicationDetailSchema>;

export const TrackingParamsSchema = Type.Object({ trackingNumber: Type.String({ maxLength: 60 }) });

export const submitRouteSchema = {
  tags: ['applications'],
  summary: 'Submit an application',
  description:
    'Files an application for the signed-in citizen (or one of their organisations). The `Idempotency-Key` header is required: ' +
    'a retry with the same key returns the first application (200) instead of filing another (201), also when sent concurrently. ' +
    'Answers are checked against the service’s form; problems come back as 422 with one `invalidParams` entry per field.',
  headers: IdempotencyHeadersSchema,
  body: SubmitApplicationSchema,
  response: { 200: FiledApplicationSchema, 201: FiledApplicationSchema, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
} as const;

export const listRouteSchema = {
  tags: ['applications'],
  summary: 'My applications',
  description: 'Your applications, newest first: online ones and counter ones filed under your NIK.',
  response: { 200: Type.Array(ApplicationSummarySchema), 401: Problem },
} as const;

export const getRouteSchema = {
  tags: ['applications'],
  summary: 'One of my applications',
  description: 'An application of yours with its answers, timeline and attachments. Another person’s answers 404, as one that does not exist.',
  params: TrackingParamsSchema,
  response: { 200: ApplicationDetailSchema, 401: Problem, 404: Problem },
} as const;
