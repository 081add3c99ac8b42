import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.ts';

const label = { activity: 'verifying audit log', unit: 'entries' };

describe('progress reporter', () => {
  it('redraws one line on a terminal, then clears it', () => {
    let clock = 0;
    const terminal: string[] = [];
    const progress = progressReporter({ isTTY: true, write: (text) => terminal.push(text) }, label, () => clock);
    for (let count = 1000; count <= 3000; count += 1000) {
      clock += 150;
      progress.update(count, 4000);
    }
    progress.done();
    expect(terminal).toEqual([
      '\rverifying audit log: 1000 of 4000 entries (25%)',
      '\rverifying audit log: 2000 of 4000 entries (50%)',
      '\rverifying audit log: 3000 of 4000 entries (75%)',
      '\r\x1b[2K',
    ]);
  });

  it('writes an occasional plain line elsewhere, and nothing to clear', () => {
    let clock = 0;
    const file: string[] = [];
    const progress = progressReporter({ write: (text) => file.push(text) }, { activity: 'rotating data keys', unit: 'keys' }, () => clock);
    for (let count = 1000; count <= 4000; count += 1000) {
      clock += 3_000;
      progress.update(count, 4000);
    }
    progress.done();
    expect(file).toEqual(['rotating data keys: 2000 of 4000 keys (50%)\n', 'rotating data keys: 4000 of 4000 keys (100%)\n']);
  });

  it('calls an empty job done rather than dividing by zero', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = progressReporter({ isTTY: true, write: (text) => lines.push(text) }, label, () => clock);
    clock += 200;
    progress.update(0, 0);
    expect(lines).toEqual(['\rverifying audit log: 0 of 0 entries (100%)']);
  });
});
