import { AppError } from '../../platform/http/errors.ts';

/** Errors of the open-data module (codes opendata.*). */
export const opendataErrors = {
  /** An unknown dataset, or a format other than .csv, .json and .schema.json: 404. */
  unknownFile: () => new AppError('opendata.unknown_file', 404, 'opendata.error.unknownFile.title', 'opendata.error.unknownFile.text'),
};
