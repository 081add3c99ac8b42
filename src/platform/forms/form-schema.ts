import { type Static, Type } from 'typebox';

/**
 * The declarative form of a service version, stored as JSON beside the version and validated by this
 * meta-schema when an agency admin saves it. Labels and hints carry both languages. A form is pages of
 * fields; the applicant sees one page (one question group) at a time, then a check-answers page.
 */

export const LocalizedText = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedText>;

/** Show the field only when another field of the form has one of these values. */
export const Condition = Type.Object(
  {
    field: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
    equals: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

const Option = Type.Object({ value: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }), label: LocalizedText }, { additionalProperties: false });

const common = {
  /** Stable within the form: the key of the answer in the submitted data. */
  name: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
  label: LocalizedText,
  hint: Type.Optional(LocalizedText),
  required: Type.Boolean(),
  showWhen: Type.Optional(Condition),
  /** Filled from the applicant's profile when known (and marked so on the page). */
  prefill: Type.Optional(Type.Union([Type.Literal('fullName'), Type.Literal('nik'), Type.Literal('email'), Type.Literal('phone'), Type.Literal('birthDate')])),
};

export const TextField = Type.Object(
  {
    type: Type.Union([Type.Literal('text'), Type.Literal('longText')]),
    ...common,
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    /** A regular expression the whole answer must match (checked for safety when the form is saved). */
    pattern: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TextField = Static<typeof TextField>;

export const NumberField = Type.Object(
  {
    type: Type.Union([Type.Literal('number'), Type.Literal('money')]),
    ...common,
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type NumberField = Static<typeof NumberField>;

export const DateField = Type.Object(
  {
    type: Type.Literal('date'),
    ...common,
    /** ISO dates, or 'today'. */
    min: Type.Optional(Type.String({ maxLength: 10 })),
    max: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type DateField = Static<typeof DateField>;

export const IdentifierField = Type.Object(
  { type: Type.Union([Type.Literal('nik'), Type.Literal('nib'), Type.Literal('phone'), Type.Literal('email')]), ...common },
  { additionalProperties: false },
);
export type IdentifierField = Static<typeof IdentifierField>;

export const ChoiceField = Type.Object(
  {
    type: Type.Union([Type.Literal('select'), Type.Literal('radios'), Type.Literal('checkboxes')]),
    ...common,
    options: Type.Array(Option, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ChoiceField = Static<typeof ChoiceField>;

/**
 * Province and regency/city by Kemendagri code (validated against the region table), district and
 * village as typed (the full village list is not shipped), and the street address.
 */
export const AddressField = Type.Object({ type: Type.Literal('address'), ...common }, { additionalProperties: false });
export type AddressField = Static<typeof AddressField>;

export const GeoPointField = Type.Object({ type: Type.Literal('geoPoint'), ...common }, { additionalProperties: false });
export type GeoPointField = Static<typeof GeoPointField>;

export const FileField = Type.Object(
  {
    type: Type.Literal('file'),
    ...common,
    accept: Type.Array(Type.Union([Type.Literal('application/pdf'), Type.Literal('image/jpeg'), Type.Literal('image/png')]), { minItems: 1, maxItems: 3 }),
    maxSizeBytes: Type.Integer({ minimum: 1024, maximum: 20 * 1024 * 1024 }),
    maxFiles: Type.Integer({ minimum: 1, maximum: 10 }),
    /** The service requirement this upload satisfies, when one can be fetched from another agency instead. */
    requirement: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type FileField = Static<typeof FileField>;

/** The profile facts a field can be prefilled from. */
export type PrefillSource = NonNullable<Static<typeof TextField>['prefill']>;

export const Field = Type.Union([TextField, NumberField, DateField, IdentifierField, ChoiceField, AddressField, GeoPointField, FileField]);
export type Field = Static<typeof Field>;
export type FieldType = Field['type'];

/** One question group per page: past these, a form is too long to fill in on a phone. */
export const MAX_FIELDS_PER_PAGE = 30;
export const MAX_PAGES = 30;

export const FormPage = Type.Object(
  {
    /** Stable within the form: used in the page URL. */
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
    title: LocalizedText,
    description: Type.Optional(LocalizedText),
    fields: Type.Array(Field, { minItems: 1, maxItems: MAX_FIELDS_PER_PAGE }),
  },
  { additionalProperties: false },
);
export type FormPage = Static<typeof FormPage>;

export const FormSchema = Type.Object(
  {
    /** Meta-schema version, so stored forms can be read after this file changes. */
    schemaVersion: Type.Literal(1),
    pages: Type.Array(FormPage, { minItems: 1, maxItems: MAX_PAGES }),
  },
  { additionalProperties: false, $id: 'FormSchema', title: 'Form schema' },
);
export type FormSchema = Static<typeof FormSchema>;

/** The answer to one field as stored: text, a number, a list of choices, an address, a point, or file ids. */
export type AddressValue = { provinceCode: string; regencyCode: string; district: string; village: string; street: string };
/** Decimal degrees (WGS 84). */
export type GeoPointValue = { lat: number; lng: number };
/** Ids of files the storage module holds for this answer, in upload order. */
export type FileValue = { fileIds: string[] };
export type FieldValue = string | number | string[] | AddressValue | GeoPointValue | FileValue;
export type FormData = Record<string, FieldValue>;
