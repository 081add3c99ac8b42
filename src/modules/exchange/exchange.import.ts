import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type pg from 'pg';
import { progressReporter } from '../../platform/cli/progress.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { copyFrom, copyValue } from '../../seed-scale/pg-copy.ts';
import type { DataProduct } from './exchange.products.ts';
import { sealPayload } from './exchange.registry.ts';
import { createSeenKeys } from './exchange.seen-keys.ts';
import { normalizeSubjectKey } from './exchange.subjects.ts';
import type { ProductField, SubjectKind } from './exchange.tables.ts';

// `loket import registry --product CODE FILE.csv`: bulk loads a registry product. The file has a
// header row naming `subject` (the NIK, KK number or NIB) and any of the product's fields. Every row
// is checked and streamed through COPY into a temporary table in one transaction; on any error the
// transaction is rolled back, so a bad file writes nothing. Then the rows replace (or are upserted
// into) the product's registry rows. All rows of one import share one data key.

const MAX_ERRORS_SHOWN = 50;
const CHUNK_ROWS = 2_000;
const MAX_VALUE_LENGTH = 2_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTROL = /\p{Cc}/u;

export type ImportMode = 'replace' | 'upsert';

export interface ImportOutput {
  stdout: (text: string) => unknown;
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export interface RegistryImportDeps {
  pool: pg.Pool;
  dataKeys: DataKeyStore;
  product(code: string): Promise<DataProduct | undefined>;
  subjectIndexOf(kind: SubjectKind, key: string): string | undefined;
}

export type ImportResult = { ok: true; rows: number; ms: number } | { ok: false; errors: string[] };

/** `;` when the header line has more semicolons than commas (spreadsheets set to Indonesian write those), else `,`. */
async function delimiterOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const header = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/** A cell as the field's type, or an error message. */
function typedValue(field: ProductField, cell: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (cell === '') return { ok: true, value: null };
  if (cell.length > MAX_VALUE_LENGTH || CONTROL.test(cell)) return { ok: false, error: `${field.name} is too long or has control characters` };
  switch (field.type) {
    case 'string':
      return { ok: true, value: cell };
    case 'number': {
      const number = Number(cell);
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, error: `${field.name} "${cell.slice(0, 20)}" is not a number` };
    }
    case 'boolean': {
      const lower = cell.toLowerCase();
      if (['true', '1', 'ya', 'y'].includes(lower)) return { ok: true, value: true };
      if (['false', '0', 'tidak', 'n'].includes(lower)) return { ok: true, value: false };
      return { ok: false, error: `${field.name} "${cell.slice(0, 20)}" is not true or false` };
    }
    case 'date':
      return DATE.test(cell) && !Number.isNaN(Date.parse(cell))
        ? { ok: true, value: cell }
        : { ok: false, error: `${field.name} "${cell.slice(0, 20)}" is not a date (YYYY-MM-DD)` };
    case 'list':
      return {
        ok: true,
        value: cell
          .split('|')
          .map((item) => item.trim())
          .filter(Boolean),
      };
  }
}

/** Loads `file` into the registry of `productCode`. Nothing is written unless every row is valid. */
export async function importRegistry(
  deps: RegistryImportDeps,
  productCode: string,
  file: string,
  mode: ImportMode,
  stderr: ImportOutput['stderr'],
): Promise<ImportResult> {
  const started = Date.now();
  const product = await deps.product(productCode);
  if (!product) return { ok: false, errors: [`no data product has the code "${productCode}"`] };
  if (product.providerKind !== 'registry')
    return { ok: false, errors: [`data product ${productCode} is served by its agency's service (http), not from registry rows`] };
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    return { ok: false, errors: [`${file}: ${(error as Error).message}`] };
  }
  const errors: string[] = [];
  let uncounted = 0;
  // A wholly wrong file must not hold a million messages in memory: keep the first ones and a count.
  const addError = (message: string) => {
    if (errors.length < 1_000) errors.push(message);
    else uncounted += 1;
  };
  const progress = progressReporter(stderr, { activity: `importing ${productCode}`, unit: 'bytes' });
  const fieldsByName = new Map(product.fields.map((field) => [field.name, field]));
  const dataKey = await deps.dataKeys.create();
  const client = await deps.pool.connect();
  let rows = 0;

  const seen = createSeenKeys();
  const kind = product.subjectKind;
  const label = kind.toUpperCase();

  /** COPY text rows: the subject index, the sealed payload, then `rowEnd` (the constant columns and the newline). */
  async function* chunks(rowEnd: string): AsyncGenerator<string> {
    // Options kept lean on purpose (no per-record info, no trim): they halve csv-parse's speed.
    const parser = parse({ bom: true, delimiter: await delimiterOf(file), relax_column_count: true, max_record_size: 64 * 1024 });
    const input = createReadStream(file, { highWaterMark: 1 << 20 }).on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    let columns: (ProductField | 'subject' | undefined)[] | undefined;
    let buffer: string[] = [];
    // The record number: the line, as long as no quoted value spans lines.
    let line = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line += 1;
        if (record.length === 1 && (record[0] ?? '').trim() === '') continue;
        if (!columns) {
          const names = record.map((name) => name.trim());
          columns = names.map((name) => (name === 'subject' ? 'subject' : fieldsByName.get(name)));
          const unknown = names.filter((_name, i) => columns?.[i] === undefined);
          if (unknown.length > 0)
            addError(`line ${line}: unknown columns ${unknown.slice(0, 5).join(', ')} (the product's fields are ${[...fieldsByName.keys()].join(', ')})`);
          if (!names.includes('subject')) addError(`line ${line}: the header needs a "subject" column (the ${label})`);
          if (errors.length > 0) return;
          continue;
        }
        if (record.length !== columns.length) {
          addError(`line ${line}: ${record.length} values, the header has ${columns.length}`);
          continue;
        }
        const payload: Record<string, unknown> = {};
        let subject: string | undefined;
        let rowError: string | undefined;
        for (let i = 0; i < record.length; i += 1) {
          const column = columns[i];
          const cell = (record[i] ?? '').trim();
          if (column === 'subject') {
            const normal = normalizeSubjectKey(kind, cell);
            if (normal.ok) subject = normal.key;
            else rowError ??= `subject "${cell.slice(0, 20)}" is not a valid ${label}`;
          } else if (column) {
            const typed = typedValue(column, cell);
            if (typed.ok) payload[column.name] = typed.value;
            else rowError ??= typed.error;
          }
        }
        if (rowError || subject === undefined) {
          addError(`line ${line}: ${rowError}`);
          continue;
        }
        const earlier = seen.add(subject, line);
        if (earlier !== 0) {
          addError(`lines ${earlier} and ${line}: the same subject appears more than once`);
          continue;
        }
        // After the first error only checking goes on: nothing more is sent to a COPY that will be rolled back.
        if (errors.length > 0) continue;
        const index = deps.subjectIndexOf(kind, subject) as string;
        rows += 1;
        buffer.push(`${copyValue(index)}\t${copyValue(sealPayload(dataKey.key, productCode, index, payload))}${rowEnd}`);
        if (buffer.length >= CHUNK_ROWS) {
          yield buffer.join('');
          buffer = [];
          progress.update(input.bytesRead, size);
        }
      }
    } catch (error) {
      addError(`${file}: ${(error as Error).message}`);
      return;
    }
    if (!columns) addError(`${file}: no header row`);
    if (buffer.length > 0 && errors.length === 0) yield buffer.join('');
  }

  try {
    await client.query('begin');
    if (mode === 'replace') {
      // Straight into the registry: the file's duplicates are caught while reading, so the primary key never trips.
      await client.query('delete from exchange_registry_record where product_code = $1', [productCode]);
      await copyFrom(
        client,
        'exchange_registry_record',
        ['subject_index', 'payload_enc', 'product_code', 'data_key_id'],
        chunks(`\t${productCode}\t${dataKey.id}\n`),
      );
    } else {
      await client.query('create temporary table exchange_import (subject_index text not null, payload_enc text not null) on commit drop');
      await copyFrom(client, 'exchange_import', ['subject_index', 'payload_enc'], chunks('\n'));
    }
    progress.done();
    if (errors.length === 0 && rows === 0) addError(`${file}: no rows`);
    if (errors.length > 0) {
      await client.query('rollback');
      await deps.dataKeys.destroy(dataKey.id);
      if (uncounted > 0) errors.push(`… and ${uncounted} more errors`);
      return { ok: false, errors };
    }
    if (mode === 'upsert') {
      stderr.write(`importing ${productCode}: ${rows} rows checked, writing\n`);
      await client.query(
        `insert into exchange_registry_record (product_code, subject_index, data_key_id, payload_enc)
         select $1, subject_index, $2, payload_enc from exchange_import
         on conflict (product_code, subject_index) do update set data_key_id = excluded.data_key_id, payload_enc = excluded.payload_enc, loaded_at = now()`,
        [productCode, dataKey.id],
      );
    }
    await client.query('commit');
    return { ok: true, rows, ms: Date.now() - started };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    addError((error as Error).message);
    return { ok: false, errors };
  } finally {
    client.release();
  }
}

/** The command: 0 when loaded, 1 when the file has errors (nothing written), 2 for a bad product or mode. */
export async function importRegistryCommand(
  deps: RegistryImportDeps,
  options: { product?: string | undefined; mode?: string | undefined },
  file: string,
  out: ImportOutput,
): Promise<number> {
  if (!options.product) {
    out.stderr.write('loket: say which data product: loket import registry --product CODE FILE.csv\n');
    return 2;
  }
  const mode = options.mode ?? 'replace';
  if (mode !== 'replace' && mode !== 'upsert') {
    out.stderr.write('loket: --mode is replace (default) or upsert\n');
    return 2;
  }
  const result = await importRegistry(deps, options.product, file, mode, out.stderr);
  if (!result.ok) {
    for (const error of result.errors.slice(0, MAX_ERRORS_SHOWN)) out.stderr.write(`loket: ${error}\n`);
    if (result.errors.length > MAX_ERRORS_SHOWN) out.stderr.write(`loket: … and ${result.errors.length - MAX_ERRORS_SHOWN} more\n`);
    out.stderr.write('loket: nothing imported\n');
    return 1;
  }
  out.stdout(
    `Registry ${options.product}: ${result.rows} rows ${mode === 'replace' ? 'loaded (replacing the previous rows)' : 'upserted'} in ${(result.ms / 1000).toFixed(1)} s.\n`,
  );
  return 0;
}
