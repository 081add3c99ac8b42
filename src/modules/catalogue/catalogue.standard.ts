import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { LocalizedText } from '../../platform/forms/form-schema.ts';

/**
 * The binding service standard of a service version: the fourteen components of PermenPANRB 15/2014
 * (UU 25/2009 art. 21), each in Bahasa Indonesia and English. The first six concern delivery and are
 * shown before the applicant starts; the other eight concern management and are published too.
 * Stored as JSON beside the version and checked by this schema whenever it is saved.
 */

/** Longer explanations (a paragraph or two); LocalizedText is for labels and titles. */
export const LocalizedLongText = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 4000 }), en: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);
export type LocalizedLongText = Static<typeof LocalizedLongText>;

export const REQUIREMENT_ID_PATTERN = '^[a-z][a-z0-9-]{0,39}$';

/**
 * Where Loket fetches a requirement from instead of asking for an upload: a data product of the
 * exchange (by code), the purpose (one the product permits) and the legal basis of the agency that
 * handles the application, the product's fields it needs (default: all; ask for no more than the
 * decision needs) and how long the applicant's consent lasts. Checked against the exchange's products
 * when a version is published (fetch-requirements.ts).
 */
export const RequirementFetch = Type.Object(
  {
    product: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }),
    purpose: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    legalBasis: LocalizedText,
    fields: Type.Optional(Type.Array(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' }), { minItems: 1, maxItems: 40 })),
    consentMonths: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type RequirementFetch = Static<typeof RequirementFetch>;

/** 1 Requirements: each a document to show or upload, or a data item to state. */
export const Requirement = Type.Object(
  {
    /** Stable within the standard: form file fields name it in `requirement`. */
    id: Type.String({ pattern: REQUIREMENT_ID_PATTERN }),
    kind: Type.Union([Type.Literal('document'), Type.Literal('data')]),
    label: LocalizedText,
    description: Type.Optional(LocalizedLongText),
    /**
     * The code of a data product of another agency from which Loket can fetch this requirement (with
     * the applicant's consent) instead of asking for an upload. Fetching comes with the exchange module.
     */
    fetchableFrom: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,80}$' })),
    /** Fetched once-only through the exchange, with the applicant's consent: see RequirementFetch. */
    fetch: Type.Optional(RequirementFetch),
  },
  { additionalProperties: false },
);
export type Requirement = Static<typeof Requirement>;

/** 2 System, mechanism and procedure: ordered steps. */
export const ProcedureStep = Type.Object({ title: LocalizedText, description: Type.Optional(LocalizedLongText) }, { additionalProperties: false });
export type ProcedureStep = Static<typeof ProcedureStep>;

/** 3 Time limit, in working days (it drives the SLA clock); 0 means the same day. */
export const TimeLimit = Type.Object(
  { workingDays: Type.Integer({ minimum: 0, maximum: 365 }), explanation: LocalizedLongText },
  { additionalProperties: false },
);

/**
 * 4 Cost: free (often by law, which may be named); a fixed amount in rupiah with its legal basis; or
 * an amount that depends on the case (a building retribution by floor area), with its basis and how
 * it is computed.
 */
export const FreeCost = Type.Object({ kind: Type.Literal('free'), legalBasis: Type.Optional(LocalizedText) }, { additionalProperties: false });
export const PaidCost = Type.Object(
  {
    kind: Type.Literal('paid'),
    /** Whole rupiah. */
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
    legalBasis: LocalizedText,
    /** How the amount is set or paid, e.g. a retribution computed from floor area. */
    explanation: Type.Optional(LocalizedLongText),
  },
  { additionalProperties: false },
);
export const VariableCost = Type.Object(
  { kind: Type.Literal('variable'), legalBasis: LocalizedText, explanation: LocalizedLongText },
  { additionalProperties: false },
);
export const Cost = Type.Union([FreeCost, PaidCost, VariableCost]);
export type CostKind = Cost['kind'];
export const COST_KINDS: readonly CostKind[] = ['free', 'paid', 'variable'];
export type Cost = Static<typeof Cost>;

/** 5 Product: what the applicant receives. */
export const Product = Type.Object({ name: LocalizedText, description: LocalizedLongText }, { additionalProperties: false });

/** 6 Handling of complaints, suggestions and input: how, and where (each channel a label and an address). */
export const ComplaintChannel = Type.Object(
  {
    description: LocalizedLongText,
    channels: Type.Array(Type.Object({ label: LocalizedText, contact: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 10,
    }),
  },
  { additionalProperties: false },
);

/** 8 Facilities, with those for vulnerable groups (elderly, disabled, pregnant women, children) named apart. */
export const Facilities = Type.Object({ general: LocalizedLongText, vulnerableGroups: LocalizedLongText }, { additionalProperties: false });

/** 11 Number of staff. */
export const StaffCount = Type.Object(
  { count: Type.Integer({ minimum: 0, maximum: 100_000 }), description: Type.Optional(LocalizedLongText) },
  { additionalProperties: false },
);

export const ServiceStandard = Type.Object(
  {
    requirements: Type.Array(Requirement, { minItems: 1, maxItems: 40 }),
    procedure: Type.Array(ProcedureStep, { minItems: 1, maxItems: 30 }),
    timeLimit: TimeLimit,
    cost: Cost,
    product: Product,
    complaintChannel: ComplaintChannel,
    legalBasis: Type.Array(LocalizedText, { minItems: 1, maxItems: 30 }),
    facilities: Facilities,
    staffCompetence: LocalizedLongText,
    internalSupervision: LocalizedLongText,
    staffCount: StaffCount,
    serviceGuarantee: LocalizedLongText,
    securityGuarantee: LocalizedLongText,
    performanceEvaluation: LocalizedLongText,
    /** Who may apply, beyond the applicant types (e.g. "residents of Kota Bandung"). Not one of the fourteen. */
    eligibility: Type.Optional(LocalizedLongText),
  },
  { additionalProperties: false, $id: 'ServiceStandard', title: 'Service standard (PermenPANRB 15/2014)' },
);
export type ServiceStandard = Static<typeof ServiceStandard>;

/** The fourteen components in the order of PermenPANRB 15/2014, for pages and forms. */
export const DELIVERY_COMPONENTS = ['requirements', 'procedure', 'timeLimit', 'cost', 'product', 'complaintChannel'] as const;
export const MANAGEMENT_COMPONENTS = [
  'legalBasis',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'staffCount',
  'serviceGuarantee',
  'securityGuarantee',
  'performanceEvaluation',
] as const;

const validator = Compile(ServiceStandard);
const costValidators = { free: Compile(FreeCost), paid: Compile(PaidCost), variable: Compile(VariableCost) };

export interface StandardProblem {
  /** Where in the standard, as a JSON pointer: `/requirements/2/label/en`. */
  path: string;
  /** The schema keyword that failed (`minLength`, `pattern`, …), or `unique` for a repeated requirement id. */
  keyword: string;
  message: string;
}

/** Problems that only say something is not filled in yet: a draft may have them, a published version not. */
export function isIncompleteness(problem: StandardProblem): boolean {
  return problem.keyword === 'minLength' || problem.keyword === 'minItems';
}

function costProblems(cost: unknown): StandardProblem[] {
  const given = (cost as { kind?: unknown } | null)?.kind;
  const kind = given === 'paid' || given === 'variable' ? given : 'free';
  return costValidators[kind].Errors(cost).map((error) => ({ path: `/cost${error.instancePath}`, keyword: error.keyword, message: error.message }));
}

/**
 * Checks a standard against the schema and the rules the schema cannot say (unique requirement ids).
 * The cost is checked against the branch its `kind` names, so that problems point at its fields.
 */
export function checkStandard(value: unknown): { ok: true; standard: ServiceStandard } | { ok: false; problems: StandardProblem[] } {
  if (!validator.Check(value)) {
    const errors = validator.Errors(value).filter((error) => !error.instancePath.startsWith('/cost'));
    const problems: StandardProblem[] = errors.map((error) => ({ path: error.instancePath, keyword: error.keyword, message: error.message }));
    const cost = typeof value === 'object' && value !== null ? (value as { cost?: unknown }).cost : undefined;
    if (cost !== undefined) problems.push(...costProblems(cost));
    if (problems.length === 0) problems.push({ path: '', keyword: 'type', message: 'not a service standard' });
    return { ok: false, problems: problems.slice(0, 100) };
  }
  const seen = new Set<string>();
  const problems: StandardProblem[] = [];
  value.requirements.forEach((requirement, index) => {
    if (seen.has(requirement.id)) problems.push({ path: `/requirements/${index}/id`, keyword: 'unique', message: 'duplicate requirement id' });
    seen.add(requirement.id);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, standard: value };
}

const blank = () => ({ id: '', en: '' });

/**
 * The standard of a service just created: the right shape, every text empty. It does not pass
 * checkStandard, so it cannot be published until an admin has filled it in.
 */
export function emptyStandard(): ServiceStandard {
  return {
    requirements: [],
    procedure: [],
    timeLimit: { workingDays: 0, explanation: blank() },
    cost: { kind: 'free' },
    product: { name: blank(), description: blank() },
    complaintChannel: { description: blank(), channels: [] },
    legalBasis: [],
    facilities: { general: blank(), vulnerableGroups: blank() },
    staffCompetence: blank(),
    internalSupervision: blank(),
    staffCount: { count: 0 },
    serviceGuarantee: blank(),
    securityGuarantee: blank(),
    performanceEvaluation: blank(),
  };
}
