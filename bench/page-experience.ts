/**
 * Page experience (issue 6): the citizen pages in Chromium on a slow-3G profile with 4× CPU slowdown,
 * cold cache, against Loket as it runs in production on a database of its own (the same harness as
 * `npm run bench`). Per page: bytes transferred (compressed, as the browser received them), requests,
 * first contentful paint, and whether the page is usable with JavaScript disabled. Writes
 * bench/results/pages-<date>.json and its section of bench/RESULTS.md (between the bench:pages markers;
 * `npm run bench` leaves that part alone).
 *
 *   npm run bench:pages
 *   npm run bench:pages -- --runs 3      median of three cold loads per page (default 1)
 *   npm run bench:pages -- --keep        keep the bench database afterwards
 *
 * Internally the same file is also the citizen-session step (`--prepare <out.json>`), run in a
 * development-mode process with the production secrets, because bench/setup.ts makes API tokens only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createDatabase, databaseUrl, dropDatabase } from './lib/database.ts';
import { type Child, freePort, ROOT, runNode, startNode, waitForOk } from './lib/processes.ts';
import { generateSecrets } from './lib/secrets.ts';
import type { Fixtures } from './lib/types.ts';

const { values: options } = parseArgs({
  options: {
    prepare: { type: 'string' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});

/** The DevTools/Lighthouse "slow 3G" figures the issue names, and Lighthouse's mobile CPU slowdown. */
export const PROFILE = { downloadKbit: 400, uploadKbit: 400, rttMs: 400, cpuSlowdown: 4, viewport: { width: 360, height: 740 } };
const TARGET_BYTES = 50 * 1024;
const TARGET_FCP_MS = 3000;
const SERVICE_CODE = 'akta-kelahiran-kabupaten-sleman';
const BENCH_CITIZEN_EMAIL = 'warga.bench.0@contoh.loket.test';
const SESSION_COOKIE = '__Host-loket_session';
const START = '<!-- bench:pages:start -->';
const END = '<!-- bench:pages:end -->';

const log = (message: string) => process.stderr.write(`[pages ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

interface Prepared {
  citizenSessionToken: string;
  serviceCode: string;
}

/** The development-mode step: a web session for the first bench citizen (e-mail verified by the setup). */
async function prepare(out: string): Promise<void> {
  const { pino } = await import('pino');
  const { loadConfig } = await import('../src/config.ts');
  const { resolveSecrets } = await import('../src/platform/crypto/secrets.ts');
  const { openRuntime } = await import('../src/runtime.ts');
  const { createServices } = await import('../src/services.ts');
  const cfg = loadConfig();
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const runtime = await openRuntime(cfg, logger);
  try {
    const secrets = await resolveSecrets(cfg, (message) => logger.warn(message));
    const services = createServices({ config: cfg, db: runtime.database.db, secrets, log: logger });
    const citizen = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', BENCH_CITIZEN_EMAIL));
    if (!citizen) throw new Error(`bench citizen ${BENCH_CITIZEN_EMAIL} missing: did bench/setup.ts run?`);
    const citizenSessionToken = await services.sessions.create({
      accountId: citizen.id,
      accountKind: 'citizen',
      kind: 'web',
      mfaVerified: false,
      userAgent: 'loket-bench-pages',
    });
    const prepared: Prepared = { citizenSessionToken, serviceCode: SERVICE_CODE };
    writeFileSync(out, JSON.stringify(prepared));
    await services.notifier.close();
  } finally {
    await runtime.close();
  }
}

interface PageSpec {
  id: string;
  title: string;
  path: string;
  signedIn?: boolean;
  /** With JavaScript off: the element that makes the page do its job (besides a non-empty h1). */
  primary: string;
  primaryLabel: string;
}

function pagesFor(f: Fixtures, p: Prepared): PageSpec[] {
  const tracking = f.trackingNumbers[0] ?? 'LKT-0000-0000';
  return [
    { id: 'home', title: 'Home', path: '/', primary: 'a[href^="/services"], form[action^="/services"]', primaryLabel: 'a link or search form to the services' },
    {
      id: 'service',
      title: 'Service page',
      path: `/services/${p.serviceCode}`,
      primary: `a[href^="/services/${p.serviceCode}/apply"], form[action^="/services/${p.serviceCode}/apply"]`,
      primaryLabel: 'the apply link',
    },
    {
      id: 'form',
      title: 'First form page of applying (signed-in citizen)',
      path: `/services/${p.serviceCode}/apply`,
      signedIn: true,
      primary: 'form[method="post" i] input:not([type=hidden]), form[method="post" i] select, form[method="post" i] textarea',
      primaryLabel: 'a POST form with its fields',
    },
    { id: 'track', title: 'Tracking search', path: '/track', primary: 'form input[name]:not([type=hidden])', primaryLabel: 'the tracking-number form' },
    { id: 'track-number', title: 'Tracking result', path: `/track/${tracking}`, primary: 'main', primaryLabel: 'the status in <main>' },
    { id: 'verify', title: 'Document verification', path: '/verify', primary: 'form input[name]:not([type=hidden])', primaryLabel: 'the document-number form' },
  ];
}

interface Load {
  bytes: number;
  requests: number;
  fcpMs: number | null;
  status: number | null;
  finalPath: string;
  contentEncoding: string | null;
  acceptEncoding: string | null;
  resources: { url: string; bytes: number; type: string }[];
}

interface PageResult {
  id: string;
  title: string;
  path: string;
  finalPath: string;
  status: number | null;
  /** Median of the runs. */
  bytes: number;
  requests: number;
  fcpMs: number | null;
  runs: { bytes: number; requests: number; fcpMs: number | null }[];
  contentEncoding: string | null;
  acceptEncoding: string | null;
  resources: Load['resources'];
  noJs: { usable: boolean; heading: string | null; primary: boolean; primaryLabel: string; status: number | null };
  bytesMet: boolean;
  fcpMet: boolean;
}

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.rttMs,
    downloadThroughput: (PROFILE.downloadKbit * 1000) / 8,
    uploadThroughput: (PROFILE.uploadKbit * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
}

function contextOptions(base: string, javaScriptEnabled: boolean) {
  return {
    baseURL: base,
    viewport: PROFILE.viewport,
    javaScriptEnabled,
    locale: 'id-ID',
  };
}

/** A new context (empty cache and cookies); signed-in pages get the session cookie as sign-in would set it. */
async function newContext(browser: Browser, base: string, spec: PageSpec, token: string, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext(contextOptions(base, javaScriptEnabled));
  // Chromium keeps Secure (and so __Host-) cookies for 127.0.0.1 over http: it counts as a secure origin.
  if (spec.signedIn) {
    await context.addCookies([
      { name: SESSION_COOKIE, value: token, domain: new URL(base).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  return context;
}

/** One cold load: a new context (empty cache and cookies), throttled before the navigation starts. */
async function coldLoad(browser: Browser, base: string, spec: PageSpec, token: string): Promise<Load> {
  const context = await newContext(browser, base, spec, token, true);
  try {
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map<string, { url: string; type: string }>();
    const resources: Load['resources'] = [];
    let bytes = 0;
    let redirects = 0;
    let documentEncoding: string | null = null;
    let acceptEncoding: string | null = null;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      if (e.redirectResponse) {
        // A redirect's response is reported here, not by loadingFinished.
        bytes += e.redirectResponse.encodedDataLength;
        resources.push({ url: e.redirectResponse.url, bytes: e.redirectResponse.encodedDataLength, type: 'Redirect' });
        redirects += 1;
      }
      requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other' });
    });
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Document') {
        const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        documentEncoding = headers['content-encoding'] ?? null;
        const sent = e.response.requestHeaders ?? {};
        acceptEncoding =
          Object.entries(sent)
            .find(([k]) => k.toLowerCase() === 'accept-encoding')?.[1]
            ?.toString() ?? acceptEncoding;
      }
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const value = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding')?.[1];
      if (value && acceptEncoding === null) acceptEncoding = String(value);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const request = requests.get(e.requestId);
      if (!request) return;
      bytes += e.encodedDataLength;
      resources.push({ url: request.url, bytes: e.encodedDataLength, type: request.type });
    });
    await throttle(cdp);
    const response = await page.goto(spec.path, { waitUntil: 'load', timeout: 60_000 });
    // Late requests (images, a live-update stream) after load.
    await page.waitForTimeout(1500);
    const fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    return {
      bytes,
      requests: requests.size + redirects,
      fcpMs: fcpMs === null ? null : Math.round(fcpMs),
      status: response?.status() ?? null,
      finalPath: new URL(page.url()).pathname,
      contentEncoding: documentEncoding,
      acceptEncoding,
      resources: resources.map((r) => ({ ...r, url: r.url.replace(base, '') })),
    };
  } finally {
    await context.close();
  }
}

/** JavaScript off: does the page show its heading and the element that does its job? */
async function withoutJs(browser: Browser, base: string, spec: PageSpec, token: string): Promise<PageResult['noJs']> {
  const context = await newContext(browser, base, spec, token, false);
  try {
    const page = await context.newPage();
    const response = await page.goto(spec.path, { waitUntil: 'load', timeout: 30_000 });
    const heading =
      (
        (await page
          .locator('h1')
          .first()
          .textContent({ timeout: 2000 })
          .catch(() => null)) ?? ''
      ).trim() || null;
    const primary = (await page.locator(spec.primary).count()) > 0;
    const status = response?.status() ?? null;
    return { usable: heading !== null && primary && status !== null && status < 400, heading, primary, primaryLabel: spec.primaryLabel, status };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

async function measurePages(base: string, fixtures: Fixtures, prepared: Prepared, runs: number): Promise<PageResult[]> {
  const { launchBrowser } = await import('../test/helpers/browser.ts');
  const browser = await launchBrowser();
  const results: PageResult[] = [];
  try {
    for (const spec of pagesFor(fixtures, prepared)) {
      const loads: Load[] = [];
      for (let i = 0; i < runs; i += 1) loads.push(await coldLoad(browser, base, spec, prepared.citizenSessionToken));
      const first = loads[0];
      if (!first) throw new Error('no load');
      const noJs = await withoutJs(browser, base, spec, prepared.citizenSessionToken);
      const fcps = loads.map((l) => l.fcpMs).filter((v): v is number => v !== null);
      const bytes = median(loads.map((l) => l.bytes));
      const fcpMs = fcps.length > 0 ? median(fcps) : null;
      const result: PageResult = {
        id: spec.id,
        title: spec.title,
        path: spec.path,
        finalPath: first.finalPath,
        status: first.status,
        bytes,
        requests: median(loads.map((l) => l.requests)),
        fcpMs,
        runs: loads.map((l) => ({ bytes: l.bytes, requests: l.requests, fcpMs: l.fcpMs })),
        contentEncoding: first.contentEncoding,
        acceptEncoding: first.acceptEncoding,
        resources: first.resources,
        noJs,
        bytesMet: bytes < TARGET_BYTES,
        fcpMet: fcpMs !== null && fcpMs < TARGET_FCP_MS,
      };
      log(
        `${spec.id} ${spec.path} -> ${first.finalPath} (${first.status}): ${(bytes / 1024).toFixed(1)} KB, ${result.requests} requests, FCP ${fcpMs ?? '?'} ms, ${first.contentEncoding ?? 'identity'}; no JS ${noJs.usable ? 'usable' : 'NOT usable'}`,
      );
      results.push(result);
    }
  } finally {
    await browser.close();
  }
  return results;
}

interface PagesReport {
  startedAt: string;
  command: string;
  runsPerPage: number;
  profile: typeof PROFILE;
  targets: { bytes: number; fcpMs: number };
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; chromium: string; loadAverage: { start: number; end: number } };
  pages: PageResult[];
}

function render(report: PagesReport, file: string): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows = report.pages.map(
    (p) =>
      `| ${p.title} | \`${p.path}\`${p.finalPath !== p.path.split('?')[0] ? ` → \`${p.finalPath.replace(/[0-9a-f-]{36}/, '<draft>')}\`` : ''} | ${p.status ?? '?'} | ${kb(p.bytes)} (${p.contentEncoding ?? 'identity'}) | ${p.requests} | ${p.fcpMs ?? '–'} ms | ${p.noJs.usable ? 'yes' : `**no** (${p.noJs.heading ? '' : 'no h1; '}${p.noJs.primary ? '' : `no ${p.noJs.primaryLabel}`})`} | ${p.bytesMet ? 'MET' : '**MISSED**'} | ${p.fcpMet ? 'MET' : '**MISSED**'} |`,
  );
  const missed = report.pages.filter((p) => !p.bytesMet || !p.fcpMet || !p.noJs.usable);
  return [
    START,
    `## Page experience: ${report.startedAt}`,
    '',
    `- Command: \`${report.command}\` (${report.runsPerPage} cold load${report.runsPerPage > 1 ? 's' : ''} per page, median)`,
    `- Browser: ${report.machine.chromium} (Debian, headless, through playwright-core), viewport ${report.profile.viewport.width}×${report.profile.viewport.height}; network through CDP \`Network.emulateNetworkConditions\`: ${report.profile.downloadKbit} kbit/s down, ${report.profile.uploadKbit} kbit/s up, ${report.profile.rttMs} ms added latency per request; CPU \`Emulation.setCPUThrottlingRate\` ${report.profile.cpuSlowdown}×; a new browser context per load (empty cache, no cookies) and the cache disabled`,
    `- Server: Loket in production (\`NODE_ENV=production\`), same setup as \`npm run bench\` (demo seed, generated secrets), on the same ${report.machine.cpus}-core machine (1-minute load average ${report.machine.loadAverage.start.toFixed(1)} at the start, ${report.machine.loadAverage.end.toFixed(1)} at the end)`,
    `- Bytes: the sum of \`encodedDataLength\` of every response (\`Network.loadingFinished\`, plus redirect responses), headers included, as received: compressed where the server compressed. The browser sent \`Accept-Encoding: ${report.pages[0]?.acceptEncoding ?? '?'}\`. FCP: \`performance.getEntriesByName('first-contentful-paint')\`, from the start of the navigation (redirect included).`,
    '- Without JavaScript: the same page in a context with JavaScript disabled must answer below 400, show a non-empty `h1` and the element that does its job (form, fields or link).',
    '- The form page is opened as a signed-in citizen (a web session of a bench citizen created directly, as the harness does for the officer): `/services/<code>/apply` starts a draft and redirects to its first page; both the redirect and the page count.',
    `- Raw figures: \`bench/results/${file}\``,
    '',
    `Targets (issue 6): under ${TARGET_BYTES / 1024} KB transferred, first contentful paint under ${TARGET_FCP_MS / 1000} s on slow 3G.`,
    '',
    '| page | path | status | transferred | requests | FCP | usable without JS | < 50 KB | FCP < 3 s |',
    '|---|---|---:|---:|---:|---:|---|---|---|',
    ...rows,
    '',
    missed.length === 0 ? 'Every citizen page meets both targets and works without JavaScript.' : `Missed on: ${missed.map((p) => p.id).join(', ')}.`,
    '',
    END,
  ].join('\n');
}

function writeResults(report: PagesReport): string {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const name = `pages-${report.startedAt.replace(/[:.]/g, '-')}.json`;
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const resultsPath = path.join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
  const generated = render(report, name);
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  // Its own markers, outside bench:results, which report.ts regenerates: each writer keeps to its part.
  const next = start >= 0 && end > start ? existing.slice(0, start) + generated + existing.slice(end + END.length) : `${existing.trimEnd()}\n\n${generated}\n`;
  writeFileSync(resultsPath, next);
  try {
    // As report.ts does: bench/** is under Biome, so that `npm run check` stays clean.
    execFileSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', file, resultsPath], { stdio: 'ignore' });
  } catch {
    // Formatting is a nicety; the figures are written either way.
  }
  return path.relative(ROOT, file);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const runs = Math.max(1, Number(options.runs));
  const dbName = `loket_pages_${startedAt.toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const dataDir = path.join(os.tmpdir(), dbName);
  mkdirSync(dataDir, { recursive: true });
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...generateSecrets(),
    DATABASE_URL: databaseUrl(dbName),
    LOKET_DATA_DIR: dataDir,
    LOKET_LOG_LEVEL: 'warn',
  };
  let server: Child | undefined;
  log(`database ${dbName}`);
  await createDatabase(dbName);
  try {
    const fixturesPath = path.join(dataDir, 'fixtures.json');
    const preparedPath = path.join(dataDir, 'pages.json');
    const setupEnv = { ...common, NODE_ENV: 'development', LOKET_JOBS: 'false', LOKET_SEED_DEMO: 'false' };
    // The page sizes do not depend on the row count: a small seed keeps the run short.
    log('setup: bench/setup.ts (demo seed, bench citizens) and a citizen web session');
    await runNode('bench/setup.ts', [fixturesPath], { BENCH_APPLICATIONS: '500', BENCH_CITIZENS: '1', ...setupEnv });
    await runNode('bench/page-experience.ts', ['--prepare', preparedPath], setupEnv);
    const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as Fixtures;
    const prepared = JSON.parse(readFileSync(preparedPath, 'utf8')) as Prepared;
    const port = await freePort();
    server = startNode('src/cli.ts', ['serve'], {
      ...common,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOKET_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, server);
    log(`Loket (production) ready on ${base}`);
    const pages = await measurePages(base, fixtures, prepared, runs);
    const { chromium } = await import('playwright-core');
    const { CHROMIUM_PATH } = await import('../test/helpers/browser.ts');
    const probe = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox'] });
    const chromiumVersion = `Chromium ${probe.version()}`;
    await probe.close();
    const report: PagesReport = {
      startedAt: startedAt.toISOString(),
      command: `npm run bench:pages${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      runsPerPage: runs,
      profile: PROFILE,
      targets: { bytes: TARGET_BYTES, fcpMs: TARGET_FCP_MS },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        memoryGb: os.totalmem() / 1024 ** 3,
        node: process.version,
        chromium: chromiumVersion,
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      },
      pages,
    };
    log(`results: ${writeResults(report)} and bench/RESULTS.md`);
  } finally {
    await server?.stop();
    if (options.keep) log(`kept database ${dbName} and ${dataDir}`);
    else {
      await dropDatabase(dbName);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (options.prepare) await prepare(options.prepare);
else await main();
