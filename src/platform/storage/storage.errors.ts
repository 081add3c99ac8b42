import { AppError } from '../http/errors.ts';

/** Errors of the storage module (codes `storage.*`), turned into responses by the global handler. */
export const storageErrors = {
  /** No such file, or not the expected owner's: the same answer, so ids cannot be probed. */
  notFound: () => new AppError('storage.not_found', 404, 'error.notFound.title', 'error.notFound.text'),
  /** A multipart body that cannot be parsed (no boundary, broken part headers, cut short). */
  badMultipart: () => new AppError('storage.bad_multipart', 400, 'error.badRequest.title', 'error.badRequest.text'),
  /** Files posted to a route that takes none. */
  uploadsNotAccepted: () => new AppError('storage.uploads_not_accepted', 415, 'error.unsupportedMedia.title', 'error.unsupportedMedia.text'),
  /** Too many parts or fields, or a text field longer than a form ever sends. */
  formTooLarge: () => new AppError('storage.form_too_large', 413, 'error.tooLarge.title', 'error.tooLarge.text'),
  /** The file store's disk (or quota) is full: the upload is refused, nothing of it is kept. */
  full: () => new AppError('storage.full', 507, 'storage.full.title', 'storage.full.text'),
};
