import { AppError } from '../http/errors.ts';

export const authErrors = {
  /** Not signed in: pages send the person to sign in; the API answers 401. */
  unauthenticated: () => new AppError('auth.unauthenticated', 401, 'error.unauthorized.title', 'error.unauthorized.text'),
  forbidden: () => new AppError('auth.forbidden', 403, 'error.forbidden.title', 'error.forbidden.text'),
  /** Another person's record: answered as if it did not exist, so existence is not revealed. */
  notFound: () => new AppError('platform.not_found', 404, 'error.notFound.title', 'error.notFound.text'),
};
