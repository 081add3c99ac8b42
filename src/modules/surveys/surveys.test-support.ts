import type { Services } from '../../services.ts';
import { birthAnswers, createCitizen, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';
import type { RawAnswers } from './surveys.contract.ts';

export const SURVEY_ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

/** A questionnaire with the nine scores given (U1–U9) and nothing else. */
export function answersOf(scores: readonly number[], extra: Partial<RawAnswers> = {}): RawAnswers {
  const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = scores.map(String);
  return {
    u1: u1 ?? '',
    u2: u2 ?? '',
    u3: u3 ?? '',
    u4: u4 ?? '',
    u5: u5 ?? '',
    u6: u6 ?? '',
    u7: u7 ?? '',
    u8: u8 ?? '',
    u9: u9 ?? '',
    comment: '',
    ageBand: '',
    sex: '',
    education: '',
    occupation: '',
    ...extra,
  };
}

/**
 * Files an application as a new citizen and works it through the generic workflow to `issued`, the
 * way the back office does: the surveys module hears of it only through the workflow's hook.
 */
export async function issuedApplication(services: Services, fixture: ServiceFixture) {
  const citizen = await createCitizen(services);
  const fileId = await uploadPdf(services, { ownerAccountId: citizen.actor.accountId });
  const filed = await services.applications.submitOnline(
    citizen.actor,
    { serviceCode: fixture.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    SURVEY_ORIGIN,
  );
  if (!filed.ok) throw new Error('submission refused');
  const number = filed.application.trackingNumber;
  const officer = await createStaff(services, fixture.agencyId, 'officer');
  const supervisor = await createStaff(services, fixture.agencyId, 'supervisor');
  const steps: [typeof officer, Parameters<Services['workflow']['act']>[2]][] = [
    [officer, { type: 'advance' }],
    [officer, { type: 'advance' }],
    [supervisor, { type: 'approve' }],
    [supervisor, { type: 'issue' }],
  ];
  const checked = await services.workflow.setChecklistItem(officer, number, 'requirements-present', true, SURVEY_ORIGIN);
  if (!checked.ok) throw new Error(`checklist refused: ${checked.reason}`);
  for (const [actor, action] of steps) {
    const result = await services.workflow.act(actor, number, action, SURVEY_ORIGIN);
    if (!result.ok) throw new Error(`${action.type} refused: ${result.reason}`);
  }
  return { id: filed.application.id, trackingNumber: number, citizen, officer, supervisor };
}
