import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where an operator runs `npm start`. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LoketProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Settles when the process has exited. */
  exited: Promise<Exit>;
  hasExited(): boolean;
}

/**
 * The environment an operator would have: the test runner's variables minus anything that would
 * steer Loket (DATABASE_URL, LOKET_*, NODE_OPTIONS, Vitest's own), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'DATABASE_URL' || key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key.startsWith('LOKET_') || key.startsWith('VITEST') || key === 'TEST')
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs `node --import tsx src/cli.ts serve` as one process, from the repository root. */
export function spawnLoket(env: NodeJS.ProcessEnv, port: number): LoketProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('could not spawn Loket');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return { child, pid: child.pid, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited, hasExited: () => done };
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One GET on a fresh connection (no keep-alive pool to go stale across restarts). Rejects when no
 * complete answer arrives within timeoutMs.
 */
export function httpGet(
  url: string,
  { headers = {}, timeoutMs = 5_000 }: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => request.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls /readyz until 200. Fails with Loket's output when it takes too long or the process exits. */
export async function waitUntilReady(loket: LoketProcess, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (loket.hasExited()) {
      const { code, signal } = await loket.exited;
      throw new Error(`Loket exited before it was ready (code ${code}, signal ${signal}). Output:\n${loket.output()}`);
    }
    try {
      const response = await httpGet(`${loket.baseUrl}/readyz`, { timeoutMs: 5_000 });
      if (response.status === 200) return Date.now() - started;
      last = `${response.status} ${response.body}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(150);
  }
  throw new Error(`Loket was not ready within ${timeoutMs} ms (last: ${last}). Output:\n${loket.output()}`);
}

/** Sends a signal and waits for the exit; rejects (with the output) when it takes longer than timeoutMs. */
export async function stopLoket(loket: LoketProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<Exit & { ms: number }> {
  const started = Date.now();
  if (!loket.hasExited()) loket.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Loket did not exit within ${timeoutMs} ms of ${signal}. Output:\n${loket.output()}`)), timeoutMs);
  });
  try {
    const exit = await Promise.race([loket.exited, timeout]);
    return { ...exit, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Alive and not a zombie. An orphaned PostgreSQL (its Loket killed with -9) is re-parented to
 * PID 1, which in some containers never reaps it: after it exits, kill(pid, 0) still succeeds.
 */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return process.platform !== 'linux';
  // Format: pid (comm) state …; comm may contain spaces and parentheses.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The PID of a PostgreSQL still running on this data folder, from its postmaster.pid. */
export async function runningPostgres(pgData: string): Promise<number | undefined> {
  const text = await readFile(path.join(pgData, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return (await isRunning(pid)) ? pid : undefined;
}

/** Test clean-up: stops a PostgreSQL left on pgData (fast shutdown, then SIGKILL). */
export async function killPostgres(pgData: string): Promise<void> {
  const pid = await runningPostgres(pgData);
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (!(await isRunning(pid))) return;
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/** Test clean-up: SIGKILL a Loket that is still running. */
export async function killLoket(loket: LoketProcess | undefined): Promise<void> {
  if (!loket || loket.hasExited()) return;
  loket.child.kill('SIGKILL');
  await Promise.race([loket.exited, sleep(5_000)]);
}
