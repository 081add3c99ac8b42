import type { AgencySummary, CatalogueRepository, UnitRecord } from './catalogue.repository.ts';

export function createCatalogueService(repository: CatalogueRepository) {
  return {
    /** Every agency with its number of service offices: national first, then provinces, then regencies and cities. */
    listAgencies(): Promise<AgencySummary[]> {
      return repository.listAgencies();
    },

    listUnits(agencyId: string): Promise<UnitRecord[]> {
      return repository.listUnits(agencyId);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
