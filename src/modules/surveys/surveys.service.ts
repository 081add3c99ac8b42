import { createHash, randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor } from '../../platform/auth/actor.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { blindIndex } from '../../platform/crypto/blind-index.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { ApplicantContact } from '../applications/applicant-contact.ts';
import { parseTrackingNumber } from '../applications/tracking-number.ts';
import { computeSkm, EXACT_WEIGHT } from './skm.ts';
import { validateAnswers } from './surveys.answers.ts';
import { type IndexQuery, MIN_RESPONDENTS, type SurveyIndex, type SurveyIndexGroup, type SurveysService } from './surveys.contract.ts';
import { surveysErrors } from './surveys.errors.ts';
import { createSurveysRepository, type InvitationRow, type ResponseFilter, type TotalsRow } from './surveys.repository.ts';
import type { SurveySubjectKind } from './surveys.tables.ts';

/** What the surveys service needs; wired in src/services.ts. */
export interface SurveysDependencies {
  db: Database;
  audit: AuditLog;
  notifier: Pick<Notifier, 'enqueue'>;
  /** A citizen's verified contact (the applications module's). */
  contactOf(accountId: string | null, trx: Database): Promise<ApplicantContact | undefined>;
  /** Keys the survey links (an HMAC of the invitation id): the blind-index key, under its own label. */
  linkKey: Buffer;
  /** Loket's public address (config.publicUrl): links in messages point there. */
  publicUrl: string;
  /** The element weight; default exactly 1/9 (PermenPANRB 14/2017). */
  weight?: number;
  now?: () => Date;
}

/** Where the questionnaire lives. */
export const surveyPaths = {
  form: (token: string) => `/survey/${token}`,
  kiosk: '/counter/survey',
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Long enough for a five-year trend, short enough that a mistyped year does not scan decades. */
export const MAX_PERIOD_DAYS = 5 * 366;

function isIsoDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The period and ids of a query, checked: a bad one is the caller's mistake (400), never a 500. */
export function responseFilter(query: IndexQuery): ResponseFilter {
  const bad = [
    ...(isIsoDay(query.from) ? [] : [{ name: 'from', reason: 'not a yyyy-mm-dd date' }]),
    ...(isIsoDay(query.to) ? [] : [{ name: 'to', reason: 'not a yyyy-mm-dd date' }]),
  ];
  if (bad.length === 0) {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days < 0) bad.push({ name: 'to', reason: 'before from' });
    else if (days > MAX_PERIOD_DAYS) bad.push({ name: 'to', reason: 'period longer than five years' });
  }
  if (bad.length > 0) throw surveysErrors.invalidPeriod(bad);
  const ids = (['agencyId', 'unitId', 'serviceId'] as const).filter((name) => query[name] !== undefined && !isUuid(query[name]));
  if (ids.length > 0) throw surveysErrors.invalidFilter(ids.map((name) => ({ name, reason: 'not a uuid' })));
  if (query.weight !== undefined && !(query.weight > 0 && query.weight <= 1)) throw surveysErrors.invalidFilter([{ name: 'weight', reason: 'not in (0, 1]' }]);
  return { agencyId: query.agencyId, unitId: query.unitId, serviceId: query.serviceId, subjectKind: query.subjectKind, from: query.from, to: query.to };
}

/**
 * The satisfaction survey (SKM): invitations when an application completes or a complaint closes,
 * one anonymous response per invitation, and the index (IKM) over any agency, unit, service and period.
 */
export function createSurveysService(deps: SurveysDependencies): SurveysService {
  const { db, audit, notifier, publicUrl } = deps;
  const repository = createSurveysRepository(db);
  const clock = deps.now ?? (() => new Date());
  const defaultWeight = deps.weight ?? EXACT_WEIGHT;

  /** The link's token: derived from the invitation id, so it need not be stored to be shown again. */
  const tokenOf = (invitationId: string) => blindIndex(deps.linkKey, 'survey.invitation', invitationId);
  const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

  async function byToken(token: string, trx: Database = db, lock = false): Promise<InvitationRow | undefined> {
    if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
    return repository.invitationByTokenHash(hashOf(token), trx, lock);
  }

  async function invite(
    trx: Database,
    subject: { kind: SurveySubjectKind; id: string; reference: string; agencyId: string; unitId: string | null; serviceId: string | null },
    contact: ApplicantContact | undefined,
  ): Promise<void> {
    const id = randomUUID();
    const token = tokenOf(id);
    const created = await repository.insertInvitation(
      {
        id,
        subjectKind: subject.kind,
        subjectId: subject.id,
        reference: subject.reference,
        agencyId: subject.agencyId,
        unitId: subject.unitId,
        serviceId: subject.serviceId,
        tokenHash: hashOf(token),
        invitedAt: clock(),
      },
      trx,
    );
    // Already invited (an application issued twice cannot happen, but a replayed hook must not message twice).
    if (!created || !contact) return;
    const link = `${publicUrl.replace(/\/$/, '')}${surveyPaths.form(token)}`;
    await notifier.enqueue({ kind: 'survey.invitation', ...contact, params: { reference: subject.reference, link } }, trx);
  }

  function toIndex(totals: Pick<TotalsRow, 'respondents' | 'sums'> | undefined, population: number, weight: number): SurveyIndex {
    const respondents = totals?.respondents ?? 0;
    const served = Math.max(population, respondents);
    if (!totals || respondents < MIN_RESPONDENTS) return { respondents, population: served, suppressed: respondents > 0 };
    const index = computeSkm(totals, { weight, population: served });
    return index ? { respondents, population: served, index, suppressed: false } : { respondents, population: served, suppressed: false };
  }

  const service: SurveysService = {
    async inviteForApplication(trx, application) {
      const unitId = await repository.unitOf(application.agencyId, application.unitCode, trx);
      const contact = await deps.contactOf(application.applicantAccountId, trx);
      await invite(
        trx,
        {
          kind: 'application',
          id: application.applicationId,
          reference: application.trackingNumber,
          agencyId: application.agencyId,
          unitId,
          serviceId: application.serviceId,
        },
        contact,
      );
    },

    async inviteForComplaint(trx, complaint) {
      await invite(
        trx,
        {
          kind: 'complaint',
          id: complaint.complaintId,
          reference: complaint.trackingId,
          agencyId: complaint.agencyId,
          unitId: complaint.unitId,
          serviceId: null,
        },
        complaint.contact,
      );
    },

    async pendingSurveyLink(subjectKind, reference) {
      if (typeof reference !== 'string' || reference.length > 40) return undefined;
      const invitation = await repository.invitationByReference(subjectKind, reference);
      return invitation && !invitation.used ? surveyPaths.form(tokenOf(invitation.id)) : undefined;
    },

    async form(token) {
      const invitation = await byToken(token);
      if (!invitation) return undefined;
      const [agency, serviceName] = await Promise.all([
        repository.agencyName(invitation.agencyId),
        invitation.serviceId ? repository.serviceName(invitation.serviceId) : undefined,
      ]);
      return {
        subjectKind: invitation.subjectKind,
        agencyName: { id: agency?.nameId ?? '', en: agency?.nameEn ?? '' },
        serviceName: serviceName ? { id: serviceName.nameId, en: serviceName.nameEn } : null,
        used: invitation.used,
      };
    },

    validate: validateAnswers,

    async submit(token, raw, channel, origin, staff) {
      const found = await byToken(token);
      if (!found) return { ok: false, reason: 'not_found' };
      if (found.used) return { ok: false, reason: 'already_answered' };
      const checked = validateAnswers(raw);
      if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems };
      const { answers } = checked;
      return db.transaction().execute(async (trx) => {
        const invitation = await byToken(token, trx, true);
        // Locked, so two submits of the same survey (two tabs, a double tap) make exactly one response.
        if (!invitation || !(await repository.markUsed(invitation.id, trx))) return { ok: false as const, reason: 'already_answered' as const };
        const answeredOn = localDate(clock());
        const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = answers.scores as [number, number, number, number, number, number, number, number, number];
        await repository.insertResponse(
          {
            agencyId: invitation.agencyId,
            unitId: invitation.unitId,
            serviceId: invitation.serviceId,
            subjectKind: invitation.subjectKind,
            channel,
            answeredOn,
            u1,
            u2,
            u3,
            u4,
            u5,
            u6,
            u7,
            u8,
            u9,
            comment: answers.comment,
            ageBand: answers.ageBand,
            sex: answers.sex,
            education: answers.education,
            occupation: answers.occupation,
          },
          trx,
        );
        // That the invitation was used, by which channel: never the answers, which are not the person's record.
        await audit.record(
          {
            actor: staff
              ? { accountId: staff.accountId, role: 'officer', agencyId: invitation.agencyId }
              : { accountId: null, role: 'anonymous', agencyId: null },
            action: 'survey.answered',
            subject: { type: 'survey_invitation', id: invitation.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { channel },
          },
          trx,
        );
        await publishEvent(trx, {
          topic: 'survey.answered',
          aggregateId: invitation.id,
          agencyId: invitation.agencyId,
          payload: { subjectKind: invitation.subjectKind, channel, answeredOn, unitId: invitation.unitId, serviceId: invitation.serviceId },
        });
        return { ok: true as const };
      });
    },

    async openKiosk(actor, trackingNumber) {
      const reference = parseTrackingNumber(trackingNumber);
      const agencies = agenciesFor(actor, 'survey.kiosk');
      if (!reference || (agencies !== 'all' && agencies.length === 0)) return { ok: false, reason: 'not_found' };
      const invitation = await repository.invitationByReference('application', reference);
      // Another agency's application is answered as missing, like an unknown number.
      if (!invitation || (agencies !== 'all' && !agencies.includes(invitation.agencyId))) return { ok: false, reason: 'not_found' };
      if (invitation.used) return { ok: false, reason: 'already_answered' };
      return { ok: true, token: tokenOf(invitation.id) };
    },

    async index(query) {
      const filter = responseFilter(query);
      const [totals] = await repository.aggregate(filter);
      return toIndex(totals, totals?.served ?? 0, query.weight ?? defaultWeight);
    },

    async indexBy(groupBy, query) {
      const filter = responseFilter(query);
      const totals = await repository.aggregate(filter, groupBy);
      const weight = query.weight ?? defaultWeight;
      const keys = totals.flatMap((row) => (row.key ? [row.key] : []));
      const names = groupBy === 'month' ? [] : await repository.names(groupBy, keys);
      const byKey = new Map(names.map((name) => [name.key, name]));
      return totals.map((row): SurveyIndexGroup => {
        const name = row.key ? byKey.get(row.key) : undefined;
        return {
          key: row.key,
          ...(name ? { name: { code: name.code, id: name.nameId, en: name.nameEn } } : {}),
          ...toIndex(row, row.served, weight),
        };
      });
    },

    readableAgencies(actor) {
      return agenciesFor(actor, 'survey.read');
    },

    async profile(query) {
      const filter = responseFilter(query);
      const rows = await repository.profileCounts(filter);
      return rows.map((row) => ({ question: row.question, value: row.value, count: row.count >= MIN_RESPONDENTS ? row.count : null }));
    },

    async comments(query, limit = 50) {
      const filter = responseFilter(query);
      const [totals] = await repository.aggregate(filter);
      if (!totals || totals.respondents < MIN_RESPONDENTS) return undefined;
      return repository.comments(filter, Math.min(Math.max(limit, 1), 200));
    },
  };
  return service;
}
