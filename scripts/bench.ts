/**
 * `npm run bench`: what the extension costs, measured in one run on this machine; the figures are
 * printed and written to bench-results/latest.json (plus a dated copy) so runs can be compared.
 *
 * 1. Page load in real Chromium, five variants side by side, interleaved rounds, paired ratios
 *    (each round's load time over the same round's load without any extension):
 *      none       no extension
 *      floor      an extension holding only webRequest and host access, with no listener: the price
 *                 every webRequest extension pays (Chrome then routes requests through the browser)
 *      listeners  the very listeners ours registers (src/background/listener-spec.ts, same events,
 *                 filters and options, plus webNavigation and tabs listeners) with empty bodies
 *      dist       dist/ as built
 *      detail     dist/ during the 10 minutes after a refusal (Chrome: its extraHeaders listeners on;
 *                 src/background/detail-capture.ts), turned on by a page with a refused fetch
 *      nopanel    dist/ without its DevTools panel (a copy with no devtools_page): `dist` over it is
 *                 what the panel costs while DevTools is closed (issue 23: nothing)
 *    on two pages of 100 sub-resources from 127.0.0.1: the loopback page (every answer immediate) and
 *    a realistic page (each answer delayed 20-80 ms, the same seeded sequence for every variant).
 *    "own cost over floor" is (dist - floor) / none, per round.
 * 2. The worker's cost per event (Node, the real RequestObserver and TabStore).
 * 3. Heap after 10,000 refusals on one tab (Node heap, same code), the stored size, and what
 *    diagnosing it costs at each publish.
 * 4. Popup time to content on a tab with 50 records (real Chromium, performance mark).
 * 5. Another tab's badge during a flood (real Chromium, scripts/flood-fairness.ts): ms from a victim
 *    tab's 401 to its badge, on a quiet browser and while one tab sends 10,000 distinct refusals.
 * 6. Bundle sizes of dist/, raw and gzip; the DevTools panel's files, and which of them the worker loads (none).
 * `BENCH_ROUNDS=N` sets the rounds per page (default 32).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { listenerSpecs } from '../src/background/listener-spec';
import { storedSize } from '../src/background/storage-budget';
import { RequestObserver } from '../src/background/request-observer';
import { createTabState } from '../src/background/tab-state';
import { memorySession } from '../dev/memory-session';
import type { ResponseEvent } from '../src/capture/build-refusal-record';
import { diagnose } from '../src/diagnosis/diagnose';
import { PAGE_MARKER_SCRIPT } from '../src/shared/paths';
import { CHROMIUM_PATH, DIST_DIR, ExtensionBrowser } from '../dev/extension-browser';
import { en } from '../dev/i18n';
import { startTestServers } from '../dev/test-server';
import { floodFairness } from './flood-fairness';
import { bareExtension, launchWith, listenerRegistrations, loadMs, median } from './page-load-lab';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 32);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The floor: webRequest and host access, nothing listening. */
const floorExtension = () => bareExtension('floor', { permissions: ['webRequest'], host_permissions: ['<all_urls>'] }, '');

/** Our listeners, from the same spec the worker registers, with empty bodies; our permissions. */
async function bareListenerExtension(): Promise<string> {
  const ours = JSON.parse(await readFile(join(DIST_DIR, 'manifest.json'), 'utf8')) as { permissions: string[] };
  const registrations = listenerRegistrations(listenerSpecs());
  const others = 'chrome.webNavigation.onCommitted.addListener(() => {});\nchrome.tabs.onRemoved.addListener(() => {});\nchrome.tabs.onReplaced.addListener(() => {});';
  return bareExtension('listeners', { permissions: ours.permissions, host_permissions: ['<all_urls>'] }, `${registrations}\n${others}\n`);
}

/** dist/ as it would be without the DevTools panel: the same files, no devtools_page. */
async function distWithoutPanel(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'explainer-nopanel-')), 'dist');
  await cp(DIST_DIR, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.devtools_page;
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const VARIANTS = ['none', 'floor', 'listeners', 'dist', 'detail', 'nopanel'] as const;
type Variant = (typeof VARIANTS)[number];

/** A median with the spread of its paired values. */
function summary(values: number[]) {
  return { median: round(median(values), 3), min: round(Math.min(...values), 3), max: round(Math.max(...values), 3) };
}

/** Interleaved rounds of one page over the variants: the order rotates each round, the first two warm up. */
async function measurePage(pages: Record<Variant, Page>, url: (variant: Variant, round: number) => string) {
  const times = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (let run = -2; run < ROUNDS; run++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + run + 2) % VARIANTS.length]!);
    for (const variant of order) {
      const ms = await loadMs(pages[variant], url(variant, run));
      if (run >= 0) times[variant].push(ms);
    }
  }
  const ratio = (variant: Variant) => times[variant].map((ms, i) => ms / times.none[i]!);
  const own = times.dist.map((ms, i) => (ms - times.floor[i]!) / times.none[i]!);
  return {
    medianLoadMs: Object.fromEntries(VARIANTS.map((v) => [v, round(median(times[v]))])),
    overheadRatio: summary(ratio('dist')),
    floorRatio: summary(ratio('floor')),
    listenersRatio: summary(ratio('listeners')),
    ownCostOverFloor: summary(own),
    detailRatio: summary(ratio('detail')),
    panelBuiltInRatio: summary(times.dist.map((ms, i) => ms / times.nopanel[i]!)),
  };
}

/** Turns detail capture on in the `detail` browser: a page whose fetch is refused (it lasts 10 minutes; renewed per page). */
async function startDetailCapture(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/fetch-bearer`);
  await page.locator('#out[data-done]').waitFor();
  await page.waitForTimeout(500);
}

async function pageLoad(origin: string) {
  const extensions: Record<Variant, string | null> = {
    none: null,
    floor: await floorExtension(),
    listeners: await bareListenerExtension(),
    dist: DIST_DIR,
    detail: DIST_DIR,
    nopanel: await distWithoutPanel(),
  };
  const contexts = {} as Record<Variant, BrowserContext>;
  const pages = {} as Record<Variant, Page>;
  for (const variant of VARIANTS) {
    contexts[variant] = await launchWith(extensions[variant]);
    pages[variant] = await contexts[variant].newPage();
  }
  try {
    return {
      rounds: ROUNDS,
      subresources: 100,
      loopback: await startDetailCapture(pages.detail, origin).then(() => measurePage(pages, (variant, run) => `${origin}/bench?run=${variant}-${run}`)),
      realistic: await startDetailCapture(pages.detail, origin).then(() =>
        measurePage(pages, (variant, run) => `${origin}/bench?run=${variant}-${run}&delay=1`),
      ),
    };
  } finally {
    await Promise.all(Object.values(contexts).map((context) => context.close()));
  }
}

function event(i: number, statusCode: number, tabId = 1, type = 'script'): ResponseEvent {
  return {
    requestId: String(i),
    url: `https://app.example/assets/chunk-${i % 500}.js?v=3`,
    method: 'GET',
    type,
    frameId: 0,
    tabId,
    timeStamp: 1_700_000_000_000 + i,
    statusCode,
    statusLine: `HTTP/1.1 ${statusCode}`,
    initiator: 'https://app.example',
    documentId: 'DOC',
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

/** Delivers one request's events as the worker's listeners get them: a sub-resource sees onCompleted only. */
function deliver(observer: RequestObserver, e: ResponseEvent): number {
  if (e.type !== 'xmlhttprequest') {
    observer.onCompleted(e);
    return 1;
  }
  observer.onSendHeaders({ requestId: e.requestId, requestHeaders: REQUEST_HEADERS });
  observer.onHeadersReceived(e);
  observer.onCompleted(e);
  return 3;
}

async function workerCost() {
  const store = createTabState(memorySession(), { onPublish: () => {} }).store;
  await store.ready;
  const observer = new RequestObserver(store);
  await new Promise((resolve) => setTimeout(resolve)); // let the observer see the restore finish
  const usPerEvent = (count: number, make: (i: number) => ResponseEvent) => {
    let events = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) events += deliver(observer, make(i));
    return Number(process.hrtime.bigint() - start) / 1_000 / events;
  };
  usPerEvent(50_000, (i) => event(i, 200)); // warm up the JIT
  const subresource = usPerEvent(200_000, (i) => event(i, 200));
  const apiCall = usPerEvent(100_000, (i) => event(i, 200, 1, 'xmlhttprequest'));
  const refusal = usPerEvent(20_000, (i) => event(i, 401, 100 + (i % 50), 'xmlhttprequest'));
  // A tab with an open refusal: its successes are checked against it.
  const successOnTabAwaitingRecovery = usPerEvent(50_000, (i) => event(i, 200, 100 + (i % 50)));
  return {
    nonRefusalUsPerEvent: round(Math.max(subresource, apiCall), 3),
    subresourceUsPerEvent: round(subresource, 3),
    apiCallUsPerEvent: round(apiCall, 3),
    refusalUsPerEvent: round(refusal, 2),
    successOnTabAwaitingRecoveryUs: round(successOnTabAwaitingRecovery, 2),
  };
}

async function floodMemory() {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = createTabState(memorySession(), { onPublish: () => {} }).store;
  await store.ready;
  const observer = new RequestObserver(store);
  await new Promise((resolve) => setTimeout(resolve)); // let the observer see the restore finish
  for (let i = 0; i < 10_000; i++) {
    const e = event(i, 401, 1, 'image');
    e.url = `https://app.example/api/item/${i}`; // all distinct: the worst case for the log
    deliver(observer, e);
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
    // As the browser counts storage.session (src/background/storage-budget.ts).
    storedBytes: storedSize({ 'tab:1': log }),
    diagnosisStoredBytes: storedSize({ 'diagnosis:1': diagnoseLog() }),
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
    devtools_page: string;
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
  // The DevTools page and its panel: loaded only while DevTools is open (the panel only once it is shown).
  const devtoolsFiles = new Set<string>();
  for (const html of [manifest.devtools_page, manifest.devtools_page.replace(/devtools\.html$/, 'panel.html')]) {
    for (const match of (await readFile(join(DIST_DIR, html), 'utf8')).matchAll(/(?:src|href)="\/([\w./-]+\.js)"/g)) await withImports(match[1]!, devtoolsFiles);
  }
  const workerFiles = await withImports(manifest.background.service_worker);
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
    worker: await size(workerFiles),
    popup: await size(popupFiles),
    devtoolsPanel: await size(devtoolsFiles),
    devtoolsFilesTheWorkerLoads: [...devtoolsFiles].filter((file) => workerFiles.has(file)).length,
    distTotalKiB: round(total / 1024),
  };
}

const spread = ({ median: m, min, max }: { median: number; min: number; max: number }) => `${m.toFixed(2)} (spread ${min.toFixed(2)}–${max.toFixed(2)})`;

const { site, api } = await startTestServers();
try {
  const results = {
    date: new Date().toISOString(),
    chromium: CHROMIUM_PATH,
    // Memory first, while the heap holds nothing else of ours.
    flood: await floodMemory(),
    worker: await workerCost(),
    pageLoad: await pageLoad(site.origin),
    popup: await popupTimeToContent(site.origin),
    floodFairness: await floodFairness(site.origin),
    bundles: await bundleSizes(),
  };
  console.log(JSON.stringify(results, null, 2));
  const { loopback, realistic } = results.pageLoad;
  const lines = [
    `overhead ratio: ${spread(loopback.overheadRatio)}`,
    `floor ratio: ${spread(loopback.floorRatio)}`,
    `own cost over floor: ${spread(loopback.ownCostOverFloor)}`,
    `listeners ratio: ${spread(loopback.listenersRatio)}`,
    `detail capture on (10 min after a refusal) ratio: ${spread(loopback.detailRatio)}`,
    `realistic overhead ratio: ${spread(realistic.overheadRatio)}`,
    `realistic floor ratio: ${spread(realistic.floorRatio)}`,
    `realistic own cost over floor: ${spread(realistic.ownCostOverFloor)}`,
    `realistic listeners ratio: ${spread(realistic.listenersRatio)}`,
    `realistic detail capture on ratio: ${spread(realistic.detailRatio)}`,
    `DevTools panel built in (DevTools closed) over dist without it: ${spread(loopback.panelBuiltInRatio)}, realistic ${spread(realistic.panelBuiltInRatio)}`,
    `µs per non-401 event: ${results.worker.nonRefusalUsPerEvent}`,
    `µs per 401: ${results.worker.refusalUsPerEvent}`,
    `worker heap after 10,000 refusals: ${results.flood.heapDeltaKiB} KiB`,
    `popup time to content (50 records): ${results.popup.medianMs} ms`,
    `victim tab's badge after its 401: ${results.floodFairness.quietMedianMs} ms quiet, ${results.floodFairness.floodMedianMs} ms during another tab's 10,000-refusal flood`,
    ...Object.entries(results.bundles)
      .filter(([name]) => name !== 'devtoolsFilesTheWorkerLoads')
      .map(([name, value]) => `bundle ${name}: ${typeof value === 'number' ? `${value} KiB` : `${value.rawKiB} KiB (${value.gzipKiB} KiB gzip)`}`),
    `DevTools panel files the worker loads: ${results.bundles.devtoolsFilesTheWorkerLoads}`,
  ];
  console.log(lines.join('\n'));
  await mkdir('bench-results', { recursive: true });
  const json = `${JSON.stringify({ ...results, summary: lines }, null, 2)}\n`;
  await writeFile('bench-results/latest.json', json);
  await writeFile(`bench-results/${results.date.replace(/[:.]/g, '-')}.json`, json);
} finally {
  await site.close();
  await api.close();
}
