import { access, constants } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; CI installs it (apt-get install chromium). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches headless Chromium through playwright-core. Browser tests fail (never skip) when it is
 * missing, so that a CI image without it is noticed. Open pages from `browser.newContext()`:
 * `@axe-core/playwright` refuses pages made by `browser.newPage()`.
 */
export async function launchBrowser(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: install it (Debian: apt-get install chromium). Browser tests do not skip.`);
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
