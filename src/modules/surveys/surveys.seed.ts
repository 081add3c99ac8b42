import { createHash, randomBytes } from 'node:crypto';
import { localDate } from '../../platform/calendar/working-days.ts';
import type { Database } from '../../platform/db/database.ts';
import type { SurveysService } from './surveys.contract.ts';
import { createSurveysRepository } from './surveys.repository.ts';
import { AGE_BANDS, EDUCATION_LEVELS, OCCUPATIONS, SEXES } from './surveys.tables.ts';

// Demo survey answers, so that the index, the dashboard and the open data have something to show:
// most completed applications and closed complaints of the demo were answered (a few days after they
// closed), the rest are still invited. Development data only, like the rest of the demo.

/** A small deterministic generator: the same demo every time. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const COMMENTS = [
  'Petugas ramah dan cepat. Terima kasih.',
  'Antrean di loket terlalu lama, mohon tambah petugas.',
  'Persyaratan sudah jelas di situs, jadi tidak perlu bolak-balik.',
  'Ruang tunggu panas, kipas angin tidak menyala.',
  'Pelayanan sangat memuaskan, dokumen selesai sebelum batas waktu.',
];

/** Per agency a level of service, so that the demo's grades differ between agencies. */
function agencyLevel(agencyId: string): number {
  return (createHash('sha256').update(agencyId).digest()[0] ?? 0) / 255;
}

function score(random: () => number, level: number): number {
  const r = random();
  // Better agencies get more 4s; everyone gets a few 2s, and 1s are rare.
  if (r < 0.25 + level * 0.4) return 4;
  if (r < 0.85 + level * 0.1) return 3;
  return r < 0.98 ? 2 : 1;
}

export async function seedDemoSurveys(db: Database, services: { surveys: SurveysService }): Promise<{ responses: number; invited: number }> {
  const repository = createSurveysRepository(db);
  const existing = await db.selectFrom('surveyInvitation').select('id').limit(1).executeTakeFirst();
  if (existing) return { responses: 0, invited: 0 };
  const random = generator(2017_14);
  const applications = await db
    .selectFrom('application')
    .select(['id', 'trackingNumber', 'agencyId', 'serviceId', 'channel', 'applicantAccountId', 'closedAt', 'updatedAt'])
    .where('status', '=', 'issued')
    .orderBy('trackingNumber')
    .execute();
  const complaints = await db
    .selectFrom('complaint')
    .select(['id', 'trackingId', 'agencyId', 'unitId', 'closedAt', 'updatedAt'])
    .where('status', '=', 'closed')
    .where('agencyId', 'is not', null)
    .orderBy('trackingId')
    .execute();
  const subjects = [
    ...applications.map((a) => ({
      kind: 'application' as const,
      id: a.id,
      reference: a.trackingNumber,
      agencyId: a.agencyId,
      unitId: undefined as string | null | undefined,
      serviceId: a.serviceId as string | null,
      applicantAccountId: a.applicantAccountId,
      counter: a.channel === 'counter',
      closedAt: a.closedAt ?? a.updatedAt,
    })),
    ...complaints.map((c) => ({
      kind: 'complaint' as const,
      id: c.id,
      reference: c.trackingId,
      agencyId: c.agencyId as string,
      unitId: c.unitId as string | null | undefined,
      serviceId: null,
      applicantAccountId: null,
      counter: false,
      closedAt: c.closedAt ?? c.updatedAt,
    })),
  ];
  let responses = 0;
  let invited = 0;
  const firstUnits = new Map<string, string | null>();
  const unitOf = async (agencyId: string, trx: Database) => {
    if (!firstUnits.has(agencyId)) firstUnits.set(agencyId, await repository.unitOf(agencyId, null, trx));
    return firstUnits.get(agencyId) ?? null;
  };
  // One transaction: thousands of small ones would make the demo's start noticeably slower.
  await db.transaction().execute(async (trx) => {
    for (const subject of subjects) {
      // A quarter still waits for an answer: invited the way the workflow invites, with a working link.
      if (random() < 0.25) {
        await (subject.kind === 'application'
          ? services.surveys.inviteForApplication(trx, {
              applicationId: subject.id,
              trackingNumber: subject.reference,
              agencyId: subject.agencyId,
              serviceId: subject.serviceId as string,
              unitCode: null,
              applicantAccountId: null,
            })
          : services.surveys.inviteForComplaint(trx, {
              complaintId: subject.id,
              trackingId: subject.reference,
              agencyId: subject.agencyId,
              unitId: subject.unitId ?? null,
            }));
        invited += 1;
        continue;
      }
      const unitId = subject.unitId !== undefined ? subject.unitId : await unitOf(subject.agencyId, trx);
      const answeredAt = new Date(subject.closedAt.getTime() + Math.floor(random() * 3) * 86_400_000);
      {
        // Answered long ago: the link's token is of no further use, so a random one stands in for it.
        await repository.insertInvitation(
          {
            subjectKind: subject.kind,
            subjectId: subject.id,
            reference: subject.reference,
            agencyId: subject.agencyId,
            unitId,
            serviceId: subject.serviceId,
            tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
            invitedAt: subject.closedAt,
            used: true,
          },
          trx,
        );
        const level = agencyLevel(subject.agencyId);
        const scores = Array.from({ length: 9 }, () => score(random, level)) as [number, number, number, number, number, number, number, number, number];
        const profile = random() < 0.7;
        const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
        await repository.insertResponse(
          {
            agencyId: subject.agencyId,
            unitId,
            serviceId: subject.serviceId,
            subjectKind: subject.kind,
            channel: subject.counter ? (random() < 0.7 ? 'kiosk' : 'counter') : 'online',
            answeredOn: localDate(answeredAt > new Date() ? new Date() : answeredAt),
            u1: scores[0],
            u2: scores[1],
            u3: scores[2],
            u4: scores[3],
            u5: scores[4],
            u6: scores[5],
            u7: scores[6],
            u8: scores[7],
            u9: scores[8],
            comment: random() < 0.2 ? pick(COMMENTS) : null,
            ageBand: profile ? pick(AGE_BANDS) : null,
            sex: profile ? pick(SEXES) : null,
            education: profile ? pick(EDUCATION_LEVELS) : null,
            occupation: profile ? pick(OCCUPATIONS) : null,
          },
          trx,
        );
      }
      responses += 1;
    }
  });
  return { responses, invited };
}
