import type { FastifyInstance } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { roleHasPermission } from '../auth/permissions.ts';
import { pageContext } from '../http/request-context.ts';
import { CSS_HREF } from '../ui/assets.ts';
import { auditHref, readFilters, toAuditQuery } from './audit.filters.ts';
import type { AuditActor } from './audit.input.ts';
import type { AuditLog } from './audit.service.ts';
import { AuditPage } from './views/audit-page.tsx';

export interface AuditRoutesOptions {
  audit: AuditLog;
}

const PAGE_SIZE = 50;

/** The actor as the audit log names them: the role that lets them read the log, and its agency (none for cross-agency roles). */
function auditActor(actor: Actor): AuditActor {
  const grant = actor.kind === 'staff' ? actor.grants.find((g) => roleHasPermission(g.role, 'audit.read')) : undefined;
  // The route's access declaration already let only such an actor through.
  if (actor.kind !== 'staff' || !grant) throw new Error('audit page reached without a role that may read the audit log');
  return { accountId: actor.accountId, role: grant.role, agencyId: grant.agencyId };
}

/** The audit search page, for auditors and platform admins; each search is itself audited. */
export function auditRoutes({ audit }: AuditRoutesOptions) {
  return async (app: FastifyInstance) => {
    app.get('/audit', { config: { access: { permission: 'audit.read' } }, schema: { hide: true } }, async (request, reply) => {
      const ctx = pageContext(request, reply, CSS_HREF);
      const { values, before } = readFilters(request.query);
      // Audit entries are for the people allowed to read them: never kept by a browser or a proxy.
      reply.header('cache-control', 'no-store');
      const checked = toAuditQuery(values, before);
      if (!checked.ok) {
        const errors = checked.problems.map((problem) => ({ field: problem.field, message: ctx.t(problem.key) }));
        return reply.code(400).html(<AuditPage ctx={ctx} values={values} errors={errors} results={undefined} />);
      }
      const page = await audit.searchAs(auditActor(request.actor), { ...checked.query, limit: PAGE_SIZE }, { ip: request.ip, requestId: request.id });
      const results = {
        entries: page.entries,
        olderHref: page.nextBefore === null ? undefined : auditHref(values, { before: String(page.nextBefore) }),
        newestHref: checked.query.before === undefined ? undefined : auditHref(values),
      };
      return reply.html(<AuditPage ctx={ctx} values={values} errors={[]} results={results} />);
    });
  };
}
