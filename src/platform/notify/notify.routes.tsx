import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../http/request-context.ts';
import { CSS_HREF } from '../ui/assets.ts';
import type { Notifier } from './notify.service.ts';
import { MailboxPage } from './views/mailbox-page.tsx';

export interface NotifyRoutesOptions {
  notifier: Notifier;
  /** config.devMailbox: loadConfig refuses it in production. */
  devMailbox: boolean;
}

const MAILBOX_LIMIT = 50;

/**
 * The development mailbox at /dev/mailbox: what Loket sent, so that a person trying it can read a
 * verification code without a mail server. When the mailbox is off the route is not registered at all,
 * so it answers 404 like any unknown address.
 */
export const notifyRoutes: FastifyPluginAsync<NotifyRoutesOptions> = async (app, { notifier, devMailbox }) => {
  if (!devMailbox) return;
  app.get('/dev/mailbox', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const entries = await notifier.mailbox(MAILBOX_LIMIT);
    // Codes and addresses: nothing to keep in a cache or a search engine.
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return reply.html(<MailboxPage ctx={pageContext(request, reply, CSS_HREF)} entries={entries} limit={MAILBOX_LIMIT} />);
  });
};
