import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './file-name.ts';
import type { OpenedFile } from './storage.service.ts';

/**
 * Sends an opened file as a download. The type is the detected one; the browser must not guess
 * another (nosniff) nor render it in Loket's origin (attachment, and a sandboxing policy should it be
 * opened anyway); no cache keeps a copy of personal documents. The caller has checked access and
 * recorded it.
 */
export function sendFile(reply: FastifyReply, file: OpenedFile): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', file.size)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.stream);
}
