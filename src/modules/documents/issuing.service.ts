import { randomInt } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { FormData, FormSchema } from '../../platform/forms/form-schema.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { ApplicantContact } from '../applications/applicant-contact.ts';
import { answersContext, openJson } from '../applications/application-records.ts';
import { readsAsApplicant } from '../applications/reading.service.ts';
import { parseTrackingNumber } from '../applications/tracking-number.ts';
import { createIssuedDocumentsRepository, type IssuedDocumentRow } from './issued-documents.repository.ts';
import { printedAnswers, templateOf } from './output-template.ts';
import { documentPdf } from './pdf.ts';
import { contentHash, type DocumentFields, decodeQrPayload, encodeQrPayload } from './signing.ts';
import type { SigningKeysService } from './signing-keys.service.ts';

export type VerificationStatus = 'valid' | 'revoked' | 'expired' | 'invalid' | 'not_found';
export type InvalidReason = 'malformed' | 'bad_signature' | 'unknown_key' | 'wrong_agency' | 'mismatch' | 'unknown_file';

export interface Verification {
  status: VerificationStatus;
  reason?: InvalidReason | 'not_registered';
  /** The signed fields: only for a document whose signature verified. */
  fields?: DocumentFields;
  revokedAt?: Date;
  revocationReason?: string;
}

/** An issued document as its applicant sees it in their list. */
export interface IssuedDocumentSummary {
  id: string;
  number: string;
  title: string;
  issuedAt: Date;
  validUntil: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** Where the applicant downloads it. */
  href: string;
  /** The public verification page of this document. */
  verifyHref: string;
}

/** A document as the back office sees it. */
export interface IssuedDocumentView extends IssuedDocumentSummary {
  trackingNumber: string;
  fields: DocumentFields;
}

export const MAX_PDF_BYTES = 5 * 1024 * 1024;
/** Crockford's base32 without I, L, O, U: nothing to misread when a number is typed from paper. */
const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const NUMBER_PATTERN = /^[A-Z0-9-]{6,60}$/;
export const MIN_REASON = 5;
export const MAX_REASON = 500;

/** "Sri Rahayu" → "S** R*****": enough to compare with the paper, too little to learn a name from. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const [first = '', ...rest] = [...word];
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}

/** A date column as ISO text: pg reads `date` as local midnight. */
function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The day before the same date `months` later (a permit issued 2026-01-15 for 12 months runs to 2027-01-14). */
export function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay)) - 24 * 3600 * 1000);
  return end.toISOString().slice(0, 10);
}

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return code;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function verifyHref(qrPayload: string): string {
  return `/verify?d=${qrPayload}`;
}

/**
 * Issued documents: made on the workflow's 'issue' action (signed with the agency's key, rendered as a
 * PDF with a QR code, stored encrypted for the applicant), verified publicly by number or QR payload,
 * revoked by a supervisor, downloaded by the applicant.
 */
export function createIssuingService(deps: {
  db: Database;
  dataKeys: DataKeyStore;
  storage: Pick<FileStorage, 'store' | 'attachFile' | 'openFile'>;
  signingKeys: SigningKeysService;
  audit: AuditLog;
  notifier: Pick<Notifier, 'enqueue'>;
  /** applicant-contact.ts contactOf: where the applicant is told their document is ready. */
  applicantContact: (accountId: string | null, trx: Database) => Promise<ApplicantContact | undefined>;
  publicUrl: string;
}) {
  const { db, dataKeys, storage, signingKeys, audit, notifier, publicUrl } = deps;
  const repository = createIssuedDocumentsRepository(db);

  function holderName(form: FormSchema, answers: FormData): string | undefined {
    const field = form.pages.flatMap((page) => page.fields).find((f) => 'prefill' in f && f.prefill === 'fullName');
    const value = field ? answers[field.name] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  async function newNumber(agencyCode: string, year: string, trx: Database): Promise<string> {
    const prefix = agencyCode
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30);
    for (;;) {
      const number = `${prefix || 'LOKET'}-${year}-${randomCode(8)}`;
      if (!(await repository.numberTaken(number, trx))) return number;
    }
  }

  /** Signs fields, shortening the two free texts if the QR payload would not fit. */
  async function signFields(agencyId: string, fields: Record<string, string | null> & { number: string }, trx: Database) {
    const attempts = [fields, { ...fields, kind: cut(fields.kind ?? '', 60), agencyName: cut(fields.agencyName ?? '', 40) }];
    for (const attempt of attempts) {
      const signed = await signingKeys.signDocument(agencyId, attempt, trx);
      try {
        return { fields: attempt as DocumentFields, ...signed, qrPayload: encodeQrPayload({ fields: attempt, ...signed }) };
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
    }
    const minimal = { ...fields, kind: cut(fields.kind ?? '', 40), agencyName: null };
    const signed = await signingKeys.signDocument(agencyId, minimal, trx);
    return { fields: minimal as DocumentFields, ...signed, qrPayload: encodeQrPayload({ fields: minimal, ...signed }) };
  }

  /** Checks the signature and that the key belongs to the agency the fields name. */
  async function checkSignature(document: {
    fields: unknown;
    kid: unknown;
    signature: unknown;
  }): Promise<{ ok: true; fields: DocumentFields } | { ok: false; reason: InvalidReason }> {
    const result = await signingKeys.verifyDocument(document);
    if (!result.ok) return result;
    const fields = document.fields as DocumentFields;
    const agencyCode = fields.agency;
    const agencyId = typeof agencyCode === 'string' ? await repository.agencyIdByCode(agencyCode) : undefined;
    if (!agencyId || result.key.agencyId !== agencyId) return { ok: false, reason: 'wrong_agency' };
    return { ok: true, fields };
  }

  /** The status of a registered document whose signature verified. */
  function statusOf(row: IssuedDocumentRow, fields: DocumentFields): Verification {
    if (row.revokedAt) {
      return { status: 'revoked', fields, revokedAt: row.revokedAt, revocationReason: row.revocationReason ?? '' };
    }
    const validUntil = isoDate(row.validUntil);
    if (validUntil && validUntil < todayIn('Asia/Jakarta')) return { status: 'expired', fields };
    return { status: 'valid', fields };
  }

  async function verifyRow(row: IssuedDocumentRow): Promise<Verification> {
    const checked = await checkSignature({ fields: row.fields, kid: row.signingKeyId, signature: Buffer.from(row.signature, 'base64url') });
    if (!checked.ok) return { status: 'invalid', reason: checked.reason };
    return statusOf(row, checked.fields);
  }

  async function verifyNumber(text: string): Promise<Verification> {
    const number = text.trim().toUpperCase();
    if (!NUMBER_PATTERN.test(number)) return { status: 'not_found' };
    const row = await repository.byNumber(number);
    return row ? verifyRow(row) : { status: 'not_found' };
  }

  async function verifyPayload(text: string): Promise<Verification> {
    const decoded = decodeQrPayload(text.trim());
    if (!decoded.ok) return { status: 'invalid', reason: 'malformed' };
    const checked = await checkSignature(decoded.document);
    if (!checked.ok) return { status: 'invalid', reason: checked.reason };
    const row = await repository.byNumber(checked.fields.number);
    if (!row) return { status: 'not_found', reason: 'not_registered', fields: checked.fields };
    if (row.signature !== Buffer.from(decoded.document.signature).toString('base64url')) return { status: 'invalid', reason: 'mismatch' };
    return statusOf(row, checked.fields);
  }

  function summaryOf(
    row: Pick<IssuedDocumentRow, 'id' | 'number' | 'fields' | 'issuedAt' | 'validUntil' | 'revokedAt' | 'revocationReason'>,
    trackingNumber: string,
  ): IssuedDocumentSummary {
    const fields = row.fields as DocumentFields;
    return {
      id: row.id,
      number: row.number,
      title: typeof fields.kind === 'string' ? fields.kind : row.number,
      issuedAt: row.issuedAt,
      validUntil: isoDate(row.validUntil),
      revokedAt: row.revokedAt,
      revocationReason: row.revocationReason,
      href: `/applications/${trackingNumber}/documents/${row.id}`,
      verifyHref: `/verify?q=${encodeURIComponent(row.number)}`,
    };
  }

  /** A document the actor may revoke (document.revoke at its agency); 404 otherwise. */
  async function revocable(actor: SignedInActor, id: string, trx: Database = db): Promise<IssuedDocumentRow> {
    const row = await repository.byId(id, trx);
    const scope = agenciesFor(actor, 'document.revoke');
    if (!row || (scope !== 'all' && !scope.includes(row.agencyId))) throw authErrors.notFound();
    return row;
  }

  return {
    /**
     * The 'issue' action (WorkflowHooks.issueDocument), in the workflow's transaction: signs the
     * minimum public fields with the agency's key, renders and stores the PDF, registers the document,
     * and tells the applicant. Throws (rolling the action back) when the application already has a
     * document in force.
     */
    async issue(trx: Database, { applicationId, actorAccountId }: { applicationId: string; actorAccountId: string }): Promise<IssuedDocumentRow> {
      const application = await repository.lockApplication(applicationId, trx);
      if (!application) throw new Error('issuing a document for an application that does not exist');
      if (await repository.current(applicationId, trx)) throw new Error('the application already has a document in force');
      // Through trx, like everything here: a pool connection taken while holding the application's lock
      // could wait on a pool exhausted by other issuers waiting for locks.
      const version = await repository.version(application.serviceVersionId, trx);
      const agency = await repository.agency(application.agencyId, trx);
      if (!version || !agency) throw new Error('the application names a version or agency that does not exist');
      const key = await dataKeys.open(application.dataKeyId, trx);
      const answers = openJson(key, application.answersEnc, answersContext(application.id));
      const template = templateOf(version.outputTemplate, { id: version.nameId, en: version.nameEn }, version.form);
      const holder =
        holderName(version.form, answers) ??
        (application.organisationId ? await repository.organisationName(application.organisationId, trx) : undefined) ??
        '-';

      const issued = todayIn(agency.timeZone);
      const validUntil = template.validityMonths ? addMonths(issued, template.validityMonths) : null;
      const number = await newNumber(agency.code, issued.slice(0, 4), trx);
      const signed = await signFields(
        agency.id,
        {
          number,
          kind: cut(template.title.id, 120),
          agency: agency.code,
          agencyName: cut(agency.nameId, 120),
          holder: cut(maskName(holder), 80),
          issued,
          validUntil,
        },
        trx,
      );

      const labelled = (locale: 'id' | 'en') => printedAnswers(template, version.form, answers, locale);
      const en = labelled('en');
      const pdf = await documentPdf({
        number,
        title: template.title,
        agency: { nameId: agency.nameId, nameEn: agency.nameEn, address: agency.streetAddress ?? null },
        trackingNumber: application.trackingNumber,
        holder,
        issued,
        validUntil,
        answers: labelled('id').map((row, i) => ({
          label: en[i] && en[i].label !== row.label ? `${row.label} / ${en[i].label}` : row.label,
          value: row.value,
        })),
        verifyUrl: `${publicUrl}${verifyHref(signed.qrPayload)}`,
        verifyPageUrl: `${publicUrl}/verify`,
      });
      // The file is written outside the transaction (blobs are not transactional) and attached in it:
      // if the action rolls back, the file stays pending and the storage purge removes it.
      const uploader = application.applicantAccountId
        ? { ownerAccountId: application.applicantAccountId, uploadedBy: actorAccountId }
        : { uploadedBy: actorAccountId };
      const stored = await storage.store(Readable.from([Buffer.from(pdf)]), {
        name: `${number}.pdf`,
        uploader,
        accept: ['application/pdf'],
        maxBytes: MAX_PDF_BYTES,
      });
      if (!stored.ok) throw new Error(`the issued document could not be stored: ${stored.reason}`);
      await storage.attachFile(stored.file.id, trx);

      const row = await repository.insert(
        {
          applicationId,
          agencyId: agency.id,
          number,
          signingKeyId: signed.kid,
          fields: JSON.stringify(signed.fields),
          signature: signed.signature.toString('base64url'),
          qrPayload: signed.qrPayload,
          fileId: stored.file.id,
          issuedBy: actorAccountId,
          validUntil,
        },
        trx,
      );
      await audit.record(
        {
          actor: { accountId: actorAccountId, role: 'staff', agencyId: agency.id },
          action: 'document.issued',
          subject: { type: 'issued_document', id: row.id },
          details: { applicationId, number, kid: signed.kid, fileId: stored.file.id },
        },
        trx,
      );
      await publishEvent(trx, { topic: 'document.issued', aggregateId: row.id, agencyId: agency.id, payload: { applicationId, number } });
      const contact = await deps.applicantContact(application.applicantAccountId, trx);
      if (contact) {
        await notifier.enqueue(
          {
            kind: 'application.document_ready',
            ...contact,
            params: { trackingNumber: application.trackingNumber, link: `${publicUrl}/applications/${application.trackingNumber}` },
          },
          trx,
        );
      }
      return row;
    },

    /** By what a person typed or scanned: a QR payload (LK1.…) or a document number. */
    async verify(text: string): Promise<Verification> {
      return text.trim().startsWith('LK1.') ? verifyPayload(text) : verifyNumber(text);
    },

    verifyNumber,
    verifyPayload,

    /**
     * A PDF file as received: genuine only when its bytes are exactly those of an issued document's
     * stored PDF (any change to the content changes its SHA-256).
     */
    async verifyPdf(bytes: Uint8Array): Promise<Verification> {
      const row = await repository.byFileHash(contentHash(bytes).toString('hex'));
      return row ? verifyRow(row) : { status: 'invalid', reason: 'unknown_file' };
    },

    /** The documents of an application, for its applicant's page (the caller has checked access). */
    async documentsOf(trackingNumber: string): Promise<IssuedDocumentSummary[]> {
      const canonical = parseTrackingNumber(trackingNumber);
      if (!canonical) return [];
      return (await repository.ofApplication(canonical)).map((row) => summaryOf(row, canonical));
    },

    /**
     * Allows the applicant (readsAsApplicant) to download a document of their application; audited.
     * @throws platform.not_found for anyone else, or a document of another application
     */
    async authorizeDownload(actor: SignedInActor, trackingNumber: string, id: string, origin: RequestOrigin): Promise<{ fileId: string; number: string }> {
      const canonical = parseTrackingNumber(trackingNumber);
      const row = canonical ? await repository.withApplication(canonical, id) : undefined;
      if (!row?.fileId || !readsAsApplicant(actor, row)) throw authErrors.notFound();
      await audit.record({
        actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
        action: 'document.downloaded',
        subject: { type: 'issued_document', id: row.id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { applicationId: row.applicationId, number: row.number },
      });
      return { fileId: row.fileId, number: row.number };
    },

    /** A document for the back office (document.revoke at its agency). @throws platform.not_found otherwise */
    async forBackoffice(actor: SignedInActor, id: string): Promise<IssuedDocumentView> {
      const row = await revocable(actor, id);
      const trackingNumber = (await repository.trackingNumberOf(row.applicationId)) ?? '';
      return { ...summaryOf(row, trackingNumber), trackingNumber, fields: row.fields as DocumentFields };
    },

    /**
     * Revokes a document in force, with a reason shown on verification; audited, with an outbox event.
     * @throws platform.not_found for a document the actor may not revoke
     */
    async revoke(
      actor: SignedInActor,
      id: string,
      reason: string,
      origin: RequestOrigin,
    ): Promise<{ ok: true } | { ok: false; reason: 'reason_length' | 'already_revoked' }> {
      const text = reason.trim();
      if (text.length < MIN_REASON || text.length > MAX_REASON) return { ok: false, reason: 'reason_length' };
      return db.transaction().execute(async (trx) => {
        const row = await revocable(actor, id, trx);
        const revoked = await repository.revoke(row.id, actor.accountId, text, trx);
        if (!revoked) return { ok: false, reason: 'already_revoked' } as const;
        const grant = actor.kind === 'staff' ? actor.grants.find((g) => g.agencyId === row.agencyId || g.agencyId === null) : undefined;
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: grant?.role ?? 'staff', agencyId: row.agencyId },
            action: 'document.revoked',
            subject: { type: 'issued_document', id: row.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { applicationId: row.applicationId, number: row.number },
          },
          trx,
        );
        await publishEvent(trx, {
          topic: 'document.revoked',
          aggregateId: row.id,
          agencyId: row.agencyId,
          payload: { applicationId: row.applicationId, number: row.number },
        });
        return { ok: true } as const;
      });
    },
  };
}

export type IssuingService = ReturnType<typeof createIssuingService>;
