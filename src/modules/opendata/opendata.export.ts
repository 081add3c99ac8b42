import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OpenDataService } from './opendata.service.ts';

/**
 * `loket export open-data --out DIR`: the same files as /data serves (each dataset's CSV, JSON and
 * schema, and catalog.jsonld), for a portal that takes uploads rather than harvesting. Each file is
 * written under a temporary name and renamed when complete, so a reader never sees half a file.
 * Returns the names written, in order.
 */
export async function exportOpenData(openData: OpenDataService, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, write: (file: string) => Promise<void>) => {
    const final = path.join(outDir, name);
    const partial = `${final}.partial`;
    await write(partial);
    await rename(partial, final);
    written.push(name);
  };
  for (const dataset of openData.datasets()) {
    for (const format of ['csv', 'json'] as const) {
      await put(`${dataset.id}.${format}`, async (file) => pipeline(Readable.from(await openData.open(dataset, format)), createWriteStream(file)));
    }
    await put(`${dataset.id}.schema.json`, (file) => writeFile(file, `${JSON.stringify(openData.schema(dataset), null, 2)}\n`));
  }
  await put('catalog.jsonld', async (file) => writeFile(file, `${JSON.stringify(await openData.catalog(), null, 2)}\n`));
  return written;
}

/** The command: 0 with the files listed on stdout, 2 without --out. */
export async function exportOpenDataCommand(
  openData: OpenDataService,
  options: { out?: string },
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> {
  if (!options.out) {
    io.stderr('loket: say where to write the files: loket export open-data --out DIR\n');
    return 2;
  }
  const files = await exportOpenData(openData, options.out);
  io.stdout(`${files.map((name) => path.join(options.out as string, name)).join('\n')}\n`);
  return 0;
}
