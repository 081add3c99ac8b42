import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { type AccessPage, type AccessRecordInput, insertAccess, releaseCase, subjectAccessPage } from './exchange.access.ts';
import { createProductsRepository, type DataProduct } from './exchange.products.ts';
import { createHttpProvider, type HttpProvider, type HttpProviderOptions, type ProviderOutcome } from './exchange.provider-http.ts';
import { readRegistryPayload } from './exchange.registry.ts';
import { canonicalJson, normalizeSubjectKey, sha256Hex, subjectIndex } from './exchange.subjects.ts';
import type { AccessChannel, SubjectKind } from './exchange.tables.ts';

/** Who asks: an agency, through one of its officials (account and role) or one of its API clients. */
export interface FetchActor {
  agencyId: string;
  accountId?: string | null | undefined;
  /** The official's role (`officer`, or the role an agency system names for its official). */
  role: string;
  clientId?: string | null | undefined;
}

export interface FetchRequest {
  productCode: string;
  /** NIK, KK number or NIB, as typed (separators allowed). */
  subjectKey: string;
  purpose: string;
  legalBasis: string;
  caseReference: string;
  actor: FetchActor;
  /** Default `application`. */
  channel?: AccessChannel | undefined;
  /** A subset of the product's fields; default all of them. */
  fields?: readonly string[] | undefined;
}

export interface Provenance {
  productCode: string;
  productName: { id: string; en: string };
  providerAgency: { id: string; code: string; name: { id: string; en: string } };
  source: 'registry' | 'http';
  fetchedAt: Date;
  /** SHA-256 (hex) of canonicalJson({product, providerAgency: code, fetchedAt, data}). */
  sha256: string;
  /** The data-tracker record this fetch wrote. */
  accessId: number;
}

export type FetchFailure =
  | 'unknown_product'
  | 'invalid_request'
  | 'invalid_subject'
  | 'unknown_field'
  | 'agency_not_permitted'
  | 'purpose_not_permitted'
  | 'not_found'
  | 'provider_unavailable';

export type FetchResult =
  | { ok: true; data: Record<string, unknown>; fields: string[]; provenance: Provenance }
  | { ok: false; reason: FetchFailure; retryAfterMs?: number };

export interface ExchangeServiceOptions {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  blindIndexKey: Buffer;
  /** Overrides of the http adapter's settings (tests: short cool-downs). */
  providerOptions?: Partial<HttpProviderOptions> | undefined;
}

const PRODUCT_CACHE_MS = 10_000;
const TEXT = /^[^\p{Cc}]+$/u;

function validText(value: string, max: number): boolean {
  return value.trim().length > 0 && value.length <= max && TEXT.test(value);
}

/** The hash a fetch's provenance carries; a recipient recomputes it from what it was given. */
export function provenanceHash(productCode: string, providerAgencyCode: string, fetchedAt: Date, data: Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ product: productCode, providerAgency: providerAgencyCode, fetchedAt: fetchedAt.toISOString(), data }));
}

/**
 * Once-only data exchange: fetches from data products (Loket's registry tables or an agency's HTTP
 * service behind rate limit, timeout, retries and a circuit breaker) and the data tracker's records.
 */
export function createExchangeService({ db, dataKeys, audit, blindIndexKey, providerOptions = {} }: ExchangeServiceOptions) {
  const products = createProductsRepository(db);
  const cache = new Map<string, { product: DataProduct | undefined; at: number }>();
  const providers = new Map<string, { url: string; limits: string; provider: HttpProvider }>();

  async function product(code: string): Promise<DataProduct | undefined> {
    const hit = cache.get(code);
    if (hit && Date.now() - hit.at < PRODUCT_CACHE_MS) return hit.product;
    const found = await products.byCode(code);
    if (cache.size > 1000) cache.clear();
    cache.set(code, { product: found, at: Date.now() });
    return found;
  }

  /** One adapter (and so one breaker and rate limit) per product, renewed when its settings change. */
  function providerFor(item: DataProduct): HttpProvider {
    const url = item.providerUrl as string;
    const limits = JSON.stringify(item.providerLimits);
    const known = providers.get(item.code);
    if (known && known.url === url && known.limits === limits) return known.provider;
    const provider = createHttpProvider({ ...providerOptions, ...item.providerLimits, url });
    providers.set(item.code, { url, limits, provider });
    return provider;
  }

  async function fromProvider(item: DataProduct, key: string, index: string, request: FetchRequest, fields: string[]): Promise<ProviderOutcome> {
    if (item.providerKind === 'registry') {
      const payload = await readRegistryPayload(db, dataKeys, item.code, index);
      return payload ? { ok: true, data: payload } : { ok: false, reason: 'not_found' };
    }
    return providerFor(item).fetch({ subject: key, fields, purpose: request.purpose, caseReference: request.caseReference });
  }

  /**
   * Fetches a subject's data from a data product for a stated purpose, legal basis and case, and
   * records the access for the subject's data tracker (withheld from them for a law-enforcement
   * purpose). Only the requested fields (default: all the product's) are returned and recorded.
   * Never throws for an expected refusal and never hangs on a provider: a slow or failing provider
   * gives `provider_unavailable` with a hint when to try again (or queue it: see queueFetch).
   */
  async function fetchFromProduct(request: FetchRequest): Promise<FetchResult> {
    if (
      !validText(request.purpose, 64) ||
      !validText(request.legalBasis, 500) ||
      !validText(request.caseReference, 100) ||
      !validText(request.actor.role, 64)
    ) {
      return { ok: false, reason: 'invalid_request' };
    }
    const item = await product(request.productCode);
    if (!item?.active) return { ok: false, reason: 'unknown_product' };
    if (!item.consumerAgencyIds.includes(request.actor.agencyId)) return { ok: false, reason: 'agency_not_permitted' };
    const purpose = item.purposes.find((candidate) => candidate.code === request.purpose);
    if (!purpose) return { ok: false, reason: 'purpose_not_permitted' };
    const known = item.fields.map((field) => field.name);
    const fields = request.fields ? [...new Set(request.fields)] : known;
    if (fields.length === 0 || fields.some((name) => !known.includes(name))) return { ok: false, reason: 'unknown_field' };
    const subject = normalizeSubjectKey(item.subjectKind, request.subjectKey);
    if (!subject.ok) return { ok: false, reason: 'invalid_subject' };
    const index = subjectIndex(blindIndexKey, item.subjectKind, subject.key);

    const outcome = await fromProvider(item, subject.key, index, request, fields);
    if (!outcome.ok) {
      return outcome.reason === 'not_found'
        ? { ok: false, reason: 'not_found' }
        : { ok: false, reason: 'provider_unavailable', retryAfterMs: outcome.retryAfterMs };
    }
    const data = Object.fromEntries(fields.map((name) => [name, outcome.data[name] ?? null]));
    const personal = new Set(item.fields.filter((field) => field.personal).map((field) => field.name));
    const fetchedAt = new Date();
    const accessId = await insertAccess(db, {
      subjectKind: item.subjectKind,
      subjectIndex: index,
      agencyId: request.actor.agencyId,
      accountId: request.actor.accountId,
      role: request.actor.role,
      clientId: request.actor.clientId,
      productCode: item.code,
      // Non-personal fields are recorded too when asked with personal ones: the subject sees the whole query.
      fields: fields.some((name) => personal.has(name)) ? fields : [],
      purpose: purpose.code,
      legalBasis: request.legalBasis,
      caseReference: request.caseReference,
      channel: request.channel ?? 'application',
      withheld: purpose.lawEnforcement,
    });
    return {
      ok: true,
      data,
      fields,
      provenance: {
        productCode: item.code,
        productName: item.name,
        providerAgency: { id: item.provider.agencyId, code: item.provider.agencyCode, name: item.provider.name },
        source: item.providerKind,
        fetchedAt,
        sha256: provenanceHash(item.code, item.provider.agencyCode, fetchedAt, data),
        accessId,
      },
    };
  }

  return {
    fetchFromProduct,

    /** A product by code (active or not), for consent screens: provider, fields, purposes, legal basis. */
    product: (code: string) => products.byCode(code),

    /** Every product, for catalogues and the admin page. */
    listProducts: () => products.all(),

    products,

    /**
     * Records an access made outside the exchange (an officer opening a citizen's record) for the data
     * tracker, in the caller's transaction when given one. `subjectKey` is the NIK, KK number or NIB.
     * Returns false (and records nothing) when the key's structure is wrong for its kind.
     */
    async recordAccess(
      input: Omit<AccessRecordInput, 'subjectIndex' | 'withheld'> & { subjectKey: string; withheld?: boolean },
      trx: Database = db,
    ): Promise<boolean> {
      const subject = normalizeSubjectKey(input.subjectKind, input.subjectKey);
      if (!subject.ok) return false;
      const { subjectKey: _key, ...rest } = input;
      await insertAccess(trx, { ...rest, withheld: input.withheld ?? false, subjectIndex: subjectIndex(blindIndexKey, input.subjectKind, subject.key) });
      return true;
    },

    /**
     * The accesses to a subject's data, newest first, without those still withheld (law-enforcement
     * purposes before release). For a citizen pass their NIK (and their KK number for family-card
     * reads); for a business its NIB. Page from 1; a key of the wrong structure gives an empty page.
     */
    async listSubjectAccesses(subjects: readonly { kind: SubjectKind; key: string }[], { page = 1, pageSize = 20 } = {}): Promise<AccessPage> {
      const indexes = subjects.flatMap((subject) => {
        const normal = normalizeSubjectKey(subject.kind, subject.key);
        return normal.ok ? [subjectIndex(blindIndexKey, subject.kind, normal.key)] : [];
      });
      const size = Math.min(100, Math.max(1, Math.floor(pageSize)));
      return subjectAccessPage(db, indexes, Math.max(1, Math.floor(page)), size);
    },

    /** Shows the subjects the withheld accesses of a closed case (optionally only one agency's); audited. */
    async releaseWithheld(caseReference: string, agencyId: string | null, by: AuditActor): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const released = await releaseCase(trx, caseReference, agencyId);
        await audit.record(
          { actor: by, action: 'exchange.access_released', subject: null, details: { caseReference: caseReference.slice(0, 100), released } },
          trx,
        );
        return released;
      });
    },

    /** The subject index of a key, for modules that store their own references to a subject. */
    subjectIndexOf(kind: SubjectKind, key: string): string | undefined {
      const normal = normalizeSubjectKey(kind, key);
      return normal.ok ? subjectIndex(blindIndexKey, kind, normal.key) : undefined;
    },

    /** The circuit state of an http product's provider on this node (closed when never used). */
    circuitState(productCode: string) {
      return providers.get(productCode)?.provider.breaker.state ?? 'closed';
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
