import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComplaintsFixture, createComplaintsFixture, forwardedComplaint } from '../../src/modules/complaints/complaints.test-support.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { t as text } from './pages/base-page.ts';

// The maps, with JavaScript: the filing form's location picker fills the coordinate fields, and the
// public list shows its reports' points on a map instead of the plot. Tiles come from a tile server
// of the test's own on another origin, so the content security policy has to let them in. Without
// JavaScript nothing changes (test/e2e/complaints-pages.test.ts).

// A 1×1 transparent PNG: a tile the browser can draw.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let tiles: http.Server;
let tileRequests = 0;
let t: TestApp;
let fx: ComplaintsFixture;
let browser: Browser;
let baseUrl: string;
let placedId: string;
const contexts: BrowserContext[] = [];
const cspViolations: string[] = [];

async function newPage(javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  return page;
}

beforeAll(async () => {
  tiles = http.createServer((request, response) => {
    if (/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) tileRequests += 1;
    response.writeHead(200, { 'content-type': 'image/png', 'cross-origin-resource-policy': 'cross-origin' }).end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  const tilePort = (tiles.address() as AddressInfo).port;
  browser = await launchBrowser();
  t = await createTestApp({ env: { LOKET_MAP_TILES: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`, LOKET_MAP_ATTRIBUTION: 'Peta <b>uji</b>' } });
  fx = await createComplaintsFixture(t.services, t.database.db);
  placedId = await forwardedComplaint(t.services, fx, { overrides: { title: 'Lampu jalan mati di Jalan Braga', latitude: -6.9175, longitude: 107.6091 } });
  baseUrl = await listenForBrowser(t.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
  await new Promise((resolve) => tiles?.close(resolve));
}, 30_000);

describe('maps with JavaScript', () => {
  it('fill the coordinates on a click, follow typed coordinates, and pass axe', async () => {
    const page = await newPage();
    await page.goto('/complaints/new');
    const picker = page.locator('[data-map-picker]');
    await expect.poll(() => picker.isVisible()).toBe(true);
    await page.locator('[data-map-picker] .leaflet-container').waitFor();
    await expect.poll(() => tileRequests, { timeout: 10_000 }).toBeGreaterThan(0);
    // The attribution is configuration, and still shown as text, not markup.
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Peta <b>uji</b>');
    expect(await page.getByText(text('map.pickHint')).isVisible()).toBe(true);

    // A click in the middle of the map of Indonesia puts a point in Indonesia into the fields.
    const latitude = page.locator('#field-latitude');
    const longitude = page.locator('#field-longitude');
    await page.locator('[data-map-canvas]').click();
    await expect.poll(() => latitude.inputValue()).toMatch(/^-?\d{1,2}\.\d{6}$/);
    const [lat, lng] = [Number(await latitude.inputValue()), Number(await longitude.inputValue())];
    expect(lat).toBeGreaterThan(-11);
    expect(lat).toBeLessThan(6);
    expect(lng).toBeGreaterThan(95);
    expect(lng).toBeLessThan(141);
    expect(await page.locator('[data-map-picker] path.leaflet-interactive').count()).toBe(1);

    // Typed coordinates move the one marker and bring the map to them.
    await latitude.fill('-6,9175');
    await longitude.fill('107.6091');
    await longitude.dispatchEvent('change');
    await expect.poll(() => page.locator('[data-map-picker] .leaflet-container').getAttribute('class')).toBeTruthy();
    expect(await page.locator('[data-map-picker] path.leaflet-interactive').count()).toBe(1);
    await expectAxeClean(page);
    expect(cspViolations).toEqual([]);
  });

  it('show the public reports on a map whose markers link to them, instead of the plot', async () => {
    const page = await newPage();
    await page.goto('/complaints');
    await page.locator('.points-map .leaflet-container').waitFor();
    expect(await page.locator('.complaints-plot').isVisible()).toBe(false);
    const markers = page.locator('.points-map path.leaflet-interactive');
    expect(await markers.count()).toBeGreaterThan(0);
    await markers.first().click();
    const link = page.locator('.leaflet-popup-content a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/complaints/${placedId}`);
    expect(await link.textContent()).toBe('Lampu jalan mati di Jalan Braga');
    await expectAxeClean(page);
    expect(cspViolations).toEqual([]);
  });

  it('leave the fields and the plot as they are without JavaScript', async () => {
    const page = await newPage(false);
    await page.goto('/complaints/new');
    expect(await page.locator('[data-map-picker]').isVisible()).toBe(false);
    expect(await page.locator('#field-latitude').isVisible()).toBe(true);
    await page.goto('/complaints');
    expect(await page.locator('.complaints-plot').isVisible()).toBe(true);
  });
});
