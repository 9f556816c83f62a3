// The dashboard in a real browser: Debian's Chromium driven by playwright-core, the page served
// from dashboard/dist/ by Vite's static server (`vite preview`, as scripts/dashboard.sh serves
// it). The server is registered with the other processes the tests start (killed on exit and on
// an interrupt); the browser is closed by the test.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { chromium } from 'playwright-core';

import { forget, freePort, spawnTracked } from './node.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DASHBOARD = join(ROOT, 'dashboard');
/** Where the browser tests keep their screenshots and downloads (kept after the run). */
export const ARTIFACTS = join(ROOT, 'tests/artifacts/dashboard');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Serve dashboard/dist on a free port; resolves `{ url, stop() }` once it answers. */
export async function serveDashboard () {
  const port = await freePort();
  const child = spawnTracked(join(DASHBOARD, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: DASHBOARD });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const kill = () => { if (child.exitCode === null) child.kill('SIGKILL'); forget(child); };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch { /* not up yet */ }
    if (i > 100) { kill(); throw new Error(`vite preview did not answer on ${url}: ${output}`); }
    await sleep(200);
  }
  return { url, stop: kill };
}

/** Chromium, headless. */
export async function launchBrowser () {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * A new page (its own context: no cache, no storage) that records every console error and
 * uncaught exception in `page.errors`.
 */
export async function newPage (browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`));
  page.close = ((close) => async () => { await close(); await context.close(); })(page.close.bind(page));
  return page;
}

/** A screenshot of the whole page, kept in `ARTIFACTS`; returns its path. */
export async function screenshot (page, name) {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
