import { AppError, type InvalidParam } from '../../platform/http/errors.ts';

// Errors of the surveys module (codes `surveys.*`). A survey that does not exist, or is not the
// caller's to see, is answered by the pages as missing; these are for the index queries.
export const surveysErrors = {
  /** A period that is not two ISO days in order, at most MAX_PERIOD_DAYS apart. */
  invalidPeriod: (params: readonly InvalidParam[]) => new AppError('surveys.invalid_period', 400, 'surveys.error.period', 'surveys.error.period', params),
  /** An agency, unit or service filter that is not an id. */
  invalidFilter: (params: readonly InvalidParam[]) => new AppError('surveys.invalid_filter', 400, 'surveys.error.filter', 'surveys.error.filter', params),
};
