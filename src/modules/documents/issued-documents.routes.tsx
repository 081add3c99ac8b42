import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { platformErrors } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor as actorOf, formText, requestOrigin } from '../../platform/http/request-input.ts';
import { sendFile } from '../../platform/storage/storage.download.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { type IssuingService, MAX_PDF_BYTES, MAX_REASON, type Verification } from './issuing.service.ts';
import { MAX_QR_PAYLOAD_LENGTH } from './signing.ts';
import { DocumentPage, VerifyPage } from './views/documents-views.tsx';

// Document numbers and signatures are not guessable, but a public lookup still gets its own, tighter limit.
const RATE_LIMIT = { max: 30, timeWindow: 60 * 1000 };
const VERIFY_PAGE = { config: { access: 'public' as const, rateLimit: RATE_LIMIT }, schema: { hide: true } };
const REVOKE = { config: { access: { permission: 'document.revoke' as const } }, schema: { hide: true } };
const SIGNED_IN = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
/** Longer than any payload or number: anything beyond is refused without a lookup. */
const MAX_INPUT = MAX_QR_PAYLOAD_LENGTH + 20;

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

const SignedFields = Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer(), Type.Boolean(), Type.Null()]));

const VerificationBody = Type.Object({
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('expired'), Type.Literal('invalid'), Type.Literal('not_found')]),
  reason: Type.Optional(
    Type.String({
      description:
        'invalid: malformed, bad_signature, unknown_key, wrong_agency (the key is not the named agency’s), mismatch (differs from the registered document); not_found: not_registered (a genuine signature the register does not know)',
    }),
  ),
  fields: Type.Optional(SignedFields),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  revocationReason: Type.Optional(Type.String()),
});

const verifyRouteSchema = {
  tags: ['documents'],
  summary: 'Verify an issued document',
  description:
    'By document number (looked up in the register, its stored signature checked again) or by QR payload (checked against the published keys, then against the register for revocation). Give exactly one. Only the minimum signed fields are returned.',
  querystring: Type.Object({
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    payload: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_QR_PAYLOAD_LENGTH })),
  }),
  response: { 200: VerificationBody },
};

function verificationBody(result: Verification) {
  return {
    status: result.status,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.fields ? { fields: { ...result.fields } } : {}),
    ...(result.revokedAt ? { revokedAt: result.revokedAt.toISOString() } : {}),
    ...(result.revocationReason !== undefined ? { revocationReason: result.revocationReason } : {}),
  };
}

/** A scope of its own: only this route reads a raw PDF body. */
function pdfVerificationRoute(issuing: IssuingService) {
  return async (scope: FastifyInstance) => {
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/documents/verify-pdf',
      {
        config: { access: 'public', rateLimit: RATE_LIMIT },
        bodyLimit: MAX_PDF_BYTES,
        schema: {
          tags: ['documents'],
          summary: 'Verify an issued document’s PDF file',
          description:
            'Send the PDF as received (Content-Type: application/pdf). It is genuine only when its bytes are exactly those of an issued document: any change to its content fails (reason unknown_file). The answer is then that of the document’s number.',
          response: { 200: VerificationBody },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw platformErrors.validation([{ name: 'body', reason: request.t('documents.verify.pdfRequired') }]);
        }
        return verificationBody(await issuing.verifyPdf(body));
      },
    );
  };
}

/** Public verification (page and API), revocation in the back office, and the applicant's download. */
export function issuedDocumentsRoutes({ issuing, storage }: { issuing: IssuingService; storage: Pick<FileStorage, 'openFile'> }) {
  return async (app: FastifyInstance) => {
    // `q`: typed in the form (a number or QR text); `d`: the QR payload the printed code opens.
    app.get('/verify', VERIFY_PAGE, async (request, reply) => {
      const raw = formText(request.query, 'd', MAX_INPUT + 1) || formText(request.query, 'q', MAX_INPUT + 1);
      const ctx = page(request, reply);
      if (raw.trim() === '') {
        const asked = typeof (request.query as Record<string, unknown> | undefined)?.q === 'string';
        return reply.code(asked ? 400 : 200).html(<VerifyPage ctx={ctx} value="" error={asked ? ctx.t('documents.verify.empty') : undefined} />);
      }
      if (raw.length > MAX_INPUT) return reply.code(400).html(<VerifyPage ctx={ctx} value="" error={ctx.t('documents.verify.tooLong')} />);
      const result = await issuing.verify(raw);
      return reply
        .code(result.status === 'not_found' && !result.fields ? 404 : 200)
        .header('cache-control', 'no-store')
        .html(<VerifyPage ctx={ctx} value={raw} result={result} />);
    });

    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.get('/api/v1/documents/verify', { config: { access: 'public', rateLimit: RATE_LIMIT }, schema: verifyRouteSchema }, async (request, reply) => {
      const { number, payload } = request.query;
      reply.header('cache-control', 'no-store');
      if ((number === undefined) === (payload === undefined)) {
        throw platformErrors.validation([{ name: number === undefined ? 'number' : 'payload', reason: request.t('documents.verify.oneOf') }]);
      }
      const result = payload !== undefined ? await issuing.verifyPayload(payload) : await issuing.verifyNumber(number ?? '');
      return verificationBody(result);
    });

    await app.register(pdfVerificationRoute(issuing));

    app.get<{ Params: { id: string } }>('/backoffice/documents/:id', REVOKE, async (request, reply) => {
      const document = await issuing.forBackoffice(actorOf(request), request.params.id);
      const done = formText(request.query, 'done', 20);
      return reply
        .header('cache-control', 'no-store')
        .html(<DocumentPage ctx={page(request, reply)} document={document} notice={done === 'revoked' ? 'revoked' : undefined} />);
    });

    app.post<{ Params: { id: string } }>('/backoffice/documents/:id/revoke', REVOKE, async (request, reply) => {
      const actor = actorOf(request);
      const reason = formText(request.body, 'reason', MAX_REASON + 100);
      const result = await issuing.revoke(actor, request.params.id, reason, requestOrigin(request));
      const href = `/backoffice/documents/${request.params.id}`;
      if (result.ok) return reply.redirect(`${href}?done=revoked`, 303);
      const document = await issuing.forBackoffice(actor, request.params.id);
      const ctx = page(request, reply);
      if (result.reason === 'already_revoked') return reply.code(409).html(<DocumentPage ctx={ctx} document={document} notice="already_revoked" />);
      return reply.code(400).html(<DocumentPage ctx={ctx} document={document} value={reason} error={ctx.t('documents.backoffice.reasonLength')} />);
    });

    app.get<{ Params: { number: string; id: string } }>('/applications/:number/documents/:id', SIGNED_IN, async (request, reply) => {
      const { fileId } = await issuing.authorizeDownload(actorOf(request), request.params.number, request.params.id, requestOrigin(request));
      // Stored as application/pdf named after the document number: sendFile serves it as such.
      return sendFile(reply, await storage.openFile(fileId));
    });
  };
}
