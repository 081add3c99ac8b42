import { AppError } from '../../platform/http/errors.ts';

/** The privacy module's errors (codes `privacy.*`). */
export const privacyErrors = {
  /** A request that does not exist or is another person's (or another agency's): answered as not found. */
  notFound: () => new AppError('privacy.not_found', 404, 'error.notFound.title', 'error.notFound.text'),
  /** A staff action the request's status does not allow (closing a closed request). */
  notAllowedNow: () => new AppError('privacy.not_allowed_now', 409, 'error.validation.title', 'privacy.staff.notAllowedNow'),
};
