/**
 * F2 and F3: a bare Fastify route returning a body of the size of the page under test, without (F2) or
 * with (F3) one primary-key select through `pg` per request. Nothing else: no plugins, no hooks.
 * Environment: PORT, FLOOR_BYTES, FLOOR_CONTENT_TYPE, and for F3 DATABASE_URL and FLOOR_IDS (comma-separated application ids).
 */
import Fastify from 'fastify';
import pg from 'pg';

const port = Number(process.env.PORT);
const bytes = Number(process.env.FLOOR_BYTES ?? 1024);
const contentType = process.env.FLOOR_CONTENT_TYPE ?? 'text/html; charset=utf-8';
const body = 'x'.repeat(bytes);
const ids = (process.env.FLOOR_IDS ?? '').split(',').filter(Boolean);
// Loket's default pool size (LOKET_DB_POOL_SIZE), so both hold the same number of connections.
const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : undefined;

const app = Fastify({ logger: false });
let n = 0;
app.get('/*', async (_request, reply) => {
  if (pool) {
    n += 1;
    const { rows } = await pool.query({ name: 'floor', text: 'select id, status, due_at from application where id = $1', values: [ids[n % ids.length]] });
    // Replace the start of the body with the row, so that the select's result is used.
    const head = JSON.stringify(rows[0] ?? null);
    return reply.type(contentType).send(head + body.slice(head.length));
  }
  return reply.type(contentType).send(body);
});
app.post('/*', async (_request, reply) => reply.type(contentType).send(body));

await app.listen({ port, host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => pool?.end())
    .then(() => process.exit(0));
});
