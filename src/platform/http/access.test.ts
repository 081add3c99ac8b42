import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

describe('route access declarations', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('every route of the app states who may call it', async () => {
    t = await createTestApp();
    const routes = t.app.declaredRoutes();
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.filter((route) => route.access === undefined)).toEqual([]);
    expect(routes).toContainEqual({ method: 'GET', url: '/api/v1/agencies', access: 'public' });
    // Routes that third-party plugins register (the API docs) are declared too.
    expect(routes.some((route) => route.url.startsWith('/api/docs') && route.access === 'public')).toBe(true);
  });

  it('an undeclared route stops the app from starting', async () => {
    await expect(
      createTestApp({
        extend: (app) => {
          app.get('/forgotten', async () => 'open');
        },
      }),
    ).rejects.toThrow(/GET \/forgotten/);
  });
});
