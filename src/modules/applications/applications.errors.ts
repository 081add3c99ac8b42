import { AppError, type InvalidParam } from '../../platform/http/errors.ts';

// Errors of the applications module (codes `applications.*`). Another person's application is
// answered as missing (authErrors.notFound), never as forbidden.
export const applicationErrors = {
  serviceNotFound: () =>
    new AppError('applications.service_not_found', 404, 'applications.error.serviceNotFound.title', 'applications.error.serviceNotFound.text'),
  /** The service is not offered on this channel (online or counter), or not to this kind of applicant. */
  notOffered: () => new AppError('applications.not_offered', 422, 'applications.error.notOffered.title', 'applications.error.notOffered.text'),
  /** Business applications only for an organisation the person belongs to. */
  notMember: () => new AppError('applications.not_member', 403, 'applications.error.notMember.title', 'applications.error.notMember.text'),
  onlyCitizens: () => new AppError('applications.only_citizens', 403, 'applications.error.onlyCitizens.title', 'applications.error.onlyCitizens.text'),
  invalidAnswers: (params: readonly InvalidParam[]) =>
    new AppError('applications.invalid_answers', 422, 'applications.error.invalidAnswers.title', 'applications.error.invalidAnswers.text', params),
  /** The state of the application does not allow the change (withdrawing a decided one, answering when nothing was asked). */
  wrongState: () => new AppError('applications.wrong_state', 409, 'applications.error.wrongState.title', 'applications.error.wrongState.text'),
  contactNotVerified: () =>
    new AppError('applications.contact_not_verified', 403, 'applications.error.contactNotVerified.title', 'applications.error.contactNotVerified.text'),
  idempotencyKeyRequired: () =>
    new AppError('applications.idempotency_key_required', 400, 'applications.error.idempotencyKey.title', 'applications.error.idempotencyKey.text'),
  invalidNik: () => new AppError('applications.invalid_nik', 422, 'applications.error.invalidNik.title', 'applications.error.invalidNik.text'),
};
