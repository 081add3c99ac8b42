import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { DraftsService, OpenDraft } from '../applications/drafts.service.ts';
import { nextPageId } from '../applications/drafts.service.ts';
import { consentReceipt } from './consent.receipt.ts';
import type { ConsentService, DraftRef } from './consent.service.ts';
import { ConsentListPage } from './views/consent-list-page.tsx';
import { ConsentResultPage, ConsentScreenPage } from './views/consent-screen.tsx';

const SIGNED_IN = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
const REQUIREMENT_ID = /^[a-z][a-z0-9-]{0,39}$/;

// Notices after a redirect, by a fixed code: nothing a link can inject.
const NOTICES: Record<string, MessageKey> = { revoked: 'consent.done.revoked', alreadyRevoked: 'consent.done.alreadyRevoked' };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

export interface ConsentRoutesOptions {
  consents: ConsentService;
  drafts: Pick<DraftsService, 'open' | 'submissionKey'>;
  publicUrl: string;
}

/**
 * Once-only in the apply journey (the consent screen of a fetchable requirement, the decision, what
 * was fetched) and the citizen's consent receipts under /account/consents. Works without JavaScript.
 */
export function consentRoutes({ consents, drafts, publicUrl }: ConsentRoutesOptions) {
  async function draftRef(request: FastifyRequest<{ Params: { draftId: string; requirementId: string } }>): Promise<{ draft: OpenDraft; ref: DraftRef }> {
    if (!REQUIREMENT_ID.test(request.params.requirementId)) throw authErrors.notFound();
    const draft = await drafts.open(signedInActor(request), request.params.draftId);
    const ref = { id: draft.id, versionId: draft.version.id, organisationId: draft.organisationId, submissionKey: await drafts.submissionKey(draft) };
    return { draft, ref };
  }

  return async (app: FastifyInstance) => {
    app.get<{ Params: { draftId: string; requirementId: string } }>('/apply/:draftId/once-only/:requirementId', SIGNED_IN, async (request, reply) => {
      const { draft, ref } = await draftRef(request);
      const screen = await consents.screen(signedInActor(request), ref, request.params.requirementId);
      const ctx = page(request, reply);
      reply.header('cache-control', 'no-store');
      if (screen.decision && screen.decision.status !== 'declined') {
        const continueHref = `/apply/${draft.id}/${nextPageId(draft, screen.pageId)}`;
        return reply.html(<ConsentResultPage ctx={ctx} screen={screen} decision={screen.decision} continueHref={continueHref} />);
      }
      const pages = draft.version.form.pages;
      const previous = pages[pages.findIndex((candidate) => candidate.id === screen.pageId) - 1];
      const backHref = previous ? `/apply/${draft.id}/${previous.id}` : `/services/${draft.version.code}`;
      return reply.html(<ConsentScreenPage ctx={ctx} screen={screen} backHref={backHref} />);
    });

    app.post<{ Params: { draftId: string; requirementId: string } }>('/apply/:draftId/once-only/:requirementId', SIGNED_IN, async (request, reply) => {
      const { ref } = await draftRef(request);
      const actor = signedInActor(request);
      const decision = formText(request.body, 'decision', 20);
      if (decision === 'agree') {
        await consents.agree(actor, ref, request.params.requirementId, requestOrigin(request));
        return reply.redirect(`/apply/${ref.id}/once-only/${request.params.requirementId}`, 303);
      }
      if (decision === 'decline') {
        const { pageId } = await consents.decline(actor, ref, request.params.requirementId, requestOrigin(request));
        return reply.redirect(`/apply/${ref.id}/${pageId}`, 303);
      }
      throw platformErrors.validation([{ name: 'decision', reason: 'agree or decline' }]);
    });

    app.get('/account/consents', SIGNED_IN, async (request, reply) => {
      const done = formText(request.query, 'done', 20);
      const consentsOf = await consents.listConsents(signedInActor(request));
      return reply.header('cache-control', 'no-store').html(<ConsentListPage ctx={page(request, reply)} consents={consentsOf} notice={NOTICES[done]} />);
    });

    app.get<{ Params: { id: string } }>('/account/consents/:id.json', SIGNED_IN, async (request, reply) => {
      if (!isUuid(request.params.id)) throw authErrors.notFound();
      const actor = signedInActor(request);
      const consent = await consents.consent(actor, request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="consent-receipt-${consent.id}.json"`)
        .type('application/json; charset=utf-8')
        .send(consentReceipt(consent, { locale: request.locale, publicUrl, accountId: actor.accountId }));
    });

    app.post<{ Params: { id: string } }>('/account/consents/:id/revoke', SIGNED_IN, async (request, reply) => {
      if (!isUuid(request.params.id)) throw authErrors.notFound();
      const revoked = await consents.revoke(signedInActor(request), request.params.id, requestOrigin(request));
      return reply.redirect(`/account/consents?done=${revoked ? 'revoked' : 'alreadyRevoked'}`, 303);
    });
  };
}
