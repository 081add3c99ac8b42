import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { createServiceFixture } from '../applications/applications.test-support.ts';
import { seedComplaintCategories } from '../complaints/complaints.seed.ts';
import { fileComplaint } from '../complaints/complaints.test-support.ts';
import { onceOnlyRecordsFor } from '../exchange/consent.test-support.ts';
import { issuedApplication } from '../surveys/surveys.test-support.ts';

export const PRIVACY_ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

/**
 * A citizen with a record in every part of Loket that keeps data about people: an issued application
 * (answers, timeline, attachment, document, survey invitation), a signed-in complaint, a draft, a
 * business, sessions, recovery and verification codes, and a correction request.
 */
export async function citizenWithEverything(services: Services, db: Database) {
  await seedComplaintCategories(db);
  const fixture = await createServiceFixture(db);
  const issued = await issuedApplication(services, fixture);
  const { accountId } = issued.citizen.actor;
  await db
    .insertInto('complaintRoute')
    .values({ categoryCode: 'pelayanan-kependudukan', regionCode: '32', agencyId: fixture.agencyId, unitId: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const complaint = await fileComplaint(services, { kind: 'account', accountId });
  const organisation = await services.organisations.register(
    issued.citizen.actor,
    { nib: `91${String(Date.now()).slice(-11)}`, name: 'CV Uji Privasi' },
    PRIVACY_ORIGIN,
  );
  if (!organisation.ok) throw new Error(`organisation refused: ${organisation.problems.map((p) => p.key).join(', ')}`);
  const actor: SignedInActor = {
    ...issued.citizen.actor,
    organisations: [{ organisationId: organisation.value.organisationId, role: 'owner' }],
  } as SignedInActor;
  await services.sessions.create({ accountId, accountKind: 'citizen', kind: 'web', mfaVerified: true, userAgent: 'Mozilla/5.0 (X11; Linux) Chrome/120.0' });
  await services.accountsRepository.replaceRecoveryCodes(accountId, ['hash-one', 'hash-two']);
  await services.applicationDrafts.startOrResume(actor, fixture.code);
  // A consent and a once-only fetch (the exchange module's), so that the export has them too.
  await onceOnlyRecordsFor(services, db, actor);
  const correction = await services.privacy.requests.file(
    actor,
    { kind: 'correction', dataCategory: 'application', trackingNumber: issued.trackingNumber, details: 'Nama anak tertulis Bayu, seharusnya Bayu Pratama.' },
    PRIVACY_ORIGIN,
  );
  if (!correction.ok) throw new Error('correction refused');
  // An officer's view of their record, as the data tracker records it.
  const recorded = await services.exchange.recordAccess({
    subjectKind: 'nik',
    subjectKey: issued.citizen.nik,
    agencyId: fixture.agencyId,
    role: 'officer',
    productCode: null,
    fields: ['application'],
    purpose: 'application_processing',
    legalBasis: 'UU 25/2009 tentang Pelayanan Publik',
    caseReference: issued.trackingNumber,
    channel: 'officer_view',
  });
  if (!recorded) throw new Error('access not recorded');
  return { actor, fixture, issued, complaint, correctionReference: correction.value.reference, nik: issued.citizen.nik, fullName: issued.citizen.fullName };
}
