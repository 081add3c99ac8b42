import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the surveys module, as Kysely sees them (camelCase). Keep in step with
// migrations/0018_surveys.sql.

export const SURVEY_SUBJECTS = ['application', 'complaint'] as const;
export type SurveySubjectKind = (typeof SURVEY_SUBJECTS)[number];

export const SURVEY_CHANNELS = ['online', 'counter', 'kiosk'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export const AGE_BANDS = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const EDUCATION_LEVELS = ['none', 'primary', 'junior', 'senior', 'diploma', 'bachelor', 'postgraduate'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
export const OCCUPATIONS = ['civil_servant', 'military_police', 'private_employee', 'self_employed', 'student', 'other'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export interface SurveyInvitationTable {
  id: Generated<string>;
  subjectKind: SurveySubjectKind;
  subjectId: string;
  /** The application's tracking number or the complaint's tracking id. */
  reference: string;
  agencyId: string;
  unitId: string | null;
  serviceId: string | null;
  tokenHash: string;
  invitedAt: Timestamp;
  used: Generated<boolean>;
}

/** One answer. Nothing here names the respondent, their application or their invitation. */
export interface SurveyResponseTable {
  id: Generated<string>;
  agencyId: string;
  unitId: string | null;
  serviceId: string | null;
  subjectKind: SurveySubjectKind;
  channel: SurveyChannel;
  /** ISO date (yyyy-mm-dd), in WIB. */
  answeredOn: string;
  u1: number;
  u2: number;
  u3: number;
  u4: number;
  u5: number;
  u6: number;
  u7: number;
  u8: number;
  u9: number;
  comment: string | null;
  ageBand: AgeBand | null;
  sex: Sex | null;
  education: Education | null;
  occupation: Occupation | null;
}

/** Per day and group: people served and the answers' sums (migrations/0018_surveys.sql). */
export interface SurveyDailyTable {
  agencyId: string;
  /** ISO date (yyyy-mm-dd), in WIB. */
  day: string;
  /** The zero uuid when the answers have no unit. */
  unitKey: string;
  /** The zero uuid when they have no service (complaints). */
  serviceKey: string;
  subjectKind: SurveySubjectKind;
  served: Generated<number>;
  respondents: Generated<number>;
  s1: Generated<number>;
  s2: Generated<number>;
  s3: Generated<number>;
  s4: Generated<number>;
  s5: Generated<number>;
  s6: Generated<number>;
  s7: Generated<number>;
  s8: Generated<number>;
  s9: Generated<number>;
}

export interface SurveysTables {
  surveyInvitation: SurveyInvitationTable;
  surveyResponse: SurveyResponseTable;
  surveyDaily: SurveyDailyTable;
}
