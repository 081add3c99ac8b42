import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { PageContext } from '../../platform/ui/context.ts';
import { fieldErrors } from '../accounts/views/form-state.ts';
import { exportPdf } from './export.pdf.ts';
import { privacyErrors } from './privacy.errors.ts';
import type { PrivacyServices } from './privacy.services.ts';
import { CASE_KINDS, type CaseKind } from './privacy.tables.ts';
import { DETAILS_MAX, RESPONSE_MAX } from './requests.service.ts';
import { HOLD_REASON_MAX } from './retention.service.ts';
import { DeletedPage, DeletionPage } from './views/deletion-page.tsx';
import { HoldsPage, type HoldValues } from './views/holds-page.tsx';
import { PrivacyPage } from './views/privacy-page.tsx';
import { RequestFormPage, type RequestFormValues } from './views/request-form-page.tsx';
import { RequestPage } from './views/request-page.tsx';
import { StaffQueuePage, StaffRequestPage } from './views/staff-pages.tsx';

export interface PrivacyRoutesOptions {
  privacy: PrivacyServices;
  cookieName: string;
  secureCookies: boolean;
}

const SELF = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
const STAFF = { config: { access: { permission: 'privacy.handle' as const } }, schema: { hide: true } };
const HOLDS = { config: { access: { permission: 'privacy.holds' as const } }, schema: { hide: true } };
const HOLD_NOTICES: Record<string, MessageKey> = { set: 'privacy.holds.set', released: 'privacy.holds.released' };
// A copy of everything is the heaviest page a person can ask for: a few a minute is plenty.
const EXPORT = { ...SELF, config: { ...SELF.config, rateLimit: { max: 10, timeWindow: 60_000 } } };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

function caseKind(value: string): CaseKind | undefined {
  return (CASE_KINDS as readonly string[]).includes(value) ? (value as CaseKind) : undefined;
}

/** The citizen's privacy pages under /account/privacy and the staff queue under /backoffice/privacy. */
export function privacyRoutes({ privacy, cookieName, secureCookies }: PrivacyRoutesOptions) {
  const { requests, exports, deletion, agencies, retention } = privacy;

  async function agencyName(ctx: PageContext, agencyId: string | null): Promise<string | undefined> {
    if (!agencyId) return undefined;
    const agency = await agencies.agency(agencyId);
    return agency ? (ctx.locale === 'id' ? agency.nameId : agency.nameEn) : undefined;
  }

  return async (app: FastifyInstance) => {
    const showOverview = async (request: FastifyRequest, reply: FastifyReply, status = 200, errors: { field: string; message: string }[] = []) => {
      const mine = await requests.mine(signedInActor(request));
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(<PrivacyPage ctx={page(request, reply)} requests={mine} errors={errors} />);
    };

    app.get('/account/privacy', SELF, async (request, reply) => showOverview(request, reply));

    app.post('/account/privacy/export', EXPORT, async (request, reply) => {
      const format = formText(request.body, 'format', 10);
      if (format !== 'json' && format !== 'pdf') {
        const ctx = page(request, reply);
        return showOverview(request, reply, 400, [{ field: 'format', message: ctx.t('privacy.export.formatMissing') }]);
      }
      const { reference, data } = await exports.exportFor(signedInActor(request), format, requestOrigin(request));
      const name = `loket-data-${reference}.${format}`;
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
      return reply.type('application/pdf').send(Buffer.from(await exportPdf(data, reference, request.locale)));
    });

    app.get('/account/privacy/requests/new', SELF, async (request, reply) => {
      const kind = caseKind(formText(request.query, 'kind', 20));
      if (!kind) return reply.redirect('/account/privacy', 303);
      const values: RequestFormValues = { dataCategory: '', trackingNumber: '', details: '' };
      return reply.html(<RequestFormPage ctx={page(request, reply)} kind={kind} values={values} errors={[]} />);
    });

    app.post('/account/privacy/requests', SELF, async (request, reply) => {
      const kind = caseKind(formText(request.body, 'kind', 20));
      const values: RequestFormValues = {
        dataCategory: formText(request.body, 'dataCategory', 40),
        trackingNumber: formText(request.body, 'trackingNumber', 40),
        // One past the limit, so that an over-long text is refused rather than silently cut.
        details: formText(request.body, 'details', DETAILS_MAX + 1),
      };
      if (!kind) {
        const ctx = page(request, reply);
        return showOverview(request, reply, 400, [{ field: 'kind', message: ctx.t('privacy.error.kind') }]);
      }
      const result = await requests.file(signedInActor(request), { kind, ...values }, requestOrigin(request));
      if (!result.ok) {
        const ctx = page(request, reply);
        return reply.code(400).html(<RequestFormPage ctx={ctx} kind={kind} values={values} errors={fieldErrors(ctx, result.problems)} />);
      }
      return reply.redirect(`/account/privacy/requests/${result.value.reference}?done=filed`, 303);
    });

    app.get('/account/privacy/requests/:reference', SELF, async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const view = await requests.mineByReference(signedInActor(request), reference);
      const ctx = page(request, reply);
      const filed = (request.query as { done?: unknown }).done === 'filed';
      return reply
        .header('cache-control', 'no-store')
        .html(<RequestPage ctx={ctx} request={view} filed={filed} agencyName={await agencyName(ctx, view.agencyId)} />);
    });

    app.get('/account/privacy/deletion', SELF, async (request, reply) => {
      const reasons = await deletion.assess(signedInActor(request));
      return reply.header('cache-control', 'no-store').html(<DeletionPage ctx={page(request, reply)} reasons={reasons} errors={[]} />);
    });

    app.post('/account/privacy/deletion', SELF, async (request, reply) => {
      const actor = signedInActor(request);
      if (formText(request.body, 'confirm', 10) !== 'yes') {
        const ctx = page(request, reply);
        const reasons = await deletion.assess(actor);
        return reply
          .code(400)
          .html(<DeletionPage ctx={ctx} reasons={reasons} errors={[{ field: 'confirm', message: ctx.t('privacy.deletion.confirmMissing') }]} />);
      }
      const outcome = await deletion.request(actor, requestOrigin(request));
      if (outcome.outcome === 'refused') return reply.redirect(`/account/privacy/requests/${outcome.reference}`, 303);
      reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
      // Signed out from here on: the page must not offer the account menu.
      return reply.header('cache-control', 'no-store').html(<DeletedPage ctx={{ ...page(request, reply), signedIn: false }} reference={outcome.reference} />);
    });

    app.get('/backoffice/privacy', STAFF, async (request, reply) => {
      const queue = await requests.queue(signedInActor(request));
      return reply.header('cache-control', 'no-store').html(<StaffQueuePage ctx={page(request, reply)} requests={queue} />);
    });

    const showStaffRequest = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status = 200,
      errors: { field: string; message: string }[] = [],
      response = '',
    ) => {
      const { reference } = request.params as { reference: string };
      const view = await requests.forStaff(signedInActor(request), reference, requestOrigin(request));
      const ctx = page(request, reply);
      const done = (request.query as { done?: unknown }).done === 'updated';
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(<StaffRequestPage ctx={ctx} request={view} agencyName={await agencyName(ctx, view.agencyId)} errors={errors} response={response} done={done} />);
    };

    const showHolds = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status = 200,
      values?: HoldValues,
      errors: { field: string; message: string }[] = [],
    ) => {
      const [holds, rules] = await Promise.all([retention.activeHolds(), retention.rules()]);
      const code = (request.query as { done?: unknown }).done;
      const notice = typeof code === 'string' ? HOLD_NOTICES[code] : undefined;
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(
          <HoldsPage
            ctx={page(request, reply)}
            holds={holds}
            rules={rules}
            values={values ?? { recordType: '', recordId: '', reason: '' }}
            errors={errors}
            notice={status === 200 ? notice : undefined}
          />,
        );
    };

    app.get('/backoffice/privacy/holds', HOLDS, async (request, reply) => showHolds(request, reply));

    app.post('/backoffice/privacy/holds', HOLDS, async (request, reply) => {
      const values: HoldValues = {
        recordType: formText(request.body, 'recordType', 40),
        recordId: formText(request.body, 'recordId', 101),
        reason: formText(request.body, 'reason', HOLD_REASON_MAX + 1),
      };
      const result = await retention.setHold(signedInActor(request), values, requestOrigin(request));
      if (!result.ok) return showHolds(request, reply, 400, values, fieldErrors(page(request, reply), result.problems));
      return reply.redirect('/backoffice/privacy/holds?done=set', 303);
    });

    app.post('/backoffice/privacy/holds/:id/release', HOLDS, async (request, reply) => {
      const { id } = request.params as { id: string };
      // Not a uuid: no such hold, like an unknown one.
      const released = isUuid(id) && (await retention.releaseHold(signedInActor(request), id, requestOrigin(request)));
      if (!released) throw privacyErrors.notFound();
      return reply.redirect('/backoffice/privacy/holds?done=released', 303);
    });

    app.get('/backoffice/privacy/:reference', STAFF, async (request, reply) => showStaffRequest(request, reply));

    app.post('/backoffice/privacy/:reference/respond', STAFF, async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const action = formText(request.body, 'action', 20) === 'acknowledge' ? 'acknowledge' : 'close';
      const response = formText(request.body, 'response', RESPONSE_MAX + 1);
      const result = await requests.respond(signedInActor(request), reference, { action, response }, requestOrigin(request));
      if (!result.ok) return showStaffRequest(request, reply, 400, fieldErrors(page(request, reply), result.problems), response);
      return reply.redirect(`/backoffice/privacy/${result.value.reference}?done=updated`, 303);
    });
  };
}
