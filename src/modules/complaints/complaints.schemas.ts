import { Type } from 'typebox';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from './complaints.tables.ts';

// Problem responses are the shared schema that platform/http/openapi.ts registers.
const Problem = Type.Ref('Problem');

const Localized = Type.Object({ id: Type.String(), en: Type.String() });
const TrackingId = Type.String({ pattern: '^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$', description: 'ADU-XXXX-XXXX; the last character is a check character' });
const Status = Type.Enum(COMPLAINT_STATUSES, { description: 'unverified, not_followed_up, in_process, done, closed, archived or postponed' });

export const FileComplaintSchema = Type.Object(
  {
    kind: Type.Enum(COMPLAINT_KINDS),
    category: Type.String({ minLength: 1, maxLength: 63, description: 'A category code' }),
    title: Type.String({ maxLength: 300 }),
    description: Type.String({ maxLength: 10000 }),
    incidentDate: Type.Optional(Type.String({ maxLength: 10, description: 'yyyy-mm-dd, not in the future' })),
    regionCode: Type.Optional(Type.String({ maxLength: 20 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    isSecret: Type.Optional(Type.Boolean({ description: 'Defaults to true: the report is not published' })),
    isAnonymous: Type.Optional(Type.Boolean({ description: 'Defaults to true: the agency does not see who reported' })),
    applicationTrackingNumber: Type.Optional(Type.String({ maxLength: 60 })),
    fileIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10 })),
  },
  { additionalProperties: false, title: 'New complaint' },
);

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Required: 8 to 200 characters, unique per new report. Sending it again returns the first report.' }),
  ),
});

const Filed = Type.Object({ trackingId: TrackingId, replayed: Type.Boolean() }, { title: 'Filed complaint' });

const SummaryProperties = {
  trackingId: TrackingId,
  kind: Type.Enum(COMPLAINT_KINDS),
  category: Type.Object({ code: Type.String(), name: Localized }),
  title: Type.String(),
  status: Status,
  agency: Type.Union([Type.Object({ code: Type.String(), name: Localized }), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  reportedBy: Type.Integer(),
};

export const ComplaintSummarySchema = Type.Object(SummaryProperties, { title: 'Complaint' });

export const PublicComplaintSchema = Type.Object(
  {
    ...SummaryProperties,
    description: Type.String({ description: 'With NIK-like numbers, e-mail addresses and phone numbers masked' }),
    resolveDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    timeline: Type.Array(
      Type.Object({
        kind: Type.String(),
        occurredAt: Type.String({ format: 'date-time' }),
        actorRole: Type.String(),
        message: Type.Union([Type.String(), Type.Null()]),
      }),
      { description: 'Public events, oldest first' },
    ),
  },
  { title: 'Public complaint' },
);

export const MyComplaintSchema = Type.Object({ ...SummaryProperties, isSecret: Type.Boolean(), isAnonymous: Type.Boolean() }, { title: 'My complaint' });

export const fileComplaintRouteSchema = {
  summary: 'File a complaint, aspiration or information request',
  tags: ['complaints'],
  headers: IdempotencyHeaders,
  body: FileComplaintSchema,
  response: { 200: Filed, 201: Filed, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
} as const;

export const publicComplaintRouteSchema = {
  summary: 'A public report (secret and merged reports are not found)',
  tags: ['complaints'],
  params: Type.Object({ trackingId: Type.String({ maxLength: 60 }) }),
  response: { 200: PublicComplaintSchema, 404: Problem },
} as const;

export const myComplaintsRouteSchema = {
  summary: 'The signed-in reporter’s reports, newest first',
  tags: ['complaints'],
  querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) }),
  response: {
    200: Type.Object({ items: Type.Array(MyComplaintSchema), total: Type.Integer(), page: Type.Integer() }),
    400: Problem,
    401: Problem,
  },
} as const;
