import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, CLIENT_ERRORS } from '../../platform/http/errors.ts';
import { signedInActor } from '../../platform/http/request-input.ts';
import type { MediaType } from '../../platform/storage/media-type.ts';
import { receiveUploads, type UploadProblem } from '../../platform/storage/storage.uploads.ts';

// Problem responses are the shared schema that platform/http/openapi.ts registers.
const Problem = Type.Ref('Problem');

/** What file fields of the service forms take; a form's own narrower rule is checked again when the file is used. */
const ACCEPT: readonly MediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const MAX_FILES = 10;
const FIELD = 'file';

const UploadedFileSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Put it in the answers of a file field: { "fileIds": ["…"] }' }),
    name: Type.String({ description: 'The file name, made safe' }),
    size: Type.Integer({ description: 'Bytes' }),
    mediaType: Type.Union([Type.Literal('application/pdf'), Type.Literal('image/jpeg'), Type.Literal('image/png')], {
      description: 'Found from the content, not from the name or the declared type',
    }),
  },
  { title: 'Uploaded file' },
);

const UploadBodySchema = Type.Object(
  {
    [FIELD]: Type.Optional(Type.Array(Type.String({ contentMediaType: 'application/octet-stream' }), { description: 'One to ten files (repeat the part)' })),
  },
  { additionalProperties: false },
);

export const uploadRouteSchema = {
  tags: ['applications'],
  summary: 'Upload files for an application',
  description:
    'Consumes `multipart/form-data`: one or more parts named `file` (at most 10), each a PDF, JPEG or PNG, recognised by its content, ' +
    'no larger than the server’s upload limit. The files are yours and wait, unattached, for a day: use their ids in the answers of a ' +
    'file field of POST /api/v1/applications. Refusals: 415 wrong type, 413 too large, 400 empty, too many or another part name; ' +
    'the reason is in `invalidParams`. Nothing of a refused request is kept.',
  consumes: ['multipart/form-data'],
  body: UploadBodySchema,
  response: { 201: Type.Object({ items: Type.Array(UploadedFileSchema) }), 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
} as const;

const CODES: Readonly<Record<string, string>> = {
  'storage.upload.wrongType': 'applications.file_wrong_type',
  'storage.upload.tooLarge': 'applications.file_too_large',
  'storage.upload.tooMany': 'applications.file_too_many',
  'storage.upload.empty': 'applications.file_empty',
  'storage.upload.unexpected': 'applications.file_unexpected',
  'storage.upload.imageTooLarge': 'applications.file_image_too_large',
};

/** A refused upload as problem+json, the storage module's message (in the caller's language) as the reason. */
function uploadRefused(request: FastifyRequest, problem: UploadProblem): AppError {
  // Too many files is a malformed request here, not an oversized one.
  const status = problem.key === 'storage.upload.tooMany' ? 400 : problem.status;
  const client = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400];
  const code = CODES[problem.key] ?? client?.code ?? 'platform.bad_request';
  return new AppError(code, status, client?.titleKey ?? 'error.badRequest.title', client?.detailKey, [
    { name: FIELD, reason: request.t(problem.key, problem.params) },
  ]);
}

/**
 * Uploads for API clients, whose applications name files by id: the files are stored pending, owned
 * by the caller, and attached when an application that names them is filed.
 */
export function filesApi({ uploadMaxBytes }: { uploadMaxBytes: number }) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post('/api/v1/files', { config: { access: { permission: 'account.self' }, uploads: true }, schema: uploadRouteSchema }, async (request, reply) => {
      const actor = signedInActor(request);
      if (!request.isMultipart()) throw new AppError('applications.file_not_multipart', 415, 'error.unsupportedMedia.title', 'error.unsupportedMedia.text');
      const rule = { accept: ACCEPT, maxBytesPerFile: uploadMaxBytes, maxFiles: MAX_FILES };
      const received = await receiveUploads(request, { ...rule, ownerAccountId: actor.accountId, perField: { [FIELD]: rule } });
      if (!received.ok) throw uploadRefused(request, received.problem);
      if (received.files.length === 0) throw uploadRefused(request, { field: FIELD, key: 'storage.upload.empty', params: {}, status: 400 });
      reply.header('cache-control', 'no-store').code(201);
      return { items: received.files.map(({ id, name, size, mediaType }) => ({ id, name, size, mediaType })) };
    });
  };
}
