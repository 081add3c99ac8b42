import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { RegionLevel } from '../../platform/db/schema.ts';

// `loket import regions FILE.csv`: the Kemendagri region codes (kode wilayah) as the ministry
// publishes them, about 91,000 rows down to the villages. The demo seed carries only a few cities;
// a deployment loads the whole list, and loads it again when a new Kepmendagri renames or adds
// regions. The file is checked whole before anything is written, so a bad row changes nothing.

const CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const LEVELS: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];
const MAX_NAME = 200;
const MAX_ERRORS_SHOWN = 50;
const BATCH = 5_000;

export interface RegionRow {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
}

export type RegionFileResult = { ok: true; regions: RegionRow[] } | { ok: false; errors: string[] };

function levelOf(code: string): RegionLevel {
  return LEVELS[code.split('.').length - 1] as RegionLevel;
}

function parentOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut === -1 ? null : code.slice(0, cut);
}

/**
 * Reads `code,name` rows (a header row is allowed; `;` or `,` separated; UTF-8, with or without a
 * byte-order mark). Every row is checked: the code's form, a name, no code twice, and a parent that
 * is in the file or already known.
 */
export async function readRegionFile(file: string, known: ReadonlySet<string>): Promise<RegionFileResult> {
  const errors: string[] = [];
  const byCode = new Map<string, RegionRow>();
  const parser = parse({ bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 4096 });
  // pipe() does not pass a read error on (a missing file): the parser must end with it.
  const input = createReadStream(file).on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      const [code = '', name = ''] = record;
      if (line === 1 && !/^\d/.test(code)) continue;
      if (!CODE.test(code)) errors.push(`line ${line}: "${code.slice(0, 30)}" is not a region code (11, 11.01, 11.01.01 or 11.01.01.2001)`);
      else if (name === '' || name.length > MAX_NAME || /\p{Cc}/u.test(name)) errors.push(`line ${line}: ${code} needs a name of 1 to ${MAX_NAME} characters`);
      else if (byCode.has(code)) errors.push(`line ${line}: ${code} appears twice`);
      else byCode.set(code, { code, parentCode: parentOf(code), level: levelOf(code), name });
    }
  } catch (error) {
    return { ok: false, errors: [`${file}: ${(error as Error).message}`] };
  }
  for (const region of byCode.values()) {
    if (region.parentCode && !byCode.has(region.parentCode) && !known.has(region.parentCode)) {
      errors.push(`${region.code}: its parent ${region.parentCode} is neither in the file nor known`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (byCode.size === 0) return { ok: false, errors: [`${file}: no regions`] };
  // Parents first, so that every insert finds its parent.
  const regions = [...byCode.values()].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.code.localeCompare(b.code));
  return { ok: true, regions };
}

/** Adds the new regions and renames the changed ones, in one transaction. Codes are never removed: reports and agencies refer to them. */
export async function importRegions(db: Database, regions: readonly RegionRow[]): Promise<{ added: number; renamed: number; unchanged: number }> {
  return db.transaction().execute(async (trx) => {
    let added = 0;
    let renamed = 0;
    for (let start = 0; start < regions.length; start += BATCH) {
      const batch = regions.slice(start, start + BATCH);
      // xmax = 0 tells an inserted row from an updated one; unchanged rows are not touched at all.
      const rows = await trx
        .insertInto('region')
        .values(batch.map((r) => ({ code: r.code, parentCode: r.parentCode, level: r.level, name: r.name })))
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet({ name: (eb) => eb.ref('excluded.name') })
            .where('region.name', 'is distinct from', (eb) => eb.ref('excluded.name')),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      for (const row of rows) {
        if (row.inserted) added += 1;
        else renamed += 1;
      }
    }
    return { added, renamed, unchanged: regions.length - added - renamed };
  });
}

/** The command: exit code 0 when imported, 1 when the file has errors (nothing written). */
export async function importRegionsCommand(
  db: Database,
  file: string,
  out: { stdout: (text: string) => unknown; stderr: (text: string) => unknown },
): Promise<number> {
  const known = new Set((await db.selectFrom('region').select('code').execute()).map((row) => row.code));
  const read = await readRegionFile(file, known);
  if (!read.ok) {
    for (const error of read.errors.slice(0, MAX_ERRORS_SHOWN)) out.stderr(`loket: ${error}\n`);
    if (read.errors.length > MAX_ERRORS_SHOWN) out.stderr(`loket: … and ${read.errors.length - MAX_ERRORS_SHOWN} more\n`);
    out.stderr('loket: nothing imported\n');
    return 1;
  }
  const result = await importRegions(db, read.regions);
  out.stdout(`Regions: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} unchanged (${read.regions.length} in the file).\n`);
  return 0;
}
