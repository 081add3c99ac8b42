import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Translate } from '../../platform/i18n/index.ts';
import { publishedCount } from '../../platform/statistics/small-counts.ts';
import type { SurveyIndex, SurveysService } from './surveys.contract.ts';
import { indexRouteSchema } from './surveys.schemas.ts';

function published(result: SurveyIndex, t: Translate) {
  const { index } = result;
  return {
    // Public output: counts of people follow the one small-count rule like every published figure.
    respondents: publishedCount(result.respondents),
    population: publishedCount(result.population),
    suppressed: result.suppressed,
    index: index
      ? {
          nrr: index.nrr,
          ikm: index.ikm,
          score: index.score,
          grade: index.grade,
          gradeLabel: t(`surveys.gradeLabel.${index.grade}`),
          weight: index.weight,
          sampleRequired: index.sample?.required ?? 0,
          sampleAdequate: index.sample?.adequate ?? false,
        }
      : null,
  };
}

/** The index as JSON: aggregates only, public (PermenPANRB 14/2017 has the results published). */
export function surveysApi({ surveys }: { surveys: Pick<SurveysService, 'index' | 'indexBy'> }) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.get('/api/v1/surveys/index', { config: { access: 'public' }, schema: indexRouteSchema }, async (request) => {
      const { from, to, agency, unit, service, groupBy } = request.query;
      const query = { from, to, agencyId: agency, unitId: unit, serviceId: service };
      const [overall, groups] = await Promise.all([surveys.index(query), groupBy ? surveys.indexBy(groupBy, query) : []]);
      return {
        from,
        to,
        overall: published(overall, request.t),
        groups: groups.map((group) => ({
          key: group.key,
          code: group.name?.code ?? null,
          name: group.name ? group.name[request.locale] || group.name.id : null,
          ...published(group, request.t),
        })),
      };
    });
  };
}
