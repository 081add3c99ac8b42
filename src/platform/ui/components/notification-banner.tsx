import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context.ts';

export interface NotificationBannerProps {
  ctx: PageContext;
  /** "success" confirms what the person just did; "important" tells them something they need to know. */
  type?: 'important' | 'success';
  /** Prefix for the heading id; needs changing only when a page shows two banners. */
  id?: string;
  children: ComponentChildren;
}

/**
 * A banner at the top of a page. A success banner is announced at once (role="alert"); an important
 * one is a landmark people can find (a labelled section, role "region").
 */
export function NotificationBanner({ ctx, type = 'important', id = 'notification-banner', children }: NotificationBannerProps) {
  const titleId = `${id}-title`;
  const title = (
    <h2 class="banner__header" id={titleId}>
      {ctx.t(type === 'success' ? 'ui.notification.success' : 'ui.notification.important')}
    </h2>
  );
  const content = <div class="banner__content">{children}</div>;
  if (type === 'success') {
    return (
      <div class="banner banner--success" role="alert" aria-labelledby={titleId}>
        {title}
        {content}
      </div>
    );
  }
  // A labelled <section> is a region landmark.
  return (
    <section class="banner" aria-labelledby={titleId}>
      {title}
      {content}
    </section>
  );
}
