import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, RequestSpec } from './types.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The project's Node (npm run puts node_modules/.bin first on PATH), with TypeScript through tsx.
const NODE_ARGS = ['--import', 'tsx'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Child {
  process: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point in its own Node process; its stderr is kept for the error message. */
export function startNode(entry: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [...NODE_ARGS, entry, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (code && code !== 0) process.stderr.write(`bench: ${path.basename(entry)} exited with ${code ?? signal}\n${stderr}\n`);
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  return {
    process: child,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Runs a TypeScript entry point to completion; rejects with its stderr when it fails. */
export function runNode(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, entry, ...args], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${entry} exited with ${code}:\n${stderr}`))));
  });
}

/** Polls until the URL answers 200, or fails after the timeout (with the child's exit, if it died). */
export async function waitForOk(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${url}: the process exited before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** One autocannon run, from a process of its own. */
export function runLoad(url: string, connections: number, duration: number, spec: RequestSpec): Promise<LoadResult> {
  const worker = fork(path.join(ROOT, 'bench/lib/load-worker.ts'), [], { cwd: ROOT, execArgv: NODE_ARGS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) =>
      message.ok && message.result ? resolve(message.result) : reject(new Error(message.error ?? 'load worker failed')),
    );
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
    worker.send({ url, connections, duration, spec });
  });
}
