import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/helpers/db.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import type { Services } from '../../services.ts';
import { createServiceFixture, createStaff, type ServiceFixture } from '../applications/applications.test-support.ts';
import { createComplaintsFixture, createComplaintsTestServices, respondedComplaint } from '../complaints/complaints.test-support.ts';
import { MIN_RESPONDENTS } from './surveys.contract.ts';
import { answersOf, issuedApplication, SURVEY_ORIGIN } from './surveys.test-support.ts';

// The surveys service on real PostgreSQL, wired as production wires it: invitations arrive through
// the workflow's and the complaints module's hooks, answers through submit, the index through SQL sums.

// The acceptance example of skm.test.ts, where the hand computation is written out.
const ANSWERS = [
  [4, 4, 4, 4, 4, 4, 4, 4, 4],
  [4, 4, 3, 4, 4, 4, 4, 3, 4],
  [3, 4, 3, 4, 3, 4, 4, 3, 4],
  [3, 3, 3, 4, 3, 4, 3, 3, 3],
  [3, 3, 3, 4, 3, 4, 3, 2, 3],
];

let t: { database: TestDatabase; services: Services; close(): Promise<void> };
let fixture: ServiceFixture;
const today = localDate(new Date());

beforeAll(async () => {
  t = await createComplaintsTestServices({ poolSize: 8 });
  fixture = await createServiceFixture(t.database.db);
});

afterAll(async () => t?.close());

const tokenOf = (href: string | undefined) => {
  if (!href) throw new Error('no pending survey');
  return href.split('/').pop() as string;
};

describe('invitations', () => {
  it('issuing an application through the workflow invites its applicant once: a link on the page and a survey.invitation message', async () => {
    const application = await issuedApplication(t.services, fixture);
    const href = await t.services.surveys.pendingSurveyLink('application', application.trackingNumber);
    expect(href).toMatch(/^\/survey\/[A-Za-z0-9_-]{43}$/);
    const invitations = await t.database.db.selectFrom('surveyInvitation').selectAll().where('subjectId', '=', application.id).execute();
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ subjectKind: 'application', agencyId: fixture.agencyId, serviceId: fixture.serviceId, used: false });
    // The stored hash is not the token: a copy of the table opens no survey.
    expect(invitations[0]?.tokenHash).not.toContain(tokenOf(href));
    const messages = await t.database.db.selectFrom('notification').select(['kind', 'params']).where('kind', '=', 'survey.invitation').execute();
    expect(messages.some((m) => JSON.stringify(m.params).includes(application.trackingNumber) && JSON.stringify(m.params).includes(tokenOf(href)))).toBe(true);

    // A replayed hook neither invites twice nor messages twice.
    const before = messages.length;
    await t.database.db.transaction().execute((trx) =>
      t.services.surveys.inviteForApplication(trx, {
        applicationId: application.id,
        trackingNumber: application.trackingNumber,
        agencyId: fixture.agencyId,
        serviceId: fixture.serviceId,
        unitCode: null,
        applicantAccountId: application.citizen.actor.accountId,
      }),
    );
    expect(await t.database.db.selectFrom('surveyInvitation').select('id').where('subjectId', '=', application.id).execute()).toHaveLength(1);
    expect(await t.database.db.selectFrom('notification').select('id').where('kind', '=', 'survey.invitation').execute()).toHaveLength(before);
  });

  it('closing a complaint (the reporter accepts the response) invites its reporter', async () => {
    const complaints = await createComplaintsFixture(t.services, t.database.db);
    const trackingId = await respondedComplaint(t.services, complaints);
    expect(await t.services.surveys.pendingSurveyLink('complaint', trackingId)).toBeUndefined();
    const accepted = await t.services.complaints.reporterAct(
      { kind: 'account', accountId: complaints.citizen.accountId },
      trackingId,
      { type: 'accept' },
      SURVEY_ORIGIN,
    );
    expect(accepted).toEqual({ ok: true });
    const href = await t.services.surveys.pendingSurveyLink('complaint', trackingId);
    expect(href).toMatch(/^\/survey\//);
    expect(await t.services.surveys.form(tokenOf(href))).toMatchObject({ subjectKind: 'complaint', serviceName: null, used: false });
  });
});

describe('answering', () => {
  it('saves one response per invitation; a second submit saves nothing and says it was answered', async () => {
    const application = await issuedApplication(t.services, fixture);
    const token = tokenOf(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber));
    const count = async () => (await t.database.db.selectFrom('surveyResponse').select('id').where('serviceId', '=', fixture.serviceId).execute()).length;
    const before = await count();
    const answers = answersOf([4, 3, 3, 4, 3, 4, 4, 3, 3], { comment: 'Cepat.', ageBand: '30_39', sex: 'female', education: 'bachelor', occupation: 'other' });
    // Two tabs at once: the row lock lets exactly one through.
    const results = await Promise.all([
      t.services.surveys.submit(token, answers, 'online', SURVEY_ORIGIN),
      t.services.surveys.submit(token, answers, 'online', SURVEY_ORIGIN),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['already_answered', 'ok']);
    expect(await t.services.surveys.submit(token, answers, 'online', SURVEY_ORIGIN)).toEqual({ ok: false, reason: 'already_answered' });
    expect(await count()).toBe(before + 1);
    expect(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber)).toBeUndefined();
    expect((await t.services.surveys.form(token))?.used).toBe(true);
  });

  it('keeps nothing in a response that leads back to the person: no application, account or invitation, a day and no time', async () => {
    const columns = await t.database.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'survey_response' as never)
      .execute();
    const names = (columns as { columnName: string }[]).map((c) => c.columnName).sort();
    expect(names).toEqual(
      [
        'id',
        'agency_id',
        'unit_id',
        'service_id',
        'subject_kind',
        'channel',
        'answered_on',
        'u1',
        'u2',
        'u3',
        'u4',
        'u5',
        'u6',
        'u7',
        'u8',
        'u9',
        'comment',
        'age_band',
        'sex',
        'education',
        'occupation',
      ].sort(),
    );
    const invitationColumns = await t.database.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'survey_invitation' as never)
      .execute();
    // Only that it was used, never when: a time could be matched with a response's day and order.
    expect((invitationColumns as { columnName: string }[]).map((c) => c.columnName)).not.toContain('used_at');
    // The audit entry names the invitation, and never the answers.
    const audit = await t.database.db.selectFrom('auditEvent').selectAll().where('action', '=', 'survey.answered').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/"u1"|Cepat/);
  });

  it('refuses incomplete and malformed answers field by field, with nothing saved', async () => {
    const application = await issuedApplication(t.services, fixture);
    const token = tokenOf(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber));
    const result = await t.services.surveys.submit(
      token,
      answersOf([4, 5, 0, 4, 'x' as unknown as number, 4, 4], { ageBand: 'ancient', sex: 'other', comment: 'x'.repeat(2001) }),
      'online',
      SURVEY_ORIGIN,
    );
    expect(result.ok).toBe(false);
    const problems = !result.ok && result.reason === 'invalid' ? result.problems : [];
    expect(problems.map((p) => p.field)).toEqual(['u2', 'u3', 'u5', 'u8', 'u9', 'comment', 'ageBand', 'sex']);
    expect(problems[0]).toEqual({ field: 'u2', key: 'surveys.error.answerRequired', params: { number: 2 } });
    expect(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber)).toBeDefined();
    expect(await t.services.surveys.submit('not-a-token', answersOf([4, 4, 4, 4, 4, 4, 4, 4, 4]), 'online', SURVEY_ORIGIN)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    // Control characters are dropped from the comment; line breaks stay.
    expect(t.services.surveys.validate(answersOf([1, 2, 3, 4, 1, 2, 3, 4, 1], { comment: ' a\u0000b\nc ' }))).toMatchObject({
      ok: true,
      answers: { comment: 'ab\nc', scores: [1, 2, 3, 4, 1, 2, 3, 4, 1] },
    });
  });

  it('opens the kiosk only for a completed application of the officer’s agency, until it is answered', async () => {
    const application = await issuedApplication(t.services, fixture);
    const opened = await t.services.surveys.openKiosk(application.officer, application.trackingNumber.toLowerCase());
    expect(opened.ok).toBe(true);
    const other = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, other.agencyId, 'officer');
    expect(await t.services.surveys.openKiosk(stranger, application.trackingNumber)).toEqual({ ok: false, reason: 'not_found' });
    expect(await t.services.surveys.openKiosk(application.officer, 'LKT-0000-000000')).toEqual({ ok: false, reason: 'not_found' });
    if (!opened.ok) return;
    expect(await t.services.surveys.submit(opened.token, answersOf([3, 3, 3, 3, 3, 3, 3, 3, 3]), 'kiosk', SURVEY_ORIGIN, application.officer)).toEqual({
      ok: true,
    });
    expect(await t.services.surveys.openKiosk(application.officer, application.trackingNumber)).toEqual({ ok: false, reason: 'already_answered' });
    const kiosk = await t.database.db
      .selectFrom('surveyResponse')
      .select('channel')
      .where('serviceId', '=', fixture.serviceId)
      .where('channel', '=', 'kiosk')
      .execute();
    expect(kiosk).toHaveLength(1);
  });
});

describe('the index', () => {
  it('gives the acceptance example’s exact index from SQL sums: 88.333… (A) with 1/9, 88.245 (B) with 0.111', async () => {
    const own = await createServiceFixture(t.database.db);
    for (const scores of ANSWERS) {
      const application = await issuedApplication(t.services, own);
      const token = tokenOf(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber));
      expect(await t.services.surveys.submit(token, answersOf(scores), 'online', SURVEY_ORIGIN)).toEqual({ ok: true });
    }
    // One more completed application that nobody answered: the population is six.
    await issuedApplication(t.services, own);
    const query = { agencyId: own.agencyId, from: today, to: today };
    const exact = await t.services.surveys.index(query);
    expect(exact).toMatchObject({ respondents: 5, population: 6, suppressed: false });
    expect(exact.index?.nrr).toEqual([3.4, 3.6, 3.2, 4, 3.4, 4, 3.6, 3, 3.6]);
    expect(exact.index?.score).toBeCloseTo(88.333_333_333, 8);
    expect(exact.index?.grade).toBe('A');
    expect(exact.index?.sample).toEqual({ population: 6, required: 6, adequate: false });
    const rounded = await t.services.surveys.index({ ...query, weight: 0.111 });
    expect(rounded.index?.score).toBeCloseTo(88.245, 9);
    expect(rounded.index?.grade).toBe('B');

    const byService = await t.services.surveys.indexBy('service', query);
    expect(byService).toHaveLength(1);
    expect(byService[0]).toMatchObject({ key: own.serviceId, respondents: 5, name: { code: own.code } });
    expect(byService[0]?.index?.score).toBe(exact.index?.score);
    const byMonth = await t.services.surveys.indexBy('month', query);
    expect(byMonth.map((group) => group.key)).toEqual([today.slice(0, 7)]);
    // Nobody gave a profile: each question's "did not say" counts all five.
    expect(await t.services.surveys.profile(query)).toEqual([
      { question: 'ageBand', value: null, count: 5 },
      { question: 'sex', value: null, count: 5 },
      { question: 'education', value: null, count: 5 },
      { question: 'occupation', value: null, count: 5 },
    ]);
    const byUnit = await t.services.surveys.indexBy('unit', query);
    expect(byUnit[0]?.name?.code).toBeDefined();
  });

  it('shows a group with fewer than five respondents by its count only, and no comments', async () => {
    const own = await createServiceFixture(t.database.db);
    const application = await issuedApplication(t.services, own);
    const token = tokenOf(await t.services.surveys.pendingSurveyLink('application', application.trackingNumber));
    await t.services.surveys.submit(token, answersOf([1, 2, 3, 4, 1, 2, 3, 4, 1], { comment: 'Hanya saya.' }), 'online', SURVEY_ORIGIN);
    const query = { agencyId: own.agencyId, from: today, to: today };
    const result = await t.services.surveys.index(query);
    expect(result).toEqual({ respondents: 1, population: 1, suppressed: true });
    expect(MIN_RESPONDENTS).toBe(5);
    expect(await t.services.surveys.comments(query)).toBeUndefined();
    expect((await t.services.surveys.profile(query)).every((cell) => cell.count === null)).toBe(true);
    const empty = await t.services.surveys.index({ ...query, from: '2001-01-01', to: '2001-12-31' });
    expect(empty).toEqual({ respondents: 0, population: 0, suppressed: false });
  });

  it('refuses a period or filter that is not one, as a 400 error and never a database error', async () => {
    const cases = [
      { from: '2026-13-01', to: '2026-12-31' },
      { from: '2026-02-30', to: '2026-12-31' },
      { from: '2026-12-31', to: '2026-01-01' },
      { from: '2000-01-01', to: '2026-12-31' },
      { from: "2026-01-01' or 1=1 --", to: '2026-12-31' },
      { from: '2026-01-01', to: '2026-12-31', agencyId: 'not-a-uuid' },
      { from: '2026-01-01', to: '2026-12-31', weight: 0 },
    ];
    for (const query of cases) {
      await expect(t.services.surveys.index(query), JSON.stringify(query)).rejects.toMatchObject({ statusCode: 400 });
    }
  });
});
