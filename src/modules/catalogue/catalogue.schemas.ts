import { type Static, Type } from 'typebox';
import { FormSchema } from '../../platform/forms/form-schema.ts';
import { ServiceStandard } from './catalogue.standard.ts';
import { APPLICANT_TYPES, CHANNELS, LIFE_EVENTS, PRIORITY_GROUPS } from './catalogue.vocabulary.ts';

export const AgencySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String({ description: 'Stable short code of the agency' }),
    level: Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('regency'), Type.Literal('city')]),
    regionCode: Type.Union([Type.String({ description: 'Kemendagri region code' }), Type.Null()]),
    regionName: Type.Union([Type.String(), Type.Null()]),
    name: Type.String({ description: 'Name in the language of the request' }),
    unitCount: Type.Integer({ minimum: 0 }),
  },
  { $id: 'Agency', title: 'Agency' },
);

export const AgencyListSchema = Type.Object({ items: Type.Array(Type.Ref('Agency')) });

const Problem = Type.Ref('Problem');
const code = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description });
const ApplicantTypeSchema = Type.Union(APPLICANT_TYPES.map((type) => Type.Literal(type)));
const ChannelSchema = Type.Union(CHANNELS.map((channel) => Type.Literal(channel)));
const LifeEventSchema = Type.Union(LIFE_EVENTS.map((event) => Type.Literal(event)));
const PriorityGroupSchema = Type.Union(PRIORITY_GROUPS.map((group) => Type.Literal(group)));

const common = {
  code: code('Stable code of the service, as in /services/{code}'),
  name: Type.String({ description: 'Name in the language of the request' }),
  summary: Type.String({ description: 'One-sentence summary in the language of the request' }),
  agency: Type.Object({ code: code('Code of the agency'), name: Type.String({ description: 'Name in the language of the request' }) }),
  lifeEvents: Type.Array(LifeEventSchema),
  applicantTypes: Type.Array(ApplicantTypeSchema),
  channels: Type.Array(ChannelSchema),
  timeLimitWorkingDays: Type.Integer({ minimum: 0, description: 'Time limit of the service standard, in working days (0: the same day)' }),
  costKind: Type.Union([Type.Literal('free'), Type.Literal('paid'), Type.Literal('variable')], {
    description: 'free; paid (a fixed amount, costAmount); or variable (computed per application, see standard.cost)',
  }),
  costAmount: Type.Integer({ minimum: 0, description: 'The fixed cost in rupiah; 0 when free or variable' }),
};

export const ServiceSummarySchema = Type.Object(common, { title: 'Service summary' });

export const ServiceListSchema = Type.Object(
  {
    q: Type.String({ description: 'The query as searched (cut to 200 characters, cleaned)' }),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageCount: Type.Integer({ minimum: 0 }),
    pageSize: Type.Integer({ minimum: 1 }),
    items: Type.Array(ServiceSummarySchema),
  },
  { title: 'Service search results' },
);

export const ServiceDetailSchema = Type.Object(
  {
    ...common,
    versionId: Type.String({ format: 'uuid', description: 'Id of the published version; applications record it' }),
    version: Type.Integer({ minimum: 1 }),
    publishedAt: Type.String({ format: 'date-time' }),
    priorityGroups: Type.Array(PriorityGroupSchema),
    standard: Type.Ref('ServiceStandard'),
    form: Type.Ref('FormSchema'),
  },
  { title: 'Service' },
);
export type ServiceDetail = Static<typeof ServiceDetailSchema>;

export const ServiceListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 2000, description: 'Words to search for; misspellings are tolerated. Longer than 200 characters is cut.' })),
  agency: Type.Optional(Type.String({ maxLength: 100, description: 'Only services of the agency with this code' })),
  lifeEvent: Type.Optional(
    Type.Array(LifeEventSchema, { maxItems: LIFE_EVENTS.length, description: 'Only services for any of these life events (repeat the parameter)' }),
  ),
  applicantType: Type.Optional(ApplicantTypeSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
});

export const listServicesRouteSchema = {
  tags: ['catalogue'],
  summary: 'Search services',
  description:
    'Published services, best match first: full text (Indonesian stemming) on the whole query and each word also by similarity, so that ' +
    '"akte lahir" finds "Akta Kelahiran". Without `q`, every published service by name. 20 per page.',
  querystring: ServiceListQuerySchema,
  response: { 200: ServiceListSchema, 400: Problem },
} as const;

export const getServiceRouteSchema = {
  tags: ['catalogue'],
  summary: 'Read a service',
  description: 'The published version of a service: its service standard (PermenPANRB 15/2014, both languages) and the form an application fills in.',
  params: Type.Object({ code: Type.String({ maxLength: 200, description: 'Code of the service' }) }),
  response: { 200: ServiceDetailSchema, 404: Problem },
} as const;

/**
 * Shared schemas the catalogue's responses refer to by $id; app.ts adds each once. FormSchema belongs
 * to platform/forms and other modules refer to it too, so app.ts skips an $id already added.
 */
export const CATALOGUE_SCHEMAS = [AgencySchema, ServiceStandard, FormSchema].map((schema) => schema as typeof schema & { $id: string });
