import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyPluginAsync } from 'fastify';

interface HashedAsset {
  href: string;
  type: string;
  body: Buffer;
}

/** An asset whose URL carries its content hash, so browsers may cache it for a year. */
function hashed(name: string, file: URL | string, type: string): HashedAsset {
  const body = readFileSync(file);
  const extension = type.startsWith('text/css') ? 'css' : 'js';
  return { href: `/assets/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`, type, body };
}

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const require = createRequire(import.meta.url);

const stylesheet = hashed('app', new URL('./assets/app.css', import.meta.url), CSS);
// Live pages' script (src/platform/events/live.routes.ts).
const live = hashed('live', new URL('./assets/live.js', import.meta.url), JS);
// Maps (components/map.tsx): Leaflet, served from here like everything else, and the script that
// turns the page's map blocks into maps.
const leafletCss = hashed('leaflet', require.resolve('leaflet/dist/leaflet.css'), CSS);
const leafletJs = hashed('leaflet', require.resolve('leaflet/dist/leaflet.js'), JS);
const mapJs = hashed('map', new URL('./assets/map.js', import.meta.url), JS);

export const CSS_HREF = stylesheet.href;
export const LIVE_JS_HREF = live.href;
export const MAP_ASSETS = { css: leafletCss.href, scripts: [leafletJs.href, mapJs.href] } as const;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1d4e89"/><rect x="5" y="9" width="22" height="14" rx="2" fill="none" stroke="#fff" stroke-width="3"/><rect x="10" y="13" width="12" height="6" fill="#fff"/></svg>`;

export const assetRoutes: FastifyPluginAsync = async (app) => {
  for (const asset of [stylesheet, live, leafletCss, leafletJs, mapJs]) {
    app.get(asset.href, { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body),
    );
  }
  app.get('/favicon.svg', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON),
  );
};
