import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, type TestApp } from '../../../test/helpers/app.ts';

/** Test-only routes: a form page with its CSRF token, a form post, and a JSON endpoint with a schema. */
function fixtures(app: FastifyInstance) {
  app.get('/test/form', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/html').send(`<input name="_csrf" value="${reply.generateCsrf()}">`),
  );
  app.post('/test/form', { config: { access: 'public' } }, async () => ({ saved: true }));
  app.post(
    '/api/v1/test/echo',
    {
      config: { access: 'public' },
      schema: {
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 20 }), count: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      },
    },
    async (request) => request.body,
  );
  app.get('/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail');
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ extend: fixtures, env: { LOKET_BODY_LIMIT: '2048' } });
});
afterAll(async () => t.close());

describe('errors', () => {
  it('answer unknown API routes with problem+json in Indonesian by default', async () => {
    const response = await t.app.inject({ url: '/api/v1/tidak-ada' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({ type: '/problems/platform.not_found', title: 'Halaman tidak ditemukan', status: 404 });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-request-id']).toBe(body.requestId);
  });

  it('answer unknown pages with a friendly page in the chosen language', async () => {
    const id = await t.app.inject({ url: '/tidak-ada' });
    expect(id.statusCode).toBe(404);
    expect(id.headers['content-type']).toContain('text/html');
    expect(id.body).toContain('<html lang="id"');
    expect(id.body).toContain('Halaman tidak ditemukan');
    const en = await t.app.inject({ url: '/not-here', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Page not found');
  });

  it('name the invalid field of a JSON body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { name: '', count: 2 }, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.type).toBe('/problems/platform.validation');
    expect(body.title).toBe('Invalid input');
    expect(body.invalidParams[0].name).toBe('name');
  });

  it('name a missing field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { name: 'a' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams[0].name).toBe('count');
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"name": ', 400],
    ['an empty JSON body', { 'content-type': 'application/json' }, '', 400],
    ['an unknown content type', { 'content-type': 'application/x-evil' }, 'x', 415],
    ['an oversized body', { 'content-type': 'application/json' }, JSON.stringify({ name: 'x'.repeat(5000), count: 1 }), 413],
    ['a prototype-pollution attempt', { 'content-type': 'application/json' }, '{"__proto__": {"admin": true}, "name": "a", "count": 1}', 400],
  ])('refuse %s with a 4xx problem, never a 5xx', async (_name, headers, payload, status) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test/echo', headers, payload });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().title).toEqual(expect.any(String));
  });

  it('hide the internals of an unexpected failure and log it', async () => {
    const response = await t.app.inject({ url: '/test/boom', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    expect(response.body).toContain('Terjadi kesalahan di sistem kami');
    expect(t.logs.some((line) => line.includes('secret internal detail'))).toBe(true);
  });

  it('refuse hostile query strings on pages without a 5xx', async () => {
    for (const url of ['/?q=%00%ff', '/language?set=en&return=%E0%A4%A', `/?${'a='.repeat(3000)}`, '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });
});

describe('security headers', () => {
  it('set a strict content security policy without inline script', async () => {
    const response = await t.app.inject({ url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('compress pages for clients that accept it', async () => {
    const response = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBe('br');
  });
});

describe('CSRF protection', () => {
  it('refuses a form post without a token with a localized page', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Formulir sudah kedaluwarsa');
  });

  it('refuses a token from another browser', async () => {
    const mine = await t.app.inject({ url: '/test/form' });
    const theirs = await t.app.inject({ url: '/test/form' });
    const token = /value="([^"]+)"/.exec(theirs.body)?.[1] ?? '';
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: `_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesFrom(mine.headers['set-cookie']) },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts a post with the token of its own form', async () => {
    const form = await t.app.inject({ url: '/test/form' });
    const token = /value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      payload: `_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesFrom(form.headers['set-cookie']) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ saved: true });
  });
});

describe('language switch', () => {
  it('remembers the choice in a cookie and returns to the page', async () => {
    const response = await t.app.inject({ url: '/language?set=en&return=%2Fapi%2Fdocs' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/api/docs');
    const cookie = cookiesFrom(response.headers['set-cookie']);
    expect(cookie).toBe('lang=en');
    const home = await t.app.inject({ url: '/', headers: { cookie, 'accept-language': 'id' } });
    expect(home.body).toContain('<html lang="en"');
    expect(home.body).toContain('Every government service, one door');
  });

  it.each(['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)'])('never redirects off the site (%s)', async (target) => {
    const response = await t.app.inject({ url: `/language?set=en&return=${encodeURIComponent(target)}` });
    expect(response.headers.location).toBe('/');
  });

  it('ignores an unknown language', async () => {
    const response = await t.app.inject({ url: '/language?set=xx&return=/' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('pages', () => {
  it('escape text and keep the request id on the page', async () => {
    const response = await t.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('<!doctype html>')).toBe(true);
    expect(response.body).toMatch(/Nomor permintaan: [0-9a-f-]{36}/);
    expect(response.body).toContain('href="#main"');
  });

  it('serve the stylesheet under its content hash with a long cache', async () => {
    const home = await t.app.inject({ url: '/' });
    const href = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(home.body)?.[1];
    expect(href).toBeDefined();
    const css = await t.app.inject({ url: href ?? '' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
  });
});
