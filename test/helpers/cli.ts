import { spawn } from 'node:child_process';
import { cleanEnv, REPO_ROOT } from './process.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole process, start-up included. */
  ms: number;
}

/**
 * Runs `node --import tsx src/cli.ts <args>` from the repository root as an operator would, with
 * only `env` on top of a clean environment. `exited()` tells a test that acts on the database
 * meanwhile when to stop.
 */
export function runLoket(args: readonly string[], env: Record<string, string>, { viaBin = false } = {}): Promise<CliRun> & { exited(): boolean } {
  const started = Date.now();
  let exited = false;
  // viaBin runs the installed `loket` bin through npx, as the README tells operators to.
  const [command, prefix] = viaBin ? ['npx', ['loket']] : [process.execPath, ['--import', 'tsx', 'src/cli.ts']];
  const child = spawn(command, [...prefix, ...args], { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const run = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      exited = true;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
  return Object.assign(run, { exited: () => exited });
}
