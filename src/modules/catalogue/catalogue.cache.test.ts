import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { coalescedReader, createCatalogueService } from './catalogue.service.ts';
import type { SearchFilters } from './service.repository.ts';

// The catalogue's search results are kept in memory and checked against the catalogue's fingerprint
// on every search: a change by any path shows in the next search, whatever was cached before.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

const search = (q: string) => t.services.catalogue.search({ q, locale: 'id' });

describe('catalogue search from memory', () => {
  it('answers a repeated search without running it again, and the same as the first time', async () => {
    const repository = createCatalogueRepository(t.database.db);
    let searches = 0;
    const counting = {
      ...repository,
      services: {
        ...repository.services,
        search: (filters: SearchFilters) => {
          searches += 1;
          return repository.services.search(filters);
        },
      },
    };
    const catalogue = createCatalogueService(counting);
    const first = await catalogue.search({ q: 'akte lahir', locale: 'id' });
    const again = await catalogue.search({ q: 'akte lahir', locale: 'id' });
    expect(searches).toBe(1);
    expect(again).toEqual(first);
    expect(first.items.length).toBeGreaterThan(0);
    await catalogue.search({ q: 'akte lahir', locale: 'id', page: 2 });
    expect(searches).toBe(2);
  });

  it('sees a change made behind its back (plain SQL, as another node would) in the next search', async () => {
    const before = await search('akte lahir');
    const hit = before.items[0];
    if (!hit) throw new Error('demo search found nothing');
    await sql`update service_version set name_id = ${'Akta Kelahiran Anak'} where id = ${hit.versionId}`.execute(t.database.db);
    const after = await search('akte lahir');
    expect(after.items.find((item) => item.versionId === hit.versionId)?.nameId).toBe('Akta Kelahiran Anak');
    await sql`update service_version set status = 'retired', retired_at = now() where id = ${hit.versionId}`.execute(t.database.db);
    expect((await search('akte lahir')).items.map((item) => item.versionId)).not.toContain(hit.versionId);
  });

  it('shares one read among callers that arrive while it runs, and never hands a caller a read older than its call', async () => {
    let reads = 0;
    const releases: (() => void)[] = [];
    const read = coalescedReader(
      () =>
        new Promise<number>((resolve) => {
          reads += 1;
          const n = reads;
          releases.push(() => resolve(n));
        }),
    );
    const first = read();
    const second = read();
    const third = read();
    expect(reads).toBe(1);
    releases.shift()?.();
    expect(await first).toBe(1);
    // The second and third arrived while read 1 ran: they share read 2, started after read 1 ended.
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(2);
    releases.shift()?.();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });
});
