import type { AuditLog, VerifyProgress, VerifyResult } from './audit.service.ts';

// Operator output of `loket audit verify`. CLI output is English only, so it lives here rather than
// in audit.messages.ts.

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REASONS: Record<Extract<VerifyResult, { ok: false }>['reason'], string> = {
  hash_mismatch: 'its content no longer matches its hash, so the entry was changed',
  link_mismatch: 'it does not link to the entry before it, so an entry before it was removed, inserted or changed',
};

/**
 * A dependency-free progress indication: on a terminal one line redrawn in place, elsewhere (a log
 * file, a CI job) a plain line every few seconds.
 */
export function progressReporter(stderr: Output, now: () => number = Date.now) {
  const interval = stderr.isTTY ? 100 : 5_000;
  let lastWrite = now();
  let drawn = false;
  return {
    update({ checked, total }: VerifyProgress) {
      if (now() - lastWrite < interval) return;
      lastWrite = now();
      const percent = total === 0 ? 100 : Math.min(100, Math.floor((checked / total) * 100));
      const line = `verifying audit log: ${checked} of ${total} entries (${percent}%)`;
      if (stderr.isTTY) {
        stderr.write(`\r${line}`);
        drawn = true;
      } else {
        stderr.write(`${line}\n`);
      }
    },
    done() {
      if (drawn) stderr.write('\r\x1b[2K');
    },
  };
}

/** `loket audit verify`: prints the outcome and returns the exit code, 0 when intact, 1 when broken. */
export async function runAuditVerify(audit: AuditLog, io: { stdout: Output; stderr: Output }): Promise<0 | 1> {
  const progress = progressReporter(io.stderr);
  const result = await audit.verify((p) => progress.update(p));
  progress.done();
  if (result.ok) {
    io.stdout.write(`Audit log intact: ${result.checked} entries checked.\n`);
    return 0;
  }
  io.stdout.write(`Audit log broken at entry ${result.brokenAt}: ${REASONS[result.reason]}. The ${result.checked} entries before it are intact.\n`);
  return 1;
}
