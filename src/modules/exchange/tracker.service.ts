import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { SubjectAccess } from './exchange.access.ts';
import type { ExchangeService } from './exchange.service.ts';
import type { AccessChannel, SubjectKind } from './exchange.tables.ts';
import { trackerMessages } from './tracker.messages.ts';

// The citizen's data tracker: the accesses to their data under their NIK and their businesses' NIBs,
// with every code given a label in both languages, for the page and the exports alike.

export interface Named {
  id: string;
  en: string;
}

export interface Labelled {
  code: string;
  label: Named;
}

/** One access as the tracker shows and exports it: the official's role, never their name or account. */
export interface TrackerEntry {
  id: number;
  accessedAt: Date;
  /** Null for Loket's own complaints desk, which belongs to no agency. */
  agency: { code: string; name: Named } | null;
  role: Labelled;
  viaAgencySystem: boolean;
  /** Null when an official opened the person's records in Loket itself. */
  product: { code: string; name: Named } | null;
  fields: Labelled[];
  purpose: Labelled;
  legalBasis: string;
  caseReference: string;
  channel: Labelled & { code: AccessChannel };
}

export interface TrackerSubjects {
  nik: string | null;
  nibs: string[];
}

export interface TrackerPage {
  subjects: TrackerSubjects;
  items: TrackerEntry[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export const TRACKER_PAGE_SIZE = 20;
export const MAX_TRACKER_PAGE = 10_000;
/** An export holds at most this many records, read in pages of the exchange's largest size. */
export const EXPORT_LIMIT = 10_000;
const EXPORT_PAGE_SIZE = 100;

type TrackerKey = keyof typeof trackerMessages.id;

/** The tracker's own label for a code (roles, channels, and officers' views' fields and purposes), if it has one. */
function ownLabel(group: 'role' | 'channel' | 'purpose' | 'field', code: string): Named | undefined {
  const key = `tracker.${group}.${code}`;
  if (!Object.hasOwn(trackerMessages.id, key)) return undefined;
  return { id: trackerMessages.id[key as TrackerKey], en: trackerMessages.en[key as TrackerKey] };
}

const same = (label: Named, code: string) => label.id === code && label.en === code;

/**
 * A product's own labels win; an access with no product (an officer's view) has its codes as labels
 * from the exchange, and gets the tracker's labels for them. An unknown code stays as it is.
 */
export function toEntry(access: SubjectAccess): TrackerEntry {
  const resolve = (group: 'purpose' | 'field', code: string, label: Named): Named => (same(label, code) ? (ownLabel(group, code) ?? label) : label);
  return {
    id: access.id,
    accessedAt: access.accessedAt,
    agency: access.agency,
    role: { code: access.actorRole, label: ownLabel('role', access.actorRole) ?? { id: access.actorRole, en: access.actorRole } },
    viaAgencySystem: access.viaAgencySystem,
    product: access.product,
    fields: access.fields.map((field) => ({ code: field.name, label: resolve('field', field.name, field.label) })),
    purpose: { code: access.purpose.code, label: resolve('purpose', access.purpose.code, access.purpose.label) },
    legalBasis: access.legalBasis,
    caseReference: access.caseReference,
    channel: { code: access.channel, label: ownLabel('channel', access.channel) ?? { id: access.channel, en: access.channel } },
  };
}

export interface TrackerDependencies {
  exchange: Pick<ExchangeService, 'listSubjectAccesses'>;
  /** The person's NIK in clear (the accounts module decrypts it), or null for an account without one. */
  nikOf(actor: SignedInActor): Promise<string | null>;
  /** The NIBs of the businesses the person owns (the accounts module's organisations). */
  nibsOf(actor: SignedInActor): Promise<string[]>;
}

export function createTrackerService({ exchange, nikOf, nibsOf }: TrackerDependencies) {
  async function subjectsOf(actor: SignedInActor): Promise<TrackerSubjects> {
    if (actor.kind !== 'citizen') return { nik: null, nibs: [] };
    const [nik, nibs] = await Promise.all([nikOf(actor), nibsOf(actor)]);
    return { nik, nibs };
  }

  const keys = (subjects: TrackerSubjects): { kind: SubjectKind; key: string }[] => [
    ...(subjects.nik ? [{ kind: 'nik' as const, key: subjects.nik }] : []),
    ...subjects.nibs.map((nib) => ({ kind: 'nib' as const, key: nib })),
  ];

  return {
    /**
     * One page of the accesses to the signed-in person's data (by NIK and owned businesses' NIBs),
     * newest first, without the ones still withheld for law enforcement. Staff accounts, which have
     * no NIK, get an empty page. A page past the last is empty, never an error.
     */
    async page(actor: SignedInActor, page: number): Promise<TrackerPage> {
      const subjects = await subjectsOf(actor);
      const result = await exchange.listSubjectAccesses(keys(subjects), { page, pageSize: TRACKER_PAGE_SIZE });
      return {
        subjects,
        items: result.items.map(toEntry),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
      };
    },

    /** Every visible access (up to EXPORT_LIMIT), in the page's order, for the CSV and JSON exports. */
    async all(actor: SignedInActor): Promise<TrackerEntry[]> {
      const subjects = keys(await subjectsOf(actor));
      const seen = new Map<number, TrackerEntry>();
      for (let page = 1; page <= EXPORT_LIMIT / EXPORT_PAGE_SIZE; page += 1) {
        const result = await exchange.listSubjectAccesses(subjects, { page, pageSize: EXPORT_PAGE_SIZE });
        // A record added while paging shifts the pages by one: the id keeps it from appearing twice.
        for (const item of result.items) if (!seen.has(item.id)) seen.set(item.id, toEntry(item));
        if (result.items.length < EXPORT_PAGE_SIZE || page * EXPORT_PAGE_SIZE >= result.total) break;
      }
      return [...seen.values()];
    },
  };
}

export type TrackerService = ReturnType<typeof createTrackerService>;
