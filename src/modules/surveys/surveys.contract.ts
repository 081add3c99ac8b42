import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { MIN_PUBLISHED_COUNT } from '../../platform/statistics/small-counts.ts';
import type { ApplicantContact } from '../applications/applicant-contact.ts';
import type { SkmIndex } from './skm.ts';
import type { GroupBy } from './surveys.repository.ts';
import type { AgeBand, Education, Occupation, Sex, SurveyChannel, SurveySubjectKind } from './surveys.tables.ts';

// What the surveys module offers the workflow and complaints modules (invitations, in their
// transactions), the pages (questionnaire, kiosk, staff index) and the transparency and open-data
// modules (the index). Implemented by surveys.service.ts.
//
// No function here returns a single response: the index comes as sums per group, and a group with
// fewer than MIN_RESPONDENTS answers shows its count but no scores, so no one's answers can be read
// off a group of one.

/** Below this many respondents a group's scores are withheld (its count is still given). */
export const MIN_RESPONDENTS = MIN_PUBLISHED_COUNT;

/** What an application's completion hands the surveys module (WorkflowHooks.applicationCompleted). */
export interface CompletedApplication {
  applicationId: string;
  trackingNumber: string;
  agencyId: string;
  serviceId: string;
  /** The unit that handled it last (a workflow unit code), null: the agency's first office. */
  unitCode: string | null;
  applicantAccountId: string | null;
}

/** What a complaint's closing hands the surveys module. */
export interface ClosedComplaint {
  complaintId: string;
  trackingId: string;
  agencyId: string;
  unitId: string | null;
  /** Where the reporter hears about their report, and the link they use (none: invited on the page only). */
  contact?: ApplicantContact | undefined;
}

/** A questionnaire as posted, each field as text ('' when absent). */
export interface RawAnswers {
  u1: string;
  u2: string;
  u3: string;
  u4: string;
  u5: string;
  u6: string;
  u7: string;
  u8: string;
  u9: string;
  comment: string;
  ageBand: string;
  sex: string;
  education: string;
  occupation: string;
}

export interface Answers {
  /** U1–U9, each 1–4. */
  scores: number[];
  comment: string | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  education: Education | null;
  occupation: Occupation | null;
}

/** What the questionnaire's page shows about what is rated: never who. */
export interface SurveyForm {
  subjectKind: SurveySubjectKind;
  agencyName: { id: string; en: string };
  serviceName: { id: string; en: string } | null;
  used: boolean;
}

export type SubmitResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' }
  /** The invitation was used already (a second submit, another tab, the kiosk): nothing was saved. */
  | { ok: false; reason: 'already_answered' }
  | { ok: false; reason: 'invalid'; problems: FormProblem[] };

export type KioskResult = { ok: true; token: string } | { ok: false; reason: 'not_found' | 'already_answered' };

/** Which answers an index covers: ISO days (WIB), both ends included. Ids narrow it down. */
export interface IndexQuery {
  agencyId?: string | undefined;
  unitId?: string | undefined;
  serviceId?: string | undefined;
  /** Only answers about applications, or about complaint handling; default both. */
  subjectKind?: SurveySubjectKind | undefined;
  from: string;
  to: string;
  /** The element weight; default the configured one (exactly 1/9 unless configured). */
  weight?: number | undefined;
}

export interface SurveyIndex {
  respondents: number;
  /** People served in the period (invitations made: completed applications and closed complaints). */
  population: number;
  /** Absent when nobody answered, or fewer than MIN_RESPONDENTS did. */
  index?: SkmIndex;
  /** True when there were answers, but too few to show. */
  suppressed: boolean;
}

export interface SurveyIndexGroup extends SurveyIndex {
  /** An agency, unit or service id, or a month (yyyy-mm); null for answers without a unit or service. */
  key: string | null;
  /** For agencies, units and services. */
  name?: { code: string; id: string; en: string };
}

export interface ProfileCount {
  question: 'ageBand' | 'sex' | 'education' | 'occupation';
  /** The answer's code (surveys.tables.ts), or null for "did not say". */
  value: string | null;
  /** Null when fewer than MIN_RESPONDENTS gave it. */
  count: number | null;
}

export interface SurveysService {
  /** In the workflow's transaction when an application is issued: one invitation, and a message to the applicant. Once per application. */
  inviteForApplication(trx: Database, application: CompletedApplication): Promise<void>;
  /** In the complaints module's transaction when a report closes: one invitation per report. */
  inviteForComplaint(trx: Database, complaint: ClosedComplaint): Promise<void>;
  /**
   * The link to an unanswered survey about an application (by tracking number) or complaint (by
   * tracking id), for its page. The caller has checked that the reader is its applicant or reporter.
   */
  pendingSurveyLink(subjectKind: SurveySubjectKind, reference: string): Promise<string | undefined>;

  /** What the questionnaire shows; undefined for an unknown token. */
  form(token: string): Promise<SurveyForm | undefined>;
  /** Checks the answers without saving them. */
  validate(raw: RawAnswers): { ok: true; answers: Answers } | { ok: false; problems: FormProblem[] };
  /**
   * Saves one response and uses up the invitation, in one transaction; a second submit saves
   * nothing and says so. `staff` is the officer of a kiosk or paper entry (for the audit log).
   */
  submit(token: string, raw: RawAnswers, channel: SurveyChannel, origin: RequestOrigin, staff?: SignedInActor): Promise<SubmitResult>;
  /** The counter: the survey of a completed application of the actor's agency (survey.kiosk). */
  openKiosk(actor: SignedInActor, trackingNumber: string): Promise<KioskResult>;

  /** The index over the query (for the transparency dashboard and open data). Throws surveys.invalid_period for a bad period. */
  index(query: IndexQuery): Promise<SurveyIndex>;
  /** The index per agency, unit, service or month, over the query: one SQL group-by, each group through computeSkm. */
  indexBy(groupBy: GroupBy, query: IndexQuery): Promise<SurveyIndexGroup[]>;
  /** Staff (survey.read): the agencies whose index the actor may see ('all' for auditors and platform admins). */
  readableAgencies(actor: SignedInActor): 'all' | string[];
  /**
   * The respondent profile over the query: per question (age band, sex, education, occupation), how
   * many gave each answer (null: did not say). A count under MIN_RESPONDENTS is withheld (null), so a
   * rare profile cannot single anyone out.
   */
  profile(query: IndexQuery): Promise<ProfileCount[]>;
  /** Comments in the query, only when it holds at least MIN_RESPONDENTS answers; in no order that tells when or who. */
  comments(query: IndexQuery, limit?: number): Promise<string[] | undefined>;
}
