import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { HolidayTable } from './calendar.tables.ts';

/** What due-date code needs: the days off of an agency (and one of its units), as ISO dates. */
export interface HolidaySource {
  holidaysFor(agencyId?: string | null, unitId?: string | null): Promise<ReadonlySet<string>>;
}

export interface Calendar extends HolidaySource {
  /** Reloads the table, after an agency closure was added or a new year's decree was migrated. */
  refresh(): Promise<void>;
}

interface Loaded {
  national: ReadonlySet<string>;
  /** Closures of a whole agency, by agency id. */
  agencies: ReadonlyMap<string, readonly string[]>;
  /** Closures of one unit, by `agencyId/unitId`. */
  units: ReadonlyMap<string, readonly string[]>;
  /** Sets already combined, by `agencyId/unitId`, so that callers share one set per scope. */
  combined: Map<string, ReadonlySet<string>>;
}

function push(map: Map<string, string[]>, key: string, date: string): void {
  const list = map.get(key);
  if (list) list.push(date);
  else map.set(key, [date]);
}

/**
 * The working-day calendar from the `holiday` table. A few hundred rows that change a few times a
 * year: loaded once, kept in memory, reloaded on demand. National holidays and joint leave apply to
 * everyone; a closure applies to its agency, or only to its unit when it names one.
 */
export function createCalendar(db: Database): Calendar {
  const holidays = db.withTables<{ holiday: HolidayTable }>();
  let loaded: Promise<Loaded> | undefined;

  async function load(): Promise<Loaded> {
    const rows = await holidays
      .selectFrom('holiday')
      .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'agencyId', 'unitId'])
      .execute();
    const national = new Set<string>();
    const agencies = new Map<string, string[]>();
    const units = new Map<string, string[]>();
    for (const row of rows) {
      if (row.agencyId === null) national.add(row.date);
      else if (row.unitId === null) push(agencies, row.agencyId, row.date);
      else push(units, `${row.agencyId}/${row.unitId}`, row.date);
    }
    return { national, agencies, units, combined: new Map() };
  }

  function current(): Promise<Loaded> {
    // A failed load is not cached: the next caller tries again.
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  }

  return {
    async holidaysFor(agencyId, unitId) {
      const calendar = await current();
      if (!agencyId) return calendar.national;
      const key = `${agencyId}/${unitId ?? ''}`;
      let set = calendar.combined.get(key);
      if (!set) {
        set = new Set([...calendar.national, ...(calendar.agencies.get(agencyId) ?? []), ...(unitId ? (calendar.units.get(key) ?? []) : [])]);
        calendar.combined.set(key, set);
      }
      return set;
    },
    async refresh() {
      // The old calendar keeps answering until the new one is in.
      const fresh = await load();
      loaded = Promise.resolve(fresh);
    },
  };
}
