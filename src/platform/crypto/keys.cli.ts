import { type Output, progressReporter } from '../cli/progress.ts';
import { type DataKeyStore, UnknownMasterKeyError } from './data-keys.ts';

// Operator output of `loket keys rotate`, in English like every CLI message. Master key ids are
// fingerprints, not secrets, so they may be printed.

/**
 * `loket keys rotate`: re-wraps every data key under the current master key. Returns the exit code:
 * 0 when no key is left under an older master key, 1 otherwise (a key under an unknown master key,
 * or keys created or locked elsewhere during the run: run it again).
 */
export async function runKeysRotate(dataKeys: DataKeyStore, currentMasterKeyId: string, io: { stdout: Output; stderr: Output }): Promise<0 | 1> {
  const total = await dataKeys.countToRotate();
  const progress = progressReporter(io.stderr, { activity: 'rotating data keys', unit: 'keys' });
  let rotated: number;
  try {
    rotated = await dataKeys.rotate((done) => progress.update(done, total));
  } catch (error) {
    progress.done();
    if (!(error instanceof UnknownMasterKeyError)) throw error;
    io.stdout.write(`Rotation stopped: ${error.message}. Keys re-wrapped so far stay re-wrapped; run again once the key is in place.\n`);
    return 1;
  }
  progress.done();
  const left = await dataKeys.countToRotate();
  io.stdout.write(`Re-wrapped ${rotated} data keys under master key ${currentMasterKeyId}.\n`);
  if (left > 0) {
    io.stdout.write(`${left} data keys are still under an older master key (created or locked elsewhere during the run): run it again.\n`);
    return 1;
  }
  io.stdout.write(
    'Every data key is under the current master key. Remove LOKET_MASTER_KEY_PREVIOUS from every node once no backup made before now needs restoring.\n',
  );
  return 0;
}
