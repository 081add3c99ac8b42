import { type Output, progressReporter } from '../cli/progress.ts';
import type { AuditLog, VerifyResult } from './audit.service.ts';

// Operator output of `loket audit verify`. CLI output is English only, so it lives here rather than
// in audit.messages.ts.

const REASONS: Record<Extract<VerifyResult, { ok: false }>['reason'], string> = {
  hash_mismatch: 'its content no longer matches its hash, so the entry was changed',
  link_mismatch: 'it does not link to the entry before it, so an entry before it was removed, inserted or changed',
};

/** `loket audit verify`: prints the outcome and returns the exit code, 0 when intact, 1 when broken. */
export async function runAuditVerify(audit: AuditLog, io: { stdout: Output; stderr: Output }): Promise<0 | 1> {
  const progress = progressReporter(io.stderr, { activity: 'verifying audit log', unit: 'entries' });
  const result = await audit.verify(({ checked, total }) => progress.update(checked, total));
  progress.done();
  if (result.ok) {
    io.stdout.write(`Audit log intact: ${result.checked} entries checked.\n`);
    return 0;
  }
  io.stdout.write(`Audit log broken at entry ${result.brokenAt}: ${REASONS[result.reason]}. The ${result.checked} entries before it are intact.\n`);
  return 1;
}
