import multipart, { type Multipart, type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { MAX_IMAGE_PIXELS } from './image-dimensions.ts';
import { type MediaType, mediaTypeLabel } from './media-type.ts';
import { storageErrors } from './storage.errors.ts';
import type { FileStorage, StoredFileSummary, StoreRefusal, Uploader } from './storage.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes multipart/form-data (read with receiveUploads); every other route answers 415 to it. */
    uploads?: boolean;
  }
}

/** What one file field takes; FileField of the form schema maps onto it (uploadRuleFor). */
export interface UploadRule {
  accept: readonly MediaType[];
  maxBytesPerFile: number;
  maxFiles: number;
}

/**
 * The defaults apply to every file field, and `maxFiles` to the whole request. With `perField`, each
 * named field has its own rule and a file in any other field is refused.
 */
export type UploadOptions = UploadRule & Uploader & { perField?: Readonly<Record<string, UploadRule>> };

/** The text fields of the form, as a url-encoded post would give them (a repeated name gives a list). */
export type FormFields = Record<string, string | string[]>;

export interface UploadedFile extends StoredFileSummary {
  /** The form field the file came in. */
  field: string;
}

export interface UploadProblem {
  /** The file field to link the error to ('' when not known). */
  field: string;
  key: MessageKey;
  params: Record<string, string | number>;
  status: 400 | 413 | 415;
}

export type UploadResult = { ok: true; files: UploadedFile[]; fields: FormFields } | { ok: false; problem: UploadProblem; fields: FormFields };

export interface StorageUploadsOptions {
  storage: FileStorage;
  /** LOKET_UPLOAD_MAX_BYTES: no field's own limit goes above it. */
  uploadMaxBytes: number;
}

/** Backstops of the multipart parser, above anything a Loket form sends. */
const MAX_FILES_PER_REQUEST = 20;
const PARSER_LIMITS = { files: MAX_FILES_PER_REQUEST, fields: 200, parts: 250, fieldSize: 64 * 1024, fieldNameSize: 200, headerPairs: 200 };
/** All text fields together, as much as a url-encoded form may carry (LOKET_BODY_LIMIT's default). */
const MAX_FIELD_BYTES = 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

interface UploadState {
  storage: FileStorage;
  ceiling: number;
  parts: AsyncIterator<Multipart>;
  /** The first file part, met while reading the fields before it (see the preValidation hook). */
  pending: MultipartFile | undefined;
  fields: FormFields;
  fieldBytes: number;
  finished: boolean;
  /** receiveUploads has run or the rest of the body was given up. */
  settled: boolean;
  closeConnection: boolean;
}

const states = new WeakMap<FastifyRequest, UploadState>();

/** An error of the client's body (cut short, malformed, over a parser limit), as opposed to ours. */
class ClientBodyError extends Error {
  constructor(readonly original: unknown) {
    super('multipart body refused');
  }
}

function asClientError(error: unknown): Error {
  const status = (error as { statusCode?: unknown }).statusCode;
  // The parser's own errors carry 4xx statuses the global handler already localizes (413, 400, 406).
  if (error instanceof AppError || (error instanceof Error && typeof status === 'number' && status >= 400 && status < 500)) return error;
  return storageErrors.badMultipart();
}

async function* clientChunks(file: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk;
  } catch (error) {
    throw new ClientBodyError(error);
  }
}

async function takePart(state: UploadState): Promise<Multipart | undefined> {
  if (state.pending) {
    const part = state.pending;
    state.pending = undefined;
    return part;
  }
  if (state.finished) return undefined;
  try {
    const next = await state.parts.next();
    if (next.done) state.finished = true;
    return next.done ? undefined : next.value;
  } catch (error) {
    state.finished = true;
    throw new ClientBodyError(error);
  }
}

function addField(state: UploadState, part: MultipartValue): void {
  if (part.valueTruncated || part.fieldnameTruncated) throw storageErrors.formTooLarge();
  // A part declared as JSON arrives parsed: not form input.
  if (typeof part.value !== 'string') return;
  state.fieldBytes += part.fieldname.length + part.value.length;
  if (state.fieldBytes > MAX_FIELD_BYTES) throw storageErrors.formTooLarge();
  const existing = state.fields[part.fieldname];
  state.fields[part.fieldname] = existing === undefined ? part.value : [existing, part.value].flat();
}

/**
 * Reads and drops what is left of the body, so that the connection can carry the next request; a
 * body that goes on too long or too slowly is cut off instead, and the connection closed after the
 * response.
 */
function giveUp(request: FastifyRequest, state: UploadState): Promise<void> {
  state.settled = true;
  state.finished = true;
  const raw = request.raw;
  // Read to the end already, or the client is gone (its 'close' has passed): nothing to wait for.
  if (raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('close', onClose);
      raw.off('error', onClose);
      if (!drained) {
        raw.pause();
        state.closeConnection = true;
      }
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > 2 * state.ceiling) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(raw.readableEnded);
    const timer = setTimeout(() => finish(false), DRAIN_TIMEOUT_MS);
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('close', onClose);
    raw.once('error', onClose);
    // Away from the parser: its file streams would stall once nobody reads them.
    raw.unpipe();
    raw.resume();
  });
}

function formatBytes(request: FastifyRequest, bytes: number): string {
  if (bytes >= 1024 * 1024) return `${request.format.number(Math.floor((bytes / (1024 * 1024)) * 10) / 10)} MB`;
  return `${request.format.number(Math.floor(bytes / 1024))} KB`;
}

function typesText(request: FastifyRequest, accept: readonly MediaType[]): string {
  return new Intl.ListFormat(request.locale === 'id' ? 'id-ID' : 'en-GB', { type: 'disjunction' }).format(accept.map(mediaTypeLabel));
}

function refusalProblem(
  request: FastifyRequest,
  field: string,
  reason: StoreRefusal | 'tooMany' | 'unexpected',
  rule: UploadRule,
  maxBytes: number,
): UploadProblem {
  switch (reason) {
    case 'wrongType':
      return { field, key: 'storage.upload.wrongType', params: { types: typesText(request, rule.accept) }, status: 415 };
    case 'tooLarge':
      return { field, key: 'storage.upload.tooLarge', params: { max: formatBytes(request, maxBytes) }, status: 413 };
    case 'tooMany':
      return { field, key: 'storage.upload.tooMany', params: { max: rule.maxFiles }, status: 413 };
    case 'imageTooLarge':
      return { field, key: 'storage.upload.imageTooLarge', params: { max: request.format.number(MAX_IMAGE_PIXELS / 1_000_000) }, status: 413 };
    case 'empty':
      return { field, key: 'storage.upload.empty', params: {}, status: 400 };
    case 'unexpected':
      return { field, key: 'storage.upload.unexpected', params: {}, status: 400 };
  }
}

function uploaderOf(options: UploadOptions): Uploader {
  if (options.ownerAccountId)
    return options.uploadedBy ? { ownerAccountId: options.ownerAccountId, uploadedBy: options.uploadedBy } : { ownerAccountId: options.ownerAccountId };
  if (!options.uploadedBy) throw new Error('receiveUploads needs ownerAccountId or uploadedBy');
  return { uploadedBy: options.uploadedBy };
}

function plainFields(body: unknown): FormFields {
  const fields: FormFields = {};
  if (body === null || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) fields[name] = value;
  }
  return fields;
}

/** The rule of a form schema's file field (form-schema.ts FileField). */
export function uploadRuleFor(field: { accept: readonly MediaType[]; maxSizeBytes: number; maxFiles: number }): UploadRule {
  return { accept: field.accept, maxBytesPerFile: field.maxSizeBytes, maxFiles: field.maxFiles };
}

/**
 * Receives the files and fields of a multipart post (a route with `config.uploads: true`). Each file
 * is checked as it streams: type by magic bytes (the declared type and the extension are ignored),
 * size against the rule and LOKET_UPLOAD_MAX_BYTES, empty files refused; accepted files are encrypted
 * and stored pending (attach them with storage.attachFile once the record that keeps them is saved).
 * An empty file input (no file chosen) is skipped. On a refusal nothing from this request stays
 * stored, the rest of the body is drained, and the problem names the field and a message key. A
 * post that is not multipart gives no files and its parsed fields.
 * @throws a 4xx error for a malformed or cut-off body (after removing what was stored).
 */
export async function receiveUploads(request: FastifyRequest, options: UploadOptions): Promise<UploadResult> {
  const state = states.get(request);
  if (!state) return { ok: true, files: [], fields: plainFields(request.body) };
  if (state.settled) throw new Error('the uploads of this request were already received');
  const uploader = uploaderOf(options);
  const files: UploadedFile[] = [];
  const perField = new Map<string, number>();
  let problem: UploadProblem | undefined;
  let failure: unknown;

  try {
    for (let part = await takePart(state); part; part = await takePart(state)) {
      if (part.type === 'field') {
        addField(state, part);
        continue;
      }
      const field = part.fieldname;
      const rule = options.perField ? options.perField[field] : options;
      if (!rule) {
        problem = refusalProblem(request, field, 'unexpected', options, 0);
        break;
      }
      const maxBytes = Math.min(rule.maxBytesPerFile, state.ceiling);
      const chunks = clientChunks(part.file);
      const first = await chunks.next();
      if (first.done) {
        // A file input left empty still sends a part, with no name and no bytes.
        if (part.filename === '') continue;
        problem = refusalProblem(request, field, 'empty', rule, maxBytes);
        break;
      }
      const inField = (perField.get(field) ?? 0) + 1;
      if (inField > rule.maxFiles || files.length + 1 > options.maxFiles) {
        await chunks.return(undefined);
        problem = refusalProblem(request, field, 'tooMany', inField > rule.maxFiles ? rule : options, maxBytes);
        break;
      }
      const source = (async function* () {
        yield first.value;
        yield* chunks;
      })();
      const outcome = await state.storage.store(source, { name: part.filename, uploader, accept: rule.accept, maxBytes });
      if (!outcome.ok) {
        problem = refusalProblem(request, field, outcome.reason, rule, maxBytes);
        break;
      }
      files.push({ ...outcome.file, field });
      perField.set(field, inField);
    }
  } catch (error) {
    const original = error instanceof ClientBodyError ? error.original : undefined;
    const code = (original as { code?: unknown } | undefined)?.code;
    if (code === 'FST_FILES_LIMIT') problem = refusalProblem(request, '', 'tooMany', options, 0);
    else if (code === 'FST_REQ_FILE_TOO_LARGE') problem = refusalProblem(request, '', 'tooLarge', options, state.ceiling);
    else failure = error instanceof ClientBodyError ? asClientError(error.original) : error;
  }

  if (problem || failure) {
    // Nothing of a refused request stays: not the files before the refused one either.
    // A file that cannot be removed now (database away) is still pending: the purge job removes it.
    for (const file of files) await state.storage.deleteFile(file.id).catch(() => {});
    await giveUp(request, state);
    if (failure) throw failure;
    return { ok: false, problem: problem as UploadProblem, fields: state.fields };
  }
  state.settled = true;
  request.body = state.fields;
  return { ok: true, files, fields: state.fields };
}

/**
 * Multipart uploads for the routes that declare `config.uploads: true`.
 *
 * CSRF: the form's `_csrf` field must come before its file fields (browsers send fields in page
 * order, and Loket's forms put the token first). The preValidation hook here reads the multipart body
 * up to the first file, so the fields before it become `request.body`, and the CSRF check (registered
 * after this plugin, in security.ts) finds the token there as it does for url-encoded forms. A token
 * placed after a file, or missing, is refused before a single byte of any file is read or stored.
 * Scripts may send the token in the `x-csrf-token` header instead. Must be registered before
 * `security`, whose CSRF hook has to run after this one.
 */
export const storageUploads = fp(
  async (app: FastifyInstance, { storage, uploadMaxBytes }: StorageUploadsOptions) => {
    if (app.hasPlugin('security')) throw new Error('register storageUploads before security: the CSRF check reads the fields this plugin parses');
    // fileSize one above the ceiling: receiveUploads refuses first, with the field's own limit and message.
    await app.register(multipart, { limits: { ...PARSER_LIMITS, fileSize: uploadMaxBytes + 1 }, throwFileSizeLimit: true });

    app.addHook('preValidation', async (request) => {
      // An unknown address answers 404 as for any other body; its unread body is discarded by Node.
      if (!request.isMultipart() || request.is404) return;
      if (request.routeOptions.config?.uploads !== true) throw storageErrors.uploadsNotAccepted();
      const state: UploadState = {
        storage,
        ceiling: uploadMaxBytes,
        parts: request.parts(),
        pending: undefined,
        fields: {},
        fieldBytes: 0,
        finished: false,
        settled: false,
        closeConnection: false,
      };
      states.set(request, state);
      try {
        for (let part = await takePart(state); part; part = await takePart(state)) {
          if (part.type === 'file') {
            state.pending = part;
            break;
          }
          addField(state, part);
        }
      } catch (error) {
        throw error instanceof ClientBodyError ? asClientError(error.original) : error;
      }
      request.body = state.fields;
    });

    // A response sent without reading the files (a refused CSRF token, a route that threw) still
    // drains the body, so the connection stays usable.
    app.addHook('onSend', async (request, reply) => {
      const state = states.get(request);
      if (!state) return;
      if (!state.settled) await giveUp(request, state);
      if (state.closeConnection) reply.header('connection', 'close');
    });
  },
  { name: 'storage-uploads' },
);

export type TextFileResult = { ok: true; text: string; name: string; fields: FormFields } | { ok: false; problem: UploadProblem; fields: FormFields };

// Control characters other than tab and line breaks: a binary file, or text that is not what it claims.
const CONTROL_CHARACTERS = /(?![\t\n\r])\p{Cc}/u;

/**
 * Reads the one text file of a multipart post (a route with `config.uploads: true`) into memory, for
 * imports (a budget CSV) that are parsed and checked whole and never kept as files. Only UTF-8 text
 * without control characters passes (a byte-order mark is dropped); a second file, a file in another
 * field, an empty or oversized file are refused as receiveUploads refuses them, and the rest of the
 * body is drained. A post that is not multipart gives no file: the 'empty' problem.
 */
export async function receiveTextFile(request: FastifyRequest, { field, maxBytes }: { field: string; maxBytes: number }): Promise<TextFileResult> {
  const state = states.get(request);
  const rule: UploadRule = { accept: [], maxBytesPerFile: maxBytes, maxFiles: 1 };
  const refuse = (reason: 'tooLarge' | 'empty' | 'unexpected' | 'tooMany'): UploadProblem => refusalProblem(request, field, reason, rule, maxBytes);
  if (!state) return { ok: false, problem: refuse('empty'), fields: plainFields(request.body) };
  if (state.settled) throw new Error('the uploads of this request were already received');
  let problem: UploadProblem | undefined;
  let received: { name: string; bytes: Buffer } | undefined;
  try {
    for (let part = await takePart(state); part; part = await takePart(state)) {
      if (part.type === 'field') {
        addField(state, part);
        continue;
      }
      if (part.fieldname !== field || received) {
        problem = refuse(received ? 'tooMany' : 'unexpected');
        break;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of clientChunks(part.file)) {
        size += chunk.length;
        if (size > Math.min(maxBytes, state.ceiling)) break;
        chunks.push(chunk);
      }
      if (size > Math.min(maxBytes, state.ceiling)) {
        problem = refuse('tooLarge');
        break;
      }
      // A file input left empty still sends a part, with no name and no bytes.
      if (size === 0 && part.filename === '') continue;
      received = { name: part.filename, bytes: Buffer.concat(chunks) };
    }
  } catch (error) {
    const code = ((error instanceof ClientBodyError ? error.original : undefined) as { code?: unknown } | undefined)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') problem = refuse('tooLarge');
    else {
      await giveUp(request, state);
      throw error instanceof ClientBodyError ? asClientError(error.original) : error;
    }
  }
  if (problem) {
    await giveUp(request, state);
    return { ok: false, problem, fields: state.fields };
  }
  state.settled = true;
  request.body = state.fields;
  if (!received || received.bytes.length === 0) return { ok: false, problem: refuse('empty'), fields: state.fields };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(received.bytes);
  } catch {
    text = '\u0000';
  }
  if (CONTROL_CHARACTERS.test(text)) {
    return { ok: false, problem: { field, key: 'storage.upload.wrongType', params: { types: 'CSV (UTF-8)' }, status: 415 }, fields: state.fields };
  }
  return { ok: true, text, name: received.name, fields: state.fields };
}
