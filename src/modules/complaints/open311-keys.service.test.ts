import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplaintsTestServices } from './complaints.test-support.ts';
import { createOpen311KeyCommand } from './open311.cli.ts';

let env: Awaited<ReturnType<typeof createComplaintsTestServices>>;
beforeAll(async () => {
  env = await createComplaintsTestServices({ poolSize: 2 });
});
afterAll(() => env.close());

describe('Open311 API keys', () => {
  it('creates a key shown once, keeps only its hash, authenticates it until revoked', async () => {
    const by = { actor: { accountId: null, role: 'operator', agencyId: null } };
    const created = await env.services.open311Keys.create({ name: 'Aplikasi Kota' }, by);
    if (!created.ok) throw new Error('not created');
    const stored = await env.database.db.selectFrom('open311Key').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.keyHash).not.toContain(created.key);
    expect(created.key.startsWith(stored.keyPrefix)).toBe(true);
    expect((await env.services.open311Keys.list()).map((k) => k.name)).toContain('Aplikasi Kota');
    expect(await env.services.open311Keys.authenticate(created.key)).toMatchObject({ id: created.id, requestsPerMinute: 60 });
    expect(await env.services.open311Keys.authenticate(`${created.key}x`)).toBeUndefined();
    expect(await env.services.open311Keys.revoke(created.id, by)).toBe(true);
    expect(await env.services.open311Keys.revoke(created.id, by)).toBe(false);
    expect(await env.services.open311Keys.authenticate(created.key)).toBeUndefined();
    expect(await env.services.open311Keys.create({ name: '  ' }, by)).toEqual({ ok: false, problem: 'name' });
  });

  it('`loket open311 keys create --name` prints the new key once', async () => {
    const printed: string[] = [];
    const refused: string[] = [];
    const out = { stdout: (text: string) => printed.push(text), stderr: (text: string) => refused.push(text) };
    expect(await createOpen311KeyCommand(env.services, { name: 'Mitra CLI' }, out)).toBe(0);
    const key = printed.join('').split('\n')[1] ?? '';
    expect(await env.services.open311Keys.authenticate(key)).toBeDefined();
    expect(await createOpen311KeyCommand(env.services, {}, out)).toBe(2);
    expect(refused.join('')).toContain('--name is required');
  });
});
