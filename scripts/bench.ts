/**
 * `npm run bench`: measures what the extension costs, in one run on this machine, and writes the
 * figures to bench-results/latest.json (plus a dated copy) so runs can be compared.
 *
 * 1. Page-load overhead in real Chromium: median load time of a local page with 100 sub-resources
 *    with the extension vs without, same Chromium, interleaved runs. Two bare extensions that only
 *    register the same webRequest listeners, with and without 'extraHeaders', isolate that option's cost.
 * 2. The worker's cost per event (Node, the real RequestObserver and TabStore): the fast path for
 *    responses that are not 401s, and a 401.
 * 3. Memory after 10,000 401s on one tab (Node heap, same code), the stored size of that tab, and
 *    what diagnosing it costs the worker at each publish (in the worker's warm state).
 * 4. Popup time to content on a tab with 50 records (real Chromium, performance mark).
 * 5. Bundle sizes of dist/, raw and gzip.
 */
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { RequestObserver } from '../src/background/request-observer';
import { type SessionArea, TabStore } from '../src/background/tab-store';
import type { ResponseEvent } from '../src/capture/build-refusal-record';
import { diagnose } from '../src/diagnosis/diagnose';
import { PAGE_MARKER_SCRIPT } from '../src/shared/paths';
import { CHROMIUM_PATH, DIST_DIR, ExtensionBrowser, QUIET_CHROMIUM_FLAGS } from '../tests/support/extension-browser';
import { en } from '../tests/support/i18n';
import { startTestServers } from '../tests/support/test-server';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** An extension that registers the same listeners as ours and does nothing in them. */
async function bareListenerExtension(extraHeaders: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-listeners-${extraHeaders ? 'extra' : 'plain'}-`));
  const extra = extraHeaders ? ", 'extraHeaders'" : '';
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'bench listeners', version: '1', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'bg.js' } }),
  );
  await writeFile(
    join(dir, 'bg.js'),
    `const f = { urls: ['<all_urls>'] };
chrome.webRequest.onSendHeaders.addListener(() => {}, f, ['requestHeaders'${extra}]);
chrome.webRequest.onHeadersReceived.addListener(() => {}, f, ['responseHeaders'${extra}]);`,
  );
  return dir;
}

async function launch(extensionDir: string | null): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const args = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...QUIET_CHROMIUM_FLAGS, ...args] });
  if (extensionDir && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return context;
}

async function pageLoadOverhead(origin: string) {
  const variants: Record<string, string | null> = {
    none: null,
    extension: DIST_DIR,
    listenersPlain: await bareListenerExtension(false),
    listenersExtraHeaders: await bareListenerExtension(true),
  };
  const contexts = Object.fromEntries(await Promise.all(Object.entries(variants).map(async ([name, dir]) => [name, await launch(dir)] as const)));
  const pages = Object.fromEntries(await Promise.all(Object.entries(contexts).map(async ([name, context]) => [name, await context.newPage()] as const)));
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const names = Object.keys(variants);
  for (let run = -2; run < ROUNDS; run++) {
    // Rotate the order every round so no variant always goes first.
    const order = names.map((_, i) => names[(i + run + 2) % names.length]!);
    for (const name of order) {
      const page = pages[name]!;
      await page.goto(`${origin}/bench?run=${name}-${run}`, { waitUntil: 'load' });
      const ms = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return nav.loadEventStart - nav.startTime;
      });
      if (run >= 0) times[name]!.push(ms); // the first two rounds warm up
    }
  }
  await Promise.all(Object.values(contexts).map((context) => context.close()));
  const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, round(median(list))]));
  return {
    rounds: ROUNDS,
    subresources: 100,
    medianLoadMs: medians,
    overheadRatio: round(medians.extension! / medians.none!, 3),
    extraHeadersRatio: round(medians.listenersExtraHeaders! / medians.listenersPlain!, 3),
  };
}

const memorySession = (): SessionArea => {
  const data: Record<string, unknown> = {};
  return { get: async () => ({ ...data }), set: async (items) => void Object.assign(data, items), remove: async () => {} };
};

function event(i: number, statusCode: number, tabId = 1): ResponseEvent {
  return {
    requestId: String(i),
    url: `https://app.example/assets/chunk-${i % 500}.js?v=3`,
    method: 'GET',
    type: 'script',
    frameId: 0,
    tabId,
    timeStamp: 1_700_000_000_000 + i,
    statusCode,
    statusLine: `HTTP/1.1 ${statusCode}`,
    initiator: 'https://app.example',
    responseHeaders: [
      { name: 'content-type', value: 'text/javascript' },
      { name: 'cache-control', value: 'max-age=3600' },
      { name: 'date', value: 'Wed, 25 Nov 2026 10:00:00 GMT' },
      { name: 'server', value: 'nginx' },
      ...(statusCode === 401 ? [{ name: 'www-authenticate', value: 'Bearer realm="api", error="invalid_token"' }] : []),
    ],
  };
}

const REQUEST_HEADERS = [
  { name: 'Accept', value: '*/*' },
  { name: 'User-Agent', value: 'Mozilla/5.0' },
  { name: 'Cookie', value: 'a=1; b=2' },
  { name: 'Referer', value: 'https://app.example/' },
  { name: 'Accept-Language', value: 'en' },
];

async function workerCost() {
  const store = new TabStore(memorySession(), { onPublish: () => {} });
  await store.ready;
  const observer = new RequestObserver(store);
  await new Promise((resolve) => setTimeout(resolve)); // let the observer see the restore finish
  const perEvent = (count: number, status: number, tabOf: (i: number) => number) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      observer.onSendHeaders({ requestId: String(i), requestHeaders: REQUEST_HEADERS });
      observer.onHeadersReceived(event(i, status, tabOf(i)));
    }
    return Number(process.hrtime.bigint() - start) / 1_000 / count;
  };
  perEvent(50_000, 200, () => 1); // warm up the JIT
  const fastPath = perEvent(200_000, 200, () => 1);
  const refusal = perEvent(20_000, 401, (i) => 100 + (i % 50));
  // A tab with an open refusal: its successes must be checked against it.
  const successOnWatchedTab = perEvent(50_000, 200, (i) => 100 + (i % 50));
  return { fastPathUsPerEvent: round(fastPath, 3), refusalUsPerEvent: round(refusal, 2), successOnTabAwaitingRecoveryUs: round(successOnWatchedTab, 2) };
}

async function floodMemory() {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = new TabStore(memorySession(), { onPublish: () => {} });
  await store.ready;
  const observer = new RequestObserver(store);
  await new Promise((resolve) => setTimeout(resolve)); // let the observer see the restore finish
  for (let i = 0; i < 10_000; i++) {
    const e = event(i, 401, 1);
    e.url = `https://app.example/api/item/${i}`; // all distinct: the worst case for the log
    observer.onHeadersReceived(e);
  }
  global.gc?.();
  const log = store.get(1)!; // keeps the store alive through the measurement
  const heapDeltaKiB = round((process.memoryUsage().heapUsed - before) / 1024, 0);
  const diagnoseLog = () => diagnose(log.records, { now: Date.now(), pageUrl: log.pageUrl, t: en });
  for (let i = 0; i < 20; i++) diagnoseLog(); // warm, as the worker is after its first publishes
  const start = performance.now();
  for (let i = 0; i < 50; i++) diagnoseLog();
  return {
    refusals: 10_000,
    recordsKept: log.records.length,
    dropped: log.dropped,
    storedBytes: JSON.stringify(log).length,
    diagnosisStoredBytes: JSON.stringify(diagnoseLog()).length,
    diagnoseMsPerPublish: round((performance.now() - start) / 50, 2),
    heapDeltaKiB,
  };
}

async function popupTimeToContent(origin: string) {
  const browser = await ExtensionBrowser.launch();
  try {
    const { page, tabId } = await browser.openTab(`${origin}/healthy`);
    await page.locator('#out[data-done]').waitFor();
    await page.evaluate(() => Promise.all(Array.from({ length: 50 }, (_, i) => fetch(`/api/bearer?i=${i}`))));
    await page.waitForTimeout(800);
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      const popup = await browser.openPopup(tabId);
      if ((await popup.getByRole('button', { name: 'Show all 50 refused requests' }).count()) !== 1) throw new Error('expected the popup to hold 50 records');
      samples.push(await popup.evaluate(() => performance.getEntriesByName('popup:content')[0]!.startTime));
      await popup.close();
    }
    return { records: 50, medianMs: round(median(samples), 1), samplesMs: samples.map((s) => round(s, 1)) };
  } finally {
    await browser.close();
  }
}

/** A file of dist/ and every file it imports (static, dynamic, or by extension URL), as dist-relative paths. */
async function withImports(entry: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = await readFile(join(DIST_DIR, entry), 'utf8');
  const base = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  for (const match of text.matchAll(/(?:from\s*|import\s*\(?\s*|getURL\()["'](\.{0,2}\/?[\w./-]+\.js)["']/g)) {
    const target = match[1]!.startsWith('assets/') ? match[1]! : new URL(match[1]!, `file:///${base}`).pathname.slice(1);
    await withImports(target, seen);
  }
  return seen;
}

async function bundleSizes() {
  const manifest = JSON.parse(await readFile(join(DIST_DIR, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    action: { default_popup: string };
  };
  const size = async (files: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const content = await readFile(join(DIST_DIR, file));
      raw += content.length;
      gzip += gzipSync(content).length;
    }
    return { files: files.size, rawKiB: round(raw / 1024), gzipKiB: round(gzip / 1024) };
  };
  const popupHtml = await readFile(join(DIST_DIR, manifest.action.default_popup), 'utf8');
  const popupFiles = new Set<string>();
  for (const match of popupHtml.matchAll(/(?:src|href)="\/([\w./-]+\.(?:js|css))"/g)) {
    if (match[1]!.endsWith('.css')) popupFiles.add(match[1]!);
    else await withImports(match[1]!, popupFiles);
  }
  // The page marker's script, injected only into tabs with a refusal the page could know of.
  const contentFiles = await withImports(PAGE_MARKER_SCRIPT);
  const files = await readdir(DIST_DIR, { recursive: true });
  let total = 0;
  for (const file of files) {
    const info = await stat(join(DIST_DIR, file));
    if (info.isFile()) total += info.size;
  }
  return {
    contentScript: await size(contentFiles),
    worker: await size(await withImports(manifest.background.service_worker)),
    popup: await size(popupFiles),
    distTotalKiB: round(total / 1024),
  };
}

const { site, api } = await startTestServers();
try {
  const results = {
    date: new Date().toISOString(),
    chromium: CHROMIUM_PATH,
    // Memory first, while the heap holds nothing else of ours.
    flood: await floodMemory(),
    pageLoad: await pageLoadOverhead(site.origin),
    worker: await workerCost(),
    popup: await popupTimeToContent(site.origin),
    bundles: await bundleSizes(),
  };
  console.log(JSON.stringify(results, null, 2));
  console.log(`overhead ratio: ${results.pageLoad.overheadRatio.toFixed(2)}`);
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(`bench-results/${results.date.replace(/[:.]/g, '-')}.json`, `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await site.close();
  await api.close();
}
