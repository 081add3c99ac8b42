import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['test/helpers/global-setup.ts'],
    // Each file gets its own database, so files run in parallel safely.
    pool: 'forks',
    // Files share a worker's module cache: importing the app once per worker, not once per file, halves
    // the run. Tests keep no module-level state, so isolation buys nothing here.
    isolate: false,
    // At least two files at once even on two cores: files spend much of their time waiting on
    // PostgreSQL and Chromium (one worker: 299 s, two: 217 s on the 2-core CI machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
