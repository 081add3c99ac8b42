import type { FastifyInstance } from 'fastify';
import type { Permission } from '../auth/permissions.ts';

/**
 * Who may call a route. Every route states it in `config.access`; the app refuses to start when a
 * route does not (deny by default). 'public' routes need no account; the others need a signed-in
 * actor holding a role with the permission (enforced in platform/auth/authentication.ts).
 */
export type Access = 'public' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every registered route with its declared access, for the authorization tests. */
    declaredRoutes(): readonly DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Collects routes as they register and fails `ready()` when any lacks an access declaration. */
export function enforceAccessDeclarations(app: FastifyInstance): void {
  const routes: { method: string | string[]; url: string; config?: { access?: Access } }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route as (typeof routes)[number]);
  });
  app.decorate('declaredRoutes', () =>
    routes.flatMap((route) => [route.method].flat().map((method) => ({ method, url: route.url, access: route.config?.access }))),
  );
  app.addHook('onReady', async () => {
    const missing = routes.filter((route) => route.config?.access === undefined);
    if (missing.length > 0) {
      const list = missing.map((r) => `${[r.method].flat().join(',')} ${r.url}`).join('; ');
      throw new Error(`Routes without an access declaration (config.access): ${list}`);
    }
  });
}

/** Marks every route a third-party plugin registers inside `scope` as public. */
export function declarePluginRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? 'public' };
  });
}
