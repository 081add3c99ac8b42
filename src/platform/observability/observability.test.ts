import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('health, readiness and metrics', () => {
  it('report liveness', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('report ready when the database is reachable and migrated', async () => {
    const response = await t.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('count requests and their latency by route pattern, and expose pool gauges', async () => {
    await t.app.inject({ url: '/api/v1/agencies' });
    await t.app.inject({ url: '/api/v1/does-not-exist-12345' });
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(/loket_http_requests_total\{method="GET",route="\/api\/v1\/agencies",status="200"\} 1/);
    expect(response.body).toContain('loket_http_request_duration_seconds_bucket');
    expect(response.body).toMatch(/loket_db_pool_connections\{state="total"\} \d+/);
    // Raw URLs never become label values.
    expect(response.body).not.toContain('does-not-exist-12345');
  });
});

describe('readiness with pending migrations', () => {
  it('answers 503 until every migration is applied', async () => {
    const other = await createTestApp();
    try {
      await sql`delete from kysely_migration where name = '0003_provinces'`.execute(other.database.db);
      const response = await other.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().checks).toEqual({ database: 'ok', migrations: 'pending' });
    } finally {
      await other.close();
    }
  });
});
