import type { ComponentChildren } from 'preact';
import { LIVE_JS_HREF, MAP_ASSETS } from './assets.ts';
import type { PageContext } from './context.ts';
import { isCurrent, NAV_ITEMS } from './navigation.ts';

export interface LayoutProps {
  ctx: PageContext;
  /** Page title, without the site name. */
  title: string;
  /** Officer pages use the full width for their tables. */
  wide?: boolean;
  /**
   * Server-sent event stream that makes the page live (src/platform/events/live.routes.ts), e.g.
   * `/events/applications/${trackingNumber}`: the main content is read again at each change, or only
   * the elements marked data-live-region="name" when the page has any.
   */
  live?: string;
  /** The page has a map (components/map.tsx): load Leaflet and the script that draws it. */
  map?: boolean;
  /**
   * A kiosk page (the counter's survey tablet, signed in as the officer): no navigation, account or
   * language links, so the member of the public holding it can only answer.
   */
  kiosk?: boolean;
  children: ComponentChildren;
}

/** The language-switch link keeps the person on the page they are reading. */
function languageSwitchHref(ctx: PageContext): string {
  const other = ctx.locale === 'id' ? 'en' : 'id';
  return `/language?set=${other}&return=${encodeURIComponent(ctx.path)}`;
}

function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="6" width="28" height="20" rx="2" fill="none" stroke="currentColor" stroke-width="3" />
      <rect x="8" y="12" width="16" height="8" fill="currentColor" />
    </svg>
  );
}

/** Sign in, or the account and a sign-out button (a form: signing out changes state, so it is a POST). */
function AccountLinks({ ctx }: { ctx: PageContext }) {
  if (!ctx.signedIn) {
    return (
      <p class="header__account">
        <a href="/sign-in">{ctx.t('nav.signIn')}</a>
      </p>
    );
  }
  return (
    <form class="header__account" method="post" action="/sign-out">
      <a href="/account">{ctx.t('nav.account')}</a>
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class="link-button">
        {ctx.t('nav.signOut')}
      </button>
    </form>
  );
}

export function Layout({ ctx, title, wide = false, live, map = false, kiosk = false, children }: LayoutProps) {
  const { t } = ctx;
  const container = wide ? 'width-container width-full' : 'width-container';
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href={ctx.cssHref} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {live ? <script src={LIVE_JS_HREF} defer /> : null}
        {map ? <link rel="stylesheet" href={MAP_ASSETS.css} /> : null}
        {map ? MAP_ASSETS.scripts.map((src) => <script key={src} src={src} defer />) : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipLink')}
        </a>
        <header class="header">
          <div class={container}>
            <a class="header__brand" {...(kiosk ? {} : { href: '/' })}>
              <Logo />
              <span>{t('app.name')}</span>
              <span class="header__tagline">{t('app.tagline')}</span>
            </a>
            {kiosk ? null : (
              <>
                <nav class="header__nav" aria-label={t('layout.nav.label')}>
                  <ul>
                    {NAV_ITEMS.map((item) => (
                      <li key={item.href}>
                        <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                          {t(item.labelKey)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
                <AccountLinks ctx={ctx} />
                <p class="lang-switch">
                  <a
                    href={languageSwitchHref(ctx)}
                    hreflang={ctx.locale === 'id' ? 'en' : 'id'}
                    lang={ctx.locale === 'id' ? 'en' : 'id'}
                    aria-label={t('layout.language.switchToName')}
                  >
                    {t('layout.language.switchTo')}
                  </a>
                </p>
              </>
            )}
          </div>
        </header>
        <div class={container}>
          <main id="main" tabIndex={-1} data-live-url={live}>
            {children}
          </main>
          {live ? <p class="visually-hidden" role="status" data-live-status data-live-message={t('layout.live.updated')} /> : null}
        </div>
        <footer class="footer">
          <div class={container}>
            <p>{t('layout.footer.about')}</p>
            <p>
              <a href="/api/docs">{t('layout.footer.openapi')}</a>
            </p>
            <p>{t('layout.footer.requestId', { id: ctx.requestId })}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
