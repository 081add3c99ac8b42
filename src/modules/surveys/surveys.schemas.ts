import { Type } from 'typebox';

const Problem = Type.Ref('Problem');
const IsoDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, description: 'A day, yyyy-mm-dd (WIB), included' });
const Id = Type.String({ format: 'uuid', maxLength: 36 });

export const IndexQuerySchema = Type.Object(
  {
    from: IsoDay,
    to: IsoDay,
    agency: Type.Optional({ ...Id, description: 'Only this agency' }),
    unit: Type.Optional({ ...Id, description: 'Only this service unit' }),
    service: Type.Optional({ ...Id, description: 'Only this service' }),
    groupBy: Type.Optional(Type.Union([Type.Literal('agency'), Type.Literal('unit'), Type.Literal('service'), Type.Literal('month')])),
  },
  { additionalProperties: false },
);

const SkmIndexSchema = Type.Object({
  nrr: Type.Array(Type.Number(), { minItems: 9, maxItems: 9, description: 'Average score per element U1–U9 (NRR = sum ÷ respondents)' }),
  ikm: Type.Number({ description: 'Σ NRR × weight, 1–4' }),
  score: Type.Number({ description: 'IKM × 25, 25–100' }),
  grade: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]),
  gradeLabel: Type.String({ description: 'The grade’s name in the request’s language (Sangat Baik, Baik, Kurang Baik, Tidak Baik)' }),
  weight: Type.Number({ description: 'The element weight used: exactly 1/9 unless configured' }),
  sampleRequired: Type.Integer({ description: 'Respondents needed for the population (Krejcie & Morgan)' }),
  sampleAdequate: Type.Boolean(),
});

const IndexResultSchema = Type.Object({
  respondents: Type.Union([Type.Integer({ minimum: 5 }), Type.Null()], { description: 'Respondents; null when fewer than 5 (withheld)' }),
  population: Type.Union([Type.Integer({ minimum: 5 }), Type.Null()], {
    description: 'People served in the period (completed applications and closed complaints); null when fewer than 5 (withheld)',
  }),
  suppressed: Type.Boolean({ description: 'True when fewer than 5 answered: the scores are withheld so that no one can be recognised' }),
  index: Type.Union([SkmIndexSchema, Type.Null()]),
});

export const IndexResponseSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  overall: IndexResultSchema,
  groups: Type.Array(
    Type.Object({
      key: Type.Union([Type.String(), Type.Null()]),
      code: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      ...IndexResultSchema.properties,
    }),
  ),
});

export const indexRouteSchema = {
  tags: ['surveys'],
  summary: 'Public satisfaction index (SKM/IKM)',
  description:
    'The public satisfaction index over a period (PermenPANRB 14/2017): per element the average score (NRR), the index (Σ NRR × 1/9), the ' +
    'converted score (× 25) and grade A–D, the respondents and whether they are enough for the people served (Krejcie & Morgan). ' +
    'Optionally for one agency, unit or service, and per agency, unit, service or month. Groups with fewer than 5 respondents show no scores.',
  querystring: IndexQuerySchema,
  response: { 200: IndexResponseSchema, 400: Problem },
} as const;
