import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { isValidBillingCode, normalizeBillingCode } from './billing-code.ts';
import { paymentErrors } from './payments.errors.ts';
import { webhookRouteSchema } from './payments.schemas.ts';
import type { BillView, PaymentsService } from './payments.service.ts';
import { SandboxPage } from './views/sandbox-page.tsx';
import { SIGNATURE_HEADER } from './webhook-signature.ts';

export const WEBHOOK_PATH = '/api/v1/payments/webhook';
/** A notification is a few hundred bytes; anything much larger is not one. */
const WEBHOOK_BODY_LIMIT = 8 * 1024;

export interface PaymentsRoutesOptions {
  payments: PaymentsService;
  /** config.paymentSandbox: loadConfig refuses it in production. */
  sandbox: boolean;
}

/**
 * The provider's webhook in a scope of its own: its JSON parser keeps the raw body, because the
 * signature covers the exact bytes sent and a re-serialized object may differ.
 */
function webhookRoutes(payments: PaymentsService) {
  return async (scope: FastifyInstance) => {
    const rawBodies = new WeakMap<FastifyRequest, string>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (request, body, done) => {
      const raw = String(body);
      rawBodies.set(request, raw);
      try {
        done(null, JSON.parse(raw));
      } catch {
        done(paymentErrors.malformedEvent(), undefined);
      }
    });
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    api.post(
      WEBHOOK_PATH,
      {
        config: { access: 'public' },
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: webhookRouteSchema,
        // Before the body is validated: an unsigned request learns nothing about what a valid one looks like.
        preValidation: async (request) => {
          const header = request.headers[SIGNATURE_HEADER];
          payments.verifySignature(rawBodies.get(request) ?? '', typeof header === 'string' ? header : undefined);
        },
      },
      async (request, reply) => {
        const result = await payments.receive(request.body, { ip: request.ip, requestId: request.id });
        reply.header('cache-control', 'no-store');
        return result;
      },
    );
  };
}

/**
 * The development payment sandbox at /dev/payments: plays the provider by sending a correctly signed
 * notification to the real webhook over (injected) HTTP. Not registered at all when off.
 */
function sandboxRoutes(payments: PaymentsService) {
  return async (app: FastifyInstance) => {
    const page = (request: FastifyRequest, reply: FastifyReply, props: { code: string; bill?: BillView; error?: string; paid?: boolean; refusal?: string }) => {
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return reply.html(<SandboxPage ctx={pageContext(request, reply, CSS_HREF)} {...props} />);
    };

    /** The bill for what the person typed, or the message for the field. */
    async function lookUp(request: FastifyRequest, typed: string): Promise<{ bill: BillView } | { error: string }> {
      const code = normalizeBillingCode(typed);
      if (code === '') return { error: request.t('payments.sandbox.error.codeRequired') };
      if (!isValidBillingCode(code)) return { error: request.t('payments.sandbox.error.codeInvalid') };
      const bill = await payments.findByCode(code);
      return bill ? { bill } : { error: request.t('payments.sandbox.error.codeUnknown') };
    }

    app.get('/dev/payments', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const typed = formText(request.query, 'code', 60);
      const paid = formText(request.query, 'paid', 1) === '1';
      if (typed === '') return page(request, reply, { code: '' });
      const found = await lookUp(request, typed);
      if ('error' in found) return page(request, reply.code(400), { code: typed, error: found.error });
      return page(request, reply, { code: found.bill.billingCode, bill: found.bill, paid: paid && found.bill.status === 'paid' });
    });

    app.post('/dev/payments', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const typed = formText(request.body, 'code', 60);
      const found = await lookUp(request, typed);
      if ('error' in found) return page(request, reply.code(400), { code: typed, error: found.error });
      const { rawBody, signature } = payments.sandboxNotification(found.bill);
      const response = await app.inject({
        method: 'POST',
        url: WEBHOOK_PATH,
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, 'accept-language': request.locale },
        payload: rawBody,
      });
      if (response.statusCode === 200) return reply.redirect(`/dev/payments?code=${found.bill.billingCode}&paid=1`, 303);
      const detail = (response.json() as { detail?: unknown }).detail;
      const bill = (await payments.findByCode(found.bill.billingCode)) ?? found.bill;
      return page(request, reply.code(response.statusCode >= 500 ? 502 : response.statusCode), {
        code: bill.billingCode,
        bill,
        refusal: typeof detail === 'string' ? detail : String(response.statusCode),
      });
    });
  };
}

/** Fees: the provider's webhook, the applicant's "new billing code" and, in development, the sandbox. */
export function paymentsRoutes({ payments, sandbox }: PaymentsRoutesOptions) {
  return async (app: FastifyInstance) => {
    await app.register(webhookRoutes(payments));
    if (sandbox) await app.register(sandboxRoutes(payments));

    app.post('/applications/:number/payment/new-code', { config: { access: { permission: 'account.self' } } }, async (request, reply) => {
      const trackingNumber = formText(request.params, 'number', 60);
      await payments.reissue(signedInActor(request).accountId, trackingNumber);
      return reply.redirect(`/applications/${encodeURIComponent(trackingNumber)}#payment`, 303);
    });
  };
}
