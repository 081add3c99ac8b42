import { AppError } from '../../platform/http/errors.ts';

// Errors of the payments module (codes `payments.*`). The webhook's caller is a machine, but the
// texts still say plainly what was wrong, so that whoever reads the provider's delivery log can act.
export const paymentErrors = {
  signatureInvalid: () => new AppError('payments.signature_invalid', 401, 'payments.error.signature.title', 'payments.error.signature.text'),
  signatureStale: () => new AppError('payments.signature_stale', 401, 'payments.error.signature.title', 'payments.error.signatureStale.text'),
  malformedEvent: () => new AppError('payments.malformed_event', 400, 'payments.error.malformed.title', 'payments.error.malformed.text'),
  unknownBillingCode: () => new AppError('payments.unknown_billing_code', 422, 'payments.error.unknownCode.title', 'payments.error.unknownCode.text'),
  amountMismatch: () => new AppError('payments.amount_mismatch', 422, 'payments.error.amount.title', 'payments.error.amount.text'),
  alreadyPaid: () => new AppError('payments.already_paid', 409, 'payments.error.alreadyPaid.title', 'payments.error.alreadyPaid.text'),
  notPayable: () => new AppError('payments.not_payable', 409, 'payments.error.notPayable.title', 'payments.error.notPayable.text'),
  applicationClosed: () => new AppError('payments.application_closed', 409, 'payments.error.applicationClosed.title', 'payments.error.applicationClosed.text'),
  nothingToReissue: () => new AppError('payments.nothing_to_reissue', 409, 'payments.error.nothingToReissue.title', 'payments.error.nothingToReissue.text'),
};
