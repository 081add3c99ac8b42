import { readdir } from 'node:fs/promises';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../src/modules/applications/applications.test-support.ts';
import { leftovers, multipartBody, pdfBytes, waitFor } from '../../src/platform/storage/storage.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { partialUpload } from './support.ts';

// An upload cut off half-way (the client's network drops, the browser tab closes) through the real
// API route POST /api/v1/files on a raw socket: no stored_file row, no blob, no data key and no
// temporary file may stay behind, and the next upload works. (A crash of the server mid-upload is
// in crash.test.ts: it leaves only a temporary file, which the hourly purge removes.)
// src/platform/storage/storage.uploads.test.ts proves the same for a test route and the form fields.

const MiB = 1024 * 1024;

let t: TestApp;
let port: number;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_UPLOAD_MAX_BYTES: String(8 * MiB) } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  const citizen = await createCitizen(t.services);
  token = await sessionTokenFor(t.services, citizen.actor, 'api');
});

afterAll(async () => t?.close());

const snapshot = () => leftovers(t.database.db, t.config.filesDir);
const unfinished = async () => (await readdir(path.join(t.config.filesDir, 'tmp')).catch(() => [])).length;

describe('an interrupted upload', () => {
  it.each([
    ['the connection is reset mid-file', (socket: net.Socket) => socket.resetAndDestroy()],
    ['the client closes its side mid-file', (socket: net.Socket) => socket.end()],
  ])('leaves nothing behind when %s', async (_, cut) => {
    const before = await snapshot();
    const socket = await partialUpload(port, token, MiB);
    // The upload is under way once its temporary blob exists.
    await waitFor(async () => (await unfinished()) > 0);
    cut(socket);
    // The handler cleans up after the cut (temporary file, then data key): wait for it to finish.
    await waitFor(async () => JSON.stringify(await snapshot()) === JSON.stringify(before), 5_000).catch(() => {});
    expect(await snapshot()).toEqual(before);
  });

  it('leaves nothing behind when cut before the file part, and the next upload is stored', async () => {
    const before = await snapshot();
    const socket = await partialUpload(port, token, 100);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await snapshot()).toEqual(before);

    const { payload, contentType } = multipartBody([{ name: 'file', filename: 'kk.pdf', data: pdfBytes() }]);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(await snapshot()).toEqual({ ...before, rows: before.rows + 1, blobs: before.blobs + 1, dataKeys: before.dataKeys + 1 });
  });
});
