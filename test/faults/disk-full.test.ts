import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, statfs, unlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../src/modules/applications/applications.test-support.ts';
import { leftovers, multipartBody, pdfBytes } from '../../src/platform/storage/storage.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { LONG, request } from './support.ts';

// Disk full: the file store's folder is a 2 MiB tmpfs, filled for real. An upload that cannot be
// written is refused with a clear, localized answer; the process keeps serving; no stored_file row,
// blob, temporary file or data key stays behind; once space is freed, uploads are stored again.
//
// Mounting needs root (or CAP_SYS_ADMIN): the test runs only with LOKET_LONG_TESTS=1, and fails
// there, saying so, when the mount is refused, rather than passing without having filled a disk.

const run = promisify(execFile);
const MiB = 1024 * 1024;

let mountDir: string | undefined;
let mounted = false;
let t: TestApp;
let base: string;
let token: string;

beforeAll(async () => {
  if (!LONG) return;
  mountDir = await mkdtemp(path.join(os.tmpdir(), 'loket-faults-disk-full-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mountDir]);
    mounted = true;
  } catch (error) {
    throw new Error(
      `disk-full test: could not mount a 2 MiB tmpfs on ${mountDir} (it needs root or CAP_SYS_ADMIN; uid ${process.getuid?.()}): ${(error as Error).message}`,
    );
  }
  t = await createTestApp({ env: { LOKET_FILES_DIR: mountDir, LOKET_UPLOAD_MAX_BYTES: String(4 * MiB) } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  token = await sessionTokenFor(t.services, (await createCitizen(t.services)).actor, 'api');
}, 30_000);

afterAll(async () => {
  await t?.close();
  if (mounted && mountDir) await run('umount', [mountDir]);
  if (mountDir) await rm(mountDir, { recursive: true, force: true });
});

/** Fills the file system of `dir` with a ballast file until fewer than `leaveBytes` are free. */
async function fill(dir: string, name: string, leaveBytes: number): Promise<string> {
  const file = path.join(dir, name);
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 0x5a);
  try {
    for (;;) {
      const { bavail, bsize } = await statfs(dir);
      if (bavail * bsize <= leaveBytes) break;
      await handle.write(chunk.subarray(0, Math.min(chunk.length, bavail * bsize - leaveBytes)));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return file;
}

async function upload(size: number) {
  const { payload, contentType } = multipartBody([{ name: 'file', filename: 'kk.pdf', data: pdfBytes(size) }]);
  const response = await fetch(`${base}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json' },
    body: new Uint8Array(payload),
  });
  return { status: response.status, body: await response.text() };
}

/** The answer to an upload the full disk refused: 507, problem+json, localized, nothing internal. */
function expectStorageFull(answer: { status: number; body: string }) {
  expect(answer.status, answer.body).toBe(507);
  expect(JSON.parse(answer.body)).toMatchObject({
    type: '/problems/storage.full',
    status: 507,
    title: 'Berkas tidak dapat disimpan saat ini',
    detail: expect.stringContaining('penuh'),
  });
  expect(answer.body).not.toMatch(/ENOSPC|no space/i);
}

describe.runIf(LONG)('a full disk under the file store', () => {
  it('refuses an upload with 507, leaves nothing behind, keeps serving, and stores again once space is freed', async () => {
    const dir = mountDir as string;
    const snapshot = () => leftovers(t.database.db, dir);
    const first = await upload(64 * 1024);
    expect(first.status, first.body).toBe(201);
    const before = await snapshot();

    // Completely full: not even the first bytes of a small file can be written.
    let ballast = await fill(dir, 'ballast', 0);
    expectStorageFull(await upload(64 * 1024));
    expect(await snapshot()).toEqual(before);

    // Half a MiB free: a 1 MiB upload runs out of space half-way through its blob.
    await unlink(ballast);
    ballast = await fill(dir, 'ballast', MiB / 2);
    const free = (await statfs(dir)).bavail * (await statfs(dir)).bsize;
    expect(free).toBeGreaterThan(0);
    expectStorageFull(await upload(MiB));
    expect(await snapshot()).toEqual(before);
    // The space the aborted blob took is given back, and the process still serves.
    expect((await statfs(dir)).bavail * (await statfs(dir)).bsize).toBe(free);
    expect((await request(`${base}/readyz`)).status).toBe(200);
    expect(t.logs.some((line) => line.includes('"storage.full"'))).toBe(true);

    // Space freed: the same upload is stored.
    await unlink(ballast);
    const again = await upload(MiB);
    expect(again.status, again.body).toBe(201);
    expect(await snapshot()).toEqual({ ...before, rows: before.rows + 1, blobs: before.blobs + 1, dataKeys: before.dataKeys + 1 });
  });
});
