import { agenciesFor, can } from '../../platform/auth/actor.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { type ComplaintsContext, refuse } from './complaints.context.ts';
import type { ComplaintResult, ComplaintsService } from './complaints.contract.ts';
import { deleteRule, listRules, saveRule } from './complaints.routing.ts';

/** The complaints desk's routing rules, and the statistics per agency. */
export function createAdministration(ctx: ComplaintsContext): Pick<ComplaintsService, 'routeRules' | 'saveRouteRule' | 'deleteRouteRule' | 'statistics'> {
  const { db, audit, clock, repository } = ctx;
  return {
    async routeRules(actor) {
      if (!can(actor, 'complaint.triage')) return [];
      return listRules(db);
    },

    async saveRouteRule(actor, rule, origin) {
      if (!can(actor, 'complaint.triage')) return refuse('not_found');
      if (rule.categoryCode && !(await repository.category(rule.categoryCode))) return refuse('not_allowed_now');
      if (rule.regionCode && !(await repository.regionExists(rule.regionCode))) return refuse('not_allowed_now');
      const agency = await repository.agencyById(rule.agencyId);
      if (!agency) return refuse('unknown_agency');
      if (rule.unitId && !(await repository.unitOf(agency.id, rule.unitId))) return refuse('unknown_unit');
      await db.transaction().execute(async (trx) => {
        const saved = await saveRule({ ...rule, agencyId: agency.id, createdBy: actor.accountId, createdAt: clock() }, trx);
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'complaints_desk', agencyId: null },
            action: 'complaint.route_saved',
            subject: { type: 'complaint_route', id: saved.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { categoryCode: rule.categoryCode, regionCode: rule.regionCode, agencyId: agency.id, unitId: rule.unitId },
          },
          trx,
        );
      });
      return { ok: true };
    },

    async deleteRouteRule(actor, ruleId, origin) {
      if (!can(actor, 'complaint.triage')) return refuse('not_found');
      if (!isUuid(ruleId)) return refuse('not_found');
      return db.transaction().execute(async (trx) => {
        if (!(await deleteRule(ruleId, trx))) return refuse('not_found');
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'complaints_desk', agencyId: null },
            action: 'complaint.route_deleted',
            subject: { type: 'complaint_route', id: ruleId },
            ip: origin.ip,
            requestId: origin.requestId,
          },
          trx,
        );
        return { ok: true } as ComplaintResult;
      });
    },

    async statistics(actor, period) {
      const desk = can(actor, 'complaint.triage');
      const scope = desk ? 'all' : agenciesFor(actor, 'complaint.supervise');
      if (scope !== 'all' && scope.length === 0) return [];
      return repository.statistics(scope, period, clock());
    },
  };
}
