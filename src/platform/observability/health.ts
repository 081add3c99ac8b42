import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';

export interface HealthOptions {
  db: Database;
  migrationsDir?: string;
}

const Status = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

/** /healthz: the process answers. /readyz: it can serve (database reachable and fully migrated). /metrics. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { db, migrationsDir }) => {
  // Migrations only run before the app starts, so once none are pending that stays true.
  let migrated = false;

  app.get(
    '/healthz',
    { config: { access: 'public', rateLimit: false }, schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public', rateLimit: false },
      schema: { tags: ['operations'], summary: 'Readiness: database reachable and migrated', response: { 200: Status, 503: Status } },
    },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await sql`select 1`.execute(db);
        checks.database = 'ok';
        if (!migrated) migrated = (await pendingMigrations(db, migrationsDir)).length === 0;
        checks.migrations = migrated ? 'ok' : 'pending';
      } catch {
        checks.database = 'unreachable';
      }
      const ready = checks.database === 'ok' && checks.migrations === 'ok';
      if (!ready) reply.code(503).header('retry-after', 5);
      return { status: ready ? 'ready' : 'not ready', checks };
    },
  );

  app.get('/metrics', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(app.metrics.contentType).send(await app.metrics.metrics()),
  );
};
