import { Type } from 'typebox';

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
