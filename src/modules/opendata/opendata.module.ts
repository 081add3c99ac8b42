import type { Database } from '../../platform/db/database.ts';
import { createPublishedServicesReader } from '../catalogue/catalogue.open-data.ts';
import { createPublicComplaintsReader } from '../complaints/complaints.open-data.ts';
import type { SurveysService } from '../surveys/surveys.contract.ts';
import type { BudgetService } from '../transparency/budget.service.ts';
import type { TransparencyService } from '../transparency/transparency.service.ts';
import { budgetDataset } from './opendata.budget.ts';
import { publicComplaintsDataset, serviceCatalogueDataset } from './opendata.datasets.ts';
import { dailyStatisticsDataset, skmDataset } from './opendata.performance.ts';
import { createRegistry, type DatasetRegistry } from './opendata.registry.ts';

export interface OpenDataSources {
  db: Database;
  transparency: Pick<TransparencyService, 'dailyStatistics'>;
  surveys: Pick<SurveysService, 'indexBy'>;
  budget: Pick<BudgetService, 'openDataPage' | 'version'>;
}

/**
 * Every published dataset, in the order of the index page and the catalogue. A module publishes a
 * dataset by adding its definition here, built on that module's own reader or service.
 */
export function openDataRegistry({ db, transparency, surveys, budget }: OpenDataSources): DatasetRegistry {
  return createRegistry([
    serviceCatalogueDataset(createPublishedServicesReader(db)),
    publicComplaintsDataset(createPublicComplaintsReader(db)),
    dailyStatisticsDataset(transparency),
    skmDataset(surveys),
    budgetDataset(budget),
  ]);
}
