import type { LocalizedText } from '../../platform/forms/form-schema.ts';
import type { LocalizedLongText, ServiceStandard } from './catalogue.standard.ts';

/**
 * The service standard as the flat fields of the back-office form, and back. Each input's name is its
 * path in the standard (`std.requirements.0.label.en`), so that a problem the schema reports at
 * `/requirements/0/label/en` lands on that input. Blank rows of a list are dropped; numbers that do not
 * parse stay text, so that the schema names them.
 */

export type StandardFields = ReadonlyMap<string, string>;

export const PREFIX = 'std.';
const MAX_FIELDS = 3000;
const MAX_VALUE = 5000;
/** Rows read per list: more than any schema allows, so that "too many" is reported rather than cut. */
const MAX_ROWS = 60;

/** The std.* fields of a posted form, as text. Anything else (arrays, other names) is ignored. */
export function standardFieldsFromBody(body: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (typeof body !== 'object' || body === null) return fields;
  for (const [key, value] of Object.entries(body)) {
    if (fields.size >= MAX_FIELDS) break;
    if (key.startsWith(PREFIX) && key.length <= 80 && typeof value === 'string') fields.set(key, value.slice(0, MAX_VALUE));
  }
  return fields;
}

/** How many rows a list has in the fields (the highest index present, plus one). */
export function rowCount(fields: StandardFields, list: string): number {
  const prefix = `${PREFIX}${list}.`;
  let count = 0;
  for (const key of fields.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(index) && index < MAX_ROWS) count = Math.max(count, index + 1);
  }
  return count;
}

function text(fields: StandardFields, key: string): string {
  return (fields.get(`${PREFIX}${key}`) ?? '').trim();
}

function pair(fields: StandardFields, key: string): LocalizedLongText {
  return { id: text(fields, `${key}.id`), en: text(fields, `${key}.en`) };
}

/** An optional text pair: absent when both languages are blank. */
function optionalPair(fields: StandardFields, key: string): LocalizedLongText | undefined {
  const value = pair(fields, key);
  return value.id === '' && value.en === '' ? undefined : value;
}

/** Whole numbers as people type them ("30.000", "Rp 30.000"); anything else stays text for the schema to refuse. */
function whole(value: string): number | string {
  const digits = value.replace(/^rp\s*/i, '').replace(/[.\s]/g, '');
  return /^\d{1,13}$/.test(digits) ? Number(digits) : value;
}

function rows<T>(fields: StandardFields, list: string, read: (key: string) => T | undefined): T[] {
  const count = rowCount(fields, list);
  const result: T[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = read(`${list}.${index}`);
    if (row !== undefined) result.push(row);
  }
  return result;
}

function blankRow(...values: (string | undefined)[]): boolean {
  return values.every((value) => value === undefined || value === '');
}

/** A requirement id from its label when the admin left it blank: `fotokopi-kartu-keluarga`. */
function slug(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'syarat';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * Where a requirement is fetched from (catalogue.standard.ts RequirementFetch): absent when every one of
 * its inputs is blank. The product's field names are typed separated by commas.
 */
function fetchFromFields(fields: StandardFields, key: string) {
  const product = text(fields, `${key}.product`);
  const purpose = text(fields, `${key}.purpose`);
  const legalBasis = pair(fields, `${key}.legalBasis`);
  const names = text(fields, `${key}.fields`);
  const months = text(fields, `${key}.consentMonths`);
  if (blankRow(product, purpose, legalBasis.id, legalBasis.en, names, months)) return undefined;
  const list = names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return { product, purpose, legalBasis, ...(list.length > 0 ? { fields: list } : {}), consentMonths: whole(months) };
}

/** The standard from the form's fields. Not checked here: checkStandard says what is wrong with it. */
export function standardFromFields(fields: StandardFields): unknown {
  const takenIds = new Set<string>();
  const requirements = rows(fields, 'requirements', (key) => {
    const label = pair(fields, `${key}.label`);
    const description = optionalPair(fields, `${key}.description`);
    const fetchableFrom = text(fields, `${key}.fetchableFrom`);
    const fetch = fetchFromFields(fields, `${key}.fetch`);
    const given = text(fields, `${key}.id`);
    if (blankRow(given, label.id, label.en, description?.id, description?.en, fetchableFrom) && !fetch) return undefined;
    const id = given || slug(label.id || label.en, takenIds);
    takenIds.add(id);
    return {
      id,
      kind: text(fields, `${key}.kind`) === 'data' ? 'data' : 'document',
      label,
      ...(description ? { description } : {}),
      ...(fetchableFrom ? { fetchableFrom } : {}),
      ...(fetch ? { fetch } : {}),
    };
  });
  const procedure = rows(fields, 'procedure', (key) => {
    const title = pair(fields, `${key}.title`);
    const description = optionalPair(fields, `${key}.description`);
    if (blankRow(title.id, title.en, description?.id, description?.en)) return undefined;
    return { title, ...(description ? { description } : {}) };
  });
  const legalBasis = rows(fields, 'legalBasis', (key) => {
    const basis = pair(fields, key);
    return blankRow(basis.id, basis.en) ? undefined : basis;
  });
  const channels = rows(fields, 'complaintChannel.channels', (key) => {
    const label = pair(fields, `${key}.label`);
    const contact = text(fields, `${key}.contact`);
    return blankRow(label.id, label.en, contact) ? undefined : { label, contact };
  });
  const costKind = text(fields, 'cost.kind');
  const costBasis = optionalPair(fields, 'cost.legalBasis');
  const costExplanation = optionalPair(fields, 'cost.explanation');
  const cost =
    costKind === 'paid'
      ? {
          kind: 'paid',
          amount: whole(text(fields, 'cost.amount')),
          legalBasis: costBasis ?? { id: '', en: '' },
          ...(costExplanation ? { explanation: costExplanation } : {}),
        }
      : costKind === 'variable'
        ? { kind: 'variable', legalBasis: costBasis ?? { id: '', en: '' }, explanation: costExplanation ?? { id: '', en: '' } }
        : { kind: 'free', ...(costBasis ? { legalBasis: costBasis } : {}) };
  const staffDescription = optionalPair(fields, 'staffCount.description');
  const eligibility = optionalPair(fields, 'eligibility');
  return {
    requirements,
    procedure,
    timeLimit: { workingDays: whole(text(fields, 'timeLimit.workingDays')), explanation: pair(fields, 'timeLimit.explanation') },
    cost,
    product: { name: pair(fields, 'product.name'), description: pair(fields, 'product.description') },
    complaintChannel: { description: pair(fields, 'complaintChannel.description'), channels },
    legalBasis,
    facilities: { general: pair(fields, 'facilities.general'), vulnerableGroups: pair(fields, 'facilities.vulnerableGroups') },
    staffCompetence: pair(fields, 'staffCompetence'),
    internalSupervision: pair(fields, 'internalSupervision'),
    staffCount: { count: whole(text(fields, 'staffCount.count')), ...(staffDescription ? { description: staffDescription } : {}) },
    serviceGuarantee: pair(fields, 'serviceGuarantee'),
    securityGuarantee: pair(fields, 'securityGuarantee'),
    performanceEvaluation: pair(fields, 'performanceEvaluation'),
    ...(eligibility ? { eligibility } : {}),
  };
}

/** The form's fields for a stored standard: what the editor shows before any change. */
export function fieldsFromStandard(standard: ServiceStandard): Map<string, string> {
  const fields = new Map<string, string>();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined) fields.set(`${PREFIX}${key}`, String(value));
  };
  const setPair = (key: string, value: LocalizedText | LocalizedLongText | undefined) => {
    set(`${key}.id`, value?.id);
    set(`${key}.en`, value?.en);
  };
  standard.requirements.forEach((requirement, index) => {
    const key = `requirements.${index}`;
    set(`${key}.id`, requirement.id);
    set(`${key}.kind`, requirement.kind);
    setPair(`${key}.label`, requirement.label);
    setPair(`${key}.description`, requirement.description);
    set(`${key}.fetchableFrom`, requirement.fetchableFrom);
    if (requirement.fetch) {
      set(`${key}.fetch.product`, requirement.fetch.product);
      set(`${key}.fetch.purpose`, requirement.fetch.purpose);
      setPair(`${key}.fetch.legalBasis`, requirement.fetch.legalBasis);
      set(`${key}.fetch.fields`, requirement.fetch.fields?.join(', '));
      set(`${key}.fetch.consentMonths`, requirement.fetch.consentMonths);
    }
  });
  standard.procedure.forEach((step, index) => {
    setPair(`procedure.${index}.title`, step.title);
    setPair(`procedure.${index}.description`, step.description);
  });
  set('timeLimit.workingDays', standard.timeLimit.workingDays);
  setPair('timeLimit.explanation', standard.timeLimit.explanation);
  set('cost.kind', standard.cost.kind);
  if (standard.cost.kind === 'paid') set('cost.amount', standard.cost.amount);
  if (standard.cost.kind !== 'free') setPair('cost.explanation', standard.cost.explanation);
  setPair('cost.legalBasis', standard.cost.legalBasis);
  setPair('product.name', standard.product.name);
  setPair('product.description', standard.product.description);
  setPair('complaintChannel.description', standard.complaintChannel.description);
  standard.complaintChannel.channels.forEach((channel, index) => {
    setPair(`complaintChannel.channels.${index}.label`, channel.label);
    set(`complaintChannel.channels.${index}.contact`, channel.contact);
  });
  standard.legalBasis.forEach((basis, index) => {
    setPair(`legalBasis.${index}`, basis);
  });
  setPair('facilities.general', standard.facilities.general);
  setPair('facilities.vulnerableGroups', standard.facilities.vulnerableGroups);
  setPair('staffCompetence', standard.staffCompetence);
  setPair('internalSupervision', standard.internalSupervision);
  set('staffCount.count', standard.staffCount.count);
  setPair('staffCount.description', standard.staffCount.description);
  setPair('serviceGuarantee', standard.serviceGuarantee);
  setPair('securityGuarantee', standard.securityGuarantee);
  setPair('performanceEvaluation', standard.performanceEvaluation);
  setPair('eligibility', standard.eligibility);
  return fields;
}
