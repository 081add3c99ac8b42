import { protectCount } from '../../platform/statistics/small-counts.ts';
import type { SurveysService } from '../surveys/surveys.contract.ts';
import type { SkmFigure } from './views/dashboard-pages.tsx';

/** What the agency and service views ask for: the index of one agency (or one of its services) over the dashboard's period. */
export type SkmLookup = (target: { agencyId: string; serviceId?: string | undefined; from: string; to: string }) => Promise<SkmFigure | undefined>;

/**
 * The SKM index through the surveys module's contract. The surveys module withholds scores below its
 * own minimum of respondents (MIN_RESPONDENTS, 5, the dashboard's threshold too); the respondent count
 * is protected here like every other count on the dashboard.
 */
export function skmFromSurveys(surveys: Pick<SurveysService, 'index'>): SkmLookup {
  return async ({ agencyId, serviceId, from, to }) => {
    const result = await surveys.index({ agencyId, serviceId, from, to });
    return {
      score: result.suppressed ? { suppressed: true } : { suppressed: false, value: result.index?.score ?? null },
      grade: result.suppressed ? null : (result.index?.grade ?? null),
      respondents: protectCount(result.respondents),
      sampleAdequate: result.index?.sample?.adequate ?? null,
    };
  };
}
