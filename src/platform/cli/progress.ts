// Progress of long operator commands (`loket audit verify`, `loket keys rotate`) on stderr, so that
// stdout keeps only the outcome a script may read.

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressLabel {
  /** What is going on, e.g. `verifying audit log`. */
  activity: string;
  /** What is counted, plural, e.g. `entries`. */
  unit: string;
}

/**
 * A dependency-free progress indication: on a terminal one line redrawn in place, elsewhere (a log
 * file, a CI job) a plain line every few seconds.
 */
export function progressReporter(stderr: Output, { activity, unit }: ProgressLabel, now: () => number = Date.now) {
  const interval = stderr.isTTY ? 100 : 5_000;
  let lastWrite = now();
  let drawn = false;
  return {
    update(count: number, total: number) {
      if (now() - lastWrite < interval) return;
      lastWrite = now();
      const percent = total === 0 ? 100 : Math.min(100, Math.floor((count / total) * 100));
      const line = `${activity}: ${count} of ${total} ${unit} (${percent}%)`;
      if (stderr.isTTY) {
        stderr.write(`\r${line}`);
        drawn = true;
      } else {
        stderr.write(`${line}\n`);
      }
    },
    /** Clears the redrawn line, so that the outcome starts on a clean line. */
    done() {
      if (drawn) stderr.write('\r\x1b[2K');
    },
  };
}

export type ProgressReporter = ReturnType<typeof progressReporter>;
