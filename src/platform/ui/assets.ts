import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const css = readFileSync(new URL('./assets/app.css', import.meta.url));
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12);

/** The stylesheet's URL carries its content hash, so browsers may cache it for a year. */
export const CSS_HREF = `/assets/app.${cssHash}.css`;

// Live pages' script (src/platform/events/live.routes.ts), hashed and cached the same way.
const liveJs = readFileSync(new URL('./assets/live.js', import.meta.url));
export const LIVE_JS_HREF = `/assets/live.${createHash('sha256').update(liveJs).digest('hex').slice(0, 12)}.js`;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1d4e89"/><rect x="5" y="9" width="22" height="14" rx="2" fill="none" stroke="#fff" stroke-width="3"/><rect x="10" y="13" width="12" height="6" fill="#fff"/></svg>`;

export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get(CSS_HREF, { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css),
  );
  app.get(LIVE_JS_HREF, { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(liveJs),
  );
  app.get('/favicon.svg', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON),
  );
};
