/**
 * Records the webRequest/webNavigation event sequences that real browsers produce for real 401/407 flows, as
 * fixtures: tests/fixtures/event-sequences/<browser>/<flow>.json, plus README.md (how each was made and what the
 * page finally showed) and the generated part of SUMMARY.md (one line per flow and browser).
 *
 *   npx tsx scripts/record-event-sequences.ts [flow-name ...] [--chromium-only | --firefox-only | --chromium-headful-only]
 *
 * Chromium runs headless (as the e2e tests do); the flows whose headless behaviour differs from a person's
 * browser (DIALOG_FLOWS: no sign-in dialog) are recorded once more with a window, under xvfb-run (Debian: xvfb,
 * xauth), into chromium-headful/, plus two flows where xdotool types alice's password into the real dialog.
 *
 * The servers are real (dev/real-servers.ts: nginx, Apache, squid, docker-registry) plus a small Node
 * site for the cross-origin and single-page flows. Each flow gets a fresh browser with the bare recorder
 * extension (dev/event-recorder/) and nothing else: Debian's Chromium via playwright-core, then
 * Firefox ESR via puppeteer-core (WebDriver BiDi). One browser at a time.
 *
 * Fixtures keep only the events of the flow's own origins. Ports are rewritten to fixed numbers (see PORTS) so a
 * new recording diffs cleanly, and timeStamp is milliseconds since the flow's first kept event.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_PATH, QUIET_CHROMIUM_FLAGS } from '../dev/extension-browser';
import { FIREFOX_PATH } from '../dev/firefox-browser';
import {
  ALICE,
  startApacheDigest,
  startNginx,
  startRegistry,
  startSquidBasic,
  startSquidNtlm,
  type RealProxy,
  type RealServer,
  type RegistryServer,
} from '../dev/real-servers';

const RECORDER_DIR = resolve('dev/event-recorder');
/** The page the recorder is checked (and, in Firefox, read) through; resolves to 127.0.0.1 in both browsers. */
const READER_HOST = 'reader.test';
const FIXTURE_DIR = resolve('tests/fixtures/event-sequences');

/** Also the fixture folder: chromium-headful is Chromium with a window (under Xvfb), for the flows with a dialog. */
type BrowserName = 'chromium' | 'chromium-headful' | 'firefox';
const BROWSERS: BrowserName[] = ['chromium', 'chromium-headful', 'firefox'];

/**
 * Flows where headless Chromium behaves unlike a person's browser: it has no sign-in dialog, so it cancels a
 * main-frame challenge at once (and leaves a fetch's pending). Recorded again with a window.
 */
const DIALOG_FLOWS = [
  'nginx-basic-no-credentials',
  'nginx-basic-answered-in-dialog',
  'nginx-api-fetch-401',
  'squid-basic-no-credentials',
  'squid-basic-answered-in-dialog',
];

/** A recorded event, as dev/event-recorder/background.js writes it. */
export interface RecordedEvent {
  event: string;
  requestId?: string;
  url?: string;
  method?: string;
  type?: string;
  tabId?: number;
  frameId?: number;
  documentId?: string;
  statusCode?: number;
  requestHeaderNames?: string[];
  requestHeaders?: Record<string, string[]>;
  responseHeaders?: Record<string, string[]>;
  timeStamp?: number;
  [field: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------
// A small Node site: two origins (A and B) for the cross-origin redirect, the single-page app and the page that
// calls the registry, and a third that only serves the page Firefox's events are read through.

interface NodeSite {
  origin: string;
  port: number;
  /** "METHOD /path auth=<scheme or -> origin=<Origin or ->" per request. */
  log: string[];
  close(): Promise<void>;
}

const REPORT = "function report(text) { const out = document.getElementById('out'); out.textContent = text; out.dataset.done = '1'; }";
const page = (title: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p id="out">Loading…</p>${
    script ? `<script>${REPORT}\n${script}</script>` : ''
  }</body></html>`;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

async function startNodeSite(route: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<NodeSite> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push(`${req.method} ${url.pathname} auth=${req.headers.authorization?.split(' ')[0] ?? '-'} origin=${req.headers.origin ?? '-'}`);
    route(req, res, url);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface Servers {
  nginx: RealServer;
  apache: RealServer;
  squidBasic: RealProxy;
  squidNtlm: RealProxy;
  registry: RegistryServer;
  siteA: NodeSite;
  siteB: NodeSite;
  reader: NodeSite;
}

async function startServers(): Promise<Servers> {
  let siteB: NodeSite | null = null;
  const siteA = await startNodeSite((_req, res, url) => {
    switch (url.pathname) {
      case '/xo-redirect':
        return send(res, 200, 'text/html; charset=utf-8', page('Cross-origin redirect', `fetch('/redirect', { headers: { Authorization: 'Bearer abc' } })
  .then((r) => report('API answered ' + r.status + ' from ' + r.url), (e) => report('API failed: ' + e));`));
      case '/redirect':
        return send(res, 302, 'text/plain', 'moved', { location: `${siteB!.origin}/api` });
      case '/spa':
        return send(res, 200, 'text/html; charset=utf-8', page('Single-page app', `fetch('/api/session').then((r) => {
  report('API answered ' + r.status);
  if (r.status === 401) location = '/login';
});`));
      case '/api/session':
        return send(res, 401, 'application/json', JSON.stringify({ error: 'login_required' }), { 'www-authenticate': 'Bearer realm="app", error="invalid_token"' });
      case '/login':
        return send(res, 200, 'text/html; charset=utf-8', page('Sign in', "report('Please sign in');"));
      case '/registry-page': {
        const registry = url.searchParams.get('registry') ?? '';
        return send(res, 200, 'text/html; charset=utf-8', page('Registry client', `fetch(${JSON.stringify(`${registry}/v2/`)})
  .then((r) => report('registry answered ' + r.status), (e) => report('registry fetch failed: ' + e));`));
      }
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  });
  siteB = await startNodeSite((req, res, url) => {
    const cors = { 'access-control-allow-origin': siteA.origin, 'access-control-expose-headers': 'WWW-Authenticate' };
    if (url.pathname !== '/api') return send(res, 404, 'text/plain', 'not found');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET' });
      return res.end();
    }
    return send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_token' }), { ...cors, 'www-authenticate': 'Bearer realm="api-b", error="invalid_token"' });
  });
  const reader = await startNodeSite((_req, res) => send(res, 200, 'text/html; charset=utf-8', page('Recorder reader')));
  // Named, not 127.0.0.1: a proxy bypass rule for a loopback address is ignored once <-loopback> sends loopback
  // through the proxy (Chromium), and a name keeps the reader's load away from the proxy under test.
  reader.origin = `http://${READER_HOST}:${reader.port}`;
  const [nginx, apache, squidBasic, squidNtlm, registry] = [await startNginx(), await startApacheDigest(), await startSquidBasic(), await startSquidNtlm(), await startRegistry()];
  return { nginx, apache, squidBasic, squidNtlm, registry, siteA, siteB, reader };
}

// ---------------------------------------------------------------------------------------------------------
// Browsers: the same small surface over playwright (Chromium) and puppeteer (Firefox).

/** The part of a playwright or puppeteer page the flows use. */
interface Tab {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  evaluate<T>(fn: () => T): Promise<T>;
  url(): string;
}

interface LaunchOptions {
  /** Answer server challenges with these (playwright httpCredentials / puppeteer page.authenticate). */
  credentials?: { username: string; password: string };
  proxy?: { server: string; port: number; username?: string; password?: string };
}

interface Driver {
  name: BrowserName;
  version: string;
  newTab(): Promise<Tab>;
  events(): Promise<RecordedEvent[]>;
  /** Tells the recorder to answer sign-in prompts (server and proxy) in onAuthRequired, once per request. */
  answerAuthWith(credentials: { username: string; password: string }): Promise<void>;
  /** How credentials were given, for the README. */
  credentialsHow: string;
  close(): Promise<void>;
}

function browserVersion(path: string): string {
  return spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * Waits until the recorder has seen the reader page load: its listeners are in place, so the flow's first
 * request is recorded (a worker's listeners come some 100 ms after the browser says the worker is there).
 */
async function waitForRecorder(events: () => Promise<RecordedEvent[]>, readerOrigin: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await events().catch(() => [] as RecordedEvent[])).some((e) => e.event === 'onCompleted' && e.url?.startsWith(readerOrigin))) {
    if (Date.now() > deadline) throw new Error('the recorder extension recorded nothing within 15 s');
    await sleep(100);
  }
}

async function launchChromium(options: LaunchOptions, readerOrigin: string, headless: boolean): Promise<Driver> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'event-recorder-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: [...QUIET_CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${READER_HOST} 127.0.0.1`, `--disable-extensions-except=${RECORDER_DIR}`, `--load-extension=${RECORDER_DIR}`],
    ...(options.credentials ? { httpCredentials: options.credentials } : {}),
    // playwright adds --proxy-server and --proxy-bypass-list=<-loopback> (so 127.0.0.1 goes through the proxy);
    // the reader page stays out of the proxy's way (its load would authenticate the proxy before the flow).
    ...(options.proxy
      ? { proxy: { server: options.proxy.server, bypass: new URL(readerOrigin).host, username: options.proxy.username, password: options.proxy.password } }
      : {}),
  });
  try {
    return await chromiumDriver(context, options, readerOrigin, userDataDir, headless);
  } catch (error) {
    await context.close();
    throw error;
  }
}

async function chromiumDriver(context: BrowserContext, options: LaunchOptions, readerOrigin: string, userDataDir: string, headless: boolean): Promise<Driver> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const events = () => worker.evaluate(() => (globalThis as unknown as { events?: RecordedEvent[] }).events ?? []);
  // The tab the persistent context opened shows the reader page until the recorder is seen recording.
  const reader = context.pages()[0] ?? (await context.newPage());
  const loading = reader.goto(`${readerOrigin}/`).catch(() => null);
  await waitForRecorder(async () => {
    const seen = await events();
    // Listeners registered after the reader page started loading: load it again.
    if (!seen.some((e) => e.url?.startsWith(readerOrigin))) void reader.goto(`${readerOrigin}/?again`).catch(() => null);
    return seen;
  }, readerOrigin);
  await loading;
  return {
    name: headless ? 'chromium' : 'chromium-headful',
    version: `${browserVersion(CHROMIUM_PATH)}${headless ? ' (headless)' : ' (with a window, under Xvfb)'}`,
    credentialsHow: options.credentials
      ? 'playwright httpCredentials (CDP Fetch.authRequired → ProvideCredentials)'
      : options.proxy?.username
        ? 'playwright proxy username/password (CDP Fetch.authRequired → ProvideCredentials)'
        : 'none',
    newTab: async () => (await context.newPage()) as unknown as Tab,
    events,
    answerAuthWith: async (credentials) => {
      await worker.evaluate((c) => (globalThis as unknown as { answerAuthWith(c: unknown): boolean }).answerAuthWith(c), credentials);
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Asks the recorder through bridge.js in a page of 127.0.0.1 (Firefox). */
async function ask(reader: PuppeteerPage, detail: string): Promise<unknown> {
  const answer = await reader.evaluate(
    (question) =>
      new Promise<string>((done) => {
        document.addEventListener('recorder:answer', (event) => done((event as CustomEvent<string>).detail), { once: true });
        document.dispatchEvent(new CustomEvent('recorder:ask', { detail: question }));
      }),
    detail,
  );
  return JSON.parse(answer) as unknown;
}

async function launchFirefox(options: LaunchOptions, readerOrigin: string): Promise<Driver> {
  const proxyPrefs = options.proxy
    ? {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': options.proxy.port,
        'network.proxy.share_proxy_settings': false,
        // Only the reader page goes direct (its load would authenticate the proxy before the flow).
        'network.proxy.no_proxies_on': READER_HOST,
        // Without this Firefox never sends 127.0.0.1/localhost through a proxy.
        'network.proxy.allow_hijacking_localhost': true,
      }
    : {};
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // The reader page's name resolves to 127.0.0.1.
      'network.dns.localDomains': READER_HOST,
      // Keep the recorder's background page (and its in-memory events) alive for the whole flow.
      'extensions.background.idle.timeout': 3_600_000,
      ...proxyPrefs,
    },
  });
  try {
    return await firefoxDriver(browser, options, readerOrigin);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function firefoxDriver(browser: PuppeteerBrowser, options: LaunchOptions, readerOrigin: string): Promise<Driver> {
  await browser.installExtension(RECORDER_DIR);
  // The page through which the events are read (bridge.js): on its own origin, so its events are dropped.
  const reader = await browser.newPage();
  await reader.goto(`${readerOrigin}/`);
  const readEvents = async () => {
    const parsed = (await ask(reader, 'events')) as { events?: RecordedEvent[]; error?: string };
    if (!parsed.events) throw new Error(`the recorder did not answer: ${parsed.error}`);
    return parsed.events;
  };
  await waitForRecorder(async () => {
    const seen = await readEvents();
    if (!seen.some((e) => e.url?.startsWith(readerOrigin))) await reader.goto(`${readerOrigin}/?again`);
    return seen;
  }, readerOrigin);
  const credentials = options.credentials ?? (options.proxy?.username ? { username: options.proxy.username, password: options.proxy.password ?? '' } : undefined);
  return {
    name: 'firefox',
    version: browserVersion(FIREFOX_PATH),
    credentialsHow: credentials ? 'puppeteer page.authenticate() (WebDriver BiDi network.continueWithAuth)' : 'none',
    newTab: async () => {
      const tab: PuppeteerPage = await browser.newPage();
      if (credentials) await tab.authenticate(credentials);
      return tab as unknown as Tab;
    },
    events: readEvents,
    answerAuthWith: async (credentials) => {
      const parsed = (await ask(reader, JSON.stringify({ answerAuthWith: credentials }))) as { ok?: boolean; error?: string };
      if (!parsed.ok) throw new Error(`the recorder did not take the credentials: ${parsed.error}`);
    },
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Flows.

interface FlowContext {
  servers: Servers;
  driver: Driver;
  /** Events so far (all origins). */
  events(): Promise<RecordedEvent[]>;
  /** Waits until an event matching `test` was recorded. */
  waitForEvent(test: (event: RecordedEvent) => boolean, timeoutMs?: number): Promise<RecordedEvent>;
}

interface FlowResult {
  /** What the person finally sees. */
  visible: string;
  /** Keep events from this index on (e.g. only the second load). */
  fromIndex?: number;
  notes?: string[];
}

interface Flow {
  name: string;
  /** Only in these browsers (default: all; chromium-headful runs DIALOG_FLOWS only). */
  browsers?: BrowserName[];
  /** How it is produced (README). */
  how: string;
  /** The origins whose events are kept. */
  origins(servers: Servers): string[];
  launch(servers: Servers): LaunchOptions;
  run(context: FlowContext): Promise<FlowResult>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Starts a navigation that may never finish (a sign-in dialog holds it); failures are for the events to tell. */
function navigate(tab: Tab, url: string): void {
  tab.goto(url, { timeout: 60_000 }).catch(() => {});
}

/** What the page's script reported in #out (or what it shows after `timeout` if it never reported). */
async function text(tab: Tab, timeout = 10_000): Promise<string> {
  const reported = await tab.waitForSelector('#out[data-done]', { timeout }).then(
    () => true,
    () => false,
  );
  const shown = await tab.evaluate(() => `${document.title}: ${document.querySelector('#out')?.textContent ?? document.body.innerText.slice(0, 120)}`).catch(() => '(page not readable)');
  return reported ? shown : `${shown} (the script had not reported after ${timeout / 1000} s)`;
}

/** Lines a server added to one of its logs since `before` (a length of that log). */
function logSince(server: { readFile(name: string): string }, name: string, before: number): string[] {
  return server.readFile(name).slice(before).trim().split('\n').filter(Boolean);
}

/** The final main-frame answer and what the tab shows, from the events and the page. */
async function mainFrameOutcome(context: FlowContext, tab: Tab, origin: string, fromIndex = 0): Promise<string> {
  const all = (await context.events()).slice(fromIndex);
  const events = all.filter((e) => e.type === 'main_frame' && e.url?.startsWith(origin));
  const completed = events.filter((e) => e.event === 'onCompleted').at(-1);
  const failed = events.filter((e) => e.event === 'onErrorOccurred').at(-1);
  // The tab's last word on the navigation: an error page (Chromium commits one under its sign-in dialog) or a commit.
  const lastNav = all.filter((e) => (e.event === 'nav.onErrorOccurred' || e.event === 'nav.onCommitted') && e.url?.startsWith(origin) && e.frameId === 0).at(-1);
  const navError = lastNav?.event === 'nav.onErrorOccurred' ? lastNav : undefined;
  const committed = lastNav?.event === 'nav.onCommitted';
  const body = await Promise.race([
    tab.evaluate(() => `${document.title || '(no title)'}: ${(document.body?.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 100)}`),
    sleep(3_000).then(() => '(page did not answer)'),
  ]).catch((error: unknown) => `(page not readable: ${String(error).split('\n')[0]})`);
  const navigation = navError ? `navigation failed with ${String(navError.error)}` : committed ? 'committed' : 'nothing committed: held at the sign-in prompt';
  if (completed) return `main frame completed with ${completed.statusCode}, ${navigation}; tab shows ${body}`;
  if (failed) return `main frame failed with ${String(failed.error)}, ${navigation}; tab shows ${body}`;
  const last = events.filter((e) => e.statusCode).at(-1);
  return `main frame not completed (last status ${last?.statusCode ?? 'none'}), ${navigation}; tab shows ${body}`;
}

const FLOWS: Flow[] = [
  {
    name: 'nginx-basic-no-credentials',
    how: 'open nginx /basic/ (auth_basic) with no credentials; wait 2 s after the 401',
    origins: (s) => [s.nginx.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/basic/`);
      await c.waitForEvent((e) => e.event === 'onHeadersReceived' && e.statusCode === 401);
      await sleep(2_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'nginx-basic-answered',
    how: 'open nginx /basic/ with alice/wonderland given to the browser driver, answered at the sign-in prompt',
    origins: (s) => [s.nginx.origin],
    launch: () => ({ credentials: ALICE }),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/basic/`);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame');
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'nginx-api-fetch-401',
    how: "open nginx /app.html (open); its script's fetch('/api/data') gets nginx's Basic 401 (no credentials)",
    origins: (s) => [s.nginx.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/app.html`);
      const shown = await text(tab);
      await sleep(1_000);
      return { visible: shown };
    },
  },
  {
    name: 'apache-digest-stale',
    how: 'open Apache /digest/ (Digest, nonce lifetime 2 s) with alice/wonderland given to the driver, wait 3 s, open it again in the same tab; only the second load is kept',
    origins: (s) => [s.apache.origin],
    launch: () => ({ credentials: ALICE }),
    run: async (c) => {
      const logBefore = c.servers.apache.readFile('access.log').length;
      const tab = await c.driver.newTab();
      const url = `${c.servers.apache.origin}/digest/`;
      navigate(tab, url);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame');
      await sleep(3_000);
      const fromIndex = (await c.events()).length;
      navigate(tab, `${url}?again=1`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame' && String(e.url).includes('again=1'));
      await sleep(500);
      const log = logSince(c.servers.apache, 'access.log', logBefore).map((line) => line.replace(/auth="Digest .*nonce=\\"([^\\]*)\\".*nc=([0-9a-f]+).*"/, 'auth=Digest nonce=$1 nc=$2'));
      return { visible: await mainFrameOutcome(c, tab, c.servers.apache.origin, fromIndex), fromIndex, notes: ['Apache access.log (first and second load):', ...log] };
    },
  },
  {
    name: 'squid-basic-no-credentials',
    how: 'browser set to use squid (Basic proxy auth) for everything, 127.0.0.1 included; open nginx / (open) with no proxy credentials; wait 2 s after the 407',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidBasic.server, port: s.squidBasic.port } }),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => e.event === 'onHeadersReceived' && e.statusCode === 407);
      await sleep(2_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'squid-basic-answered',
    how: 'browser set to use squid (Basic proxy auth); open nginx / with proxy credentials alice/wonderland given to the driver',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidBasic.server, port: s.squidBasic.port, ...ALICE } }),
    run: async (c) => {
      const logBefore = c.servers.squidBasic.readFile('access.log').length;
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame');
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin), notes: ['squid access.log:', ...logSince(c.servers.squidBasic, 'access.log', logBefore)] };
    },
  },
  {
    name: 'squid-ntlm-answered',
    how: 'browser set to use squid with NTLM proxy auth (ntlm_fake_auth: any password passes); open nginx / with proxy credentials alice/wonderland given to the driver',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidNtlm.server, port: s.squidNtlm.port, ...ALICE } }),
    run: async (c) => {
      const logBefore = c.servers.squidNtlm.readFile('access.log').length;
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame', 15_000).catch(() => null);
      await sleep(1_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin), notes: ['squid access.log:', ...logSince(c.servers.squidNtlm, 'access.log', logBefore)] };
    },
  },
  {
    name: 'cross-origin-redirect-drops-authorization',
    how: "page on Node origin A calls fetch('/redirect', { headers: { Authorization: 'Bearer abc' } }); A answers 302 to origin B /api, which answers 401 Bearer (CORS-readable)",
    origins: (s) => [s.siteA.origin, s.siteB.origin],
    launch: () => ({}),
    run: async (c) => {
      const before = { a: c.servers.siteA.log.length, b: c.servers.siteB.log.length };
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/xo-redirect`);
      const shown = await text(tab);
      await sleep(1_000);
      return {
        visible: shown,
        notes: ['what the servers received:', ...c.servers.siteA.log.slice(before.a).map((l) => `A: ${l}`), ...c.servers.siteB.log.slice(before.b).map((l) => `B: ${l}`)],
      };
    },
  },
  {
    name: 'spa-401-then-login',
    how: "page on Node origin A fetches /api/session (401 Bearer), then its script sets location = '/login' (200)",
    origins: (s) => [s.siteA.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/spa`);
      await c.waitForEvent((e) => e.event === 'nav.onCompleted' && String(e.url).endsWith('/login'));
      await sleep(500);
      return { visible: await text(tab) };
    },
  },
  {
    name: 'registry-401',
    how: 'page on Node origin A fetches the docker-registry /v2/ (cross-origin, no CORS headers); then the tab navigates to the registry /v2/library/alpine/manifests/latest',
    origins: (s) => [s.siteA.origin, s.registry.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/registry-page?registry=${encodeURIComponent(c.servers.registry.origin)}`);
      const fetched = await text(tab);
      const manifest = `${c.servers.registry.origin}/v2/library/alpine/manifests/latest`;
      navigate(tab, manifest);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame' && e.url === manifest);
      await sleep(500);
      return { visible: `page fetch: ${fetched} | then ${await mainFrameOutcome(c, tab, c.servers.registry.origin)}` };
    },
  },
];

/**
 * The same flow with the credentials given by the recorder extension in onAuthRequired instead of the browser
 * driver: what another extension sees when a person answers the sign-in dialog (the driver's DevTools/BiDi
 * answer comes before, and in Chromium instead of, the extensions' onAuthRequired).
 */
function answeredByExtension(flow: Flow): Flow {
  return {
    ...flow,
    name: `${flow.name}-by-extension`,
    how: `${flow.how.replace(/ given to the (browser )?driver/g, '')}; the credentials are given by the recorder extension in a blocking onAuthRequired listener, not by the driver`,
    launch: (servers) => {
      const options = flow.launch(servers);
      return { ...(options.proxy ? { proxy: { server: options.proxy.server, port: options.proxy.port } } : {}) };
    },
    run: async (context) => {
      await context.driver.answerAuthWith(ALICE);
      return flow.run(context);
    },
  };
}
/**
 * The same flow answered the way a person does: the user name and password typed into Chromium's own sign-in
 * dialog (xdotool, in the window under Xvfb). Only Chromium with a window has that dialog here.
 */
function answeredInDialog(flow: Flow, challenge: 401 | 407): Flow {
  return {
    ...flow,
    name: `${flow.name}-in-dialog`,
    browsers: ['chromium-headful'],
    how: `${flow.how.replace(/ given to the (browser )?driver/g, '')}; typed into Chromium's sign-in dialog with xdotool (Chromium with a window under Xvfb)`,
    launch: (servers) => {
      const options = flow.launch(servers);
      return { ...(options.proxy ? { proxy: { server: options.proxy.server, port: options.proxy.port } } : {}) };
    },
    run: async (c) => {
      const origin = c.servers.nginx.origin;
      const tab = await c.driver.newTab();
      navigate(tab, `${origin}${flow.name.startsWith('nginx') ? '/basic/' : '/'}`);
      await c.waitForEvent((e) => e.event === 'onAuthRequired' && e.statusCode === challenge);
      await sleep(1_500); // the dialog comes once the error page has committed
      const typed = spawnSync('sh', ['-c', `xdotool type --delay 20 '${ALICE.username}' && xdotool key Tab && xdotool type --delay 20 '${ALICE.password}' && xdotool key Return`], { encoding: 'utf8' });
      if (typed.status !== 0) throw new Error(`xdotool failed (apt-get install -y xdotool): ${typed.stderr}`);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame' && e.statusCode === 200);
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, origin) };
    },
  };
}

for (const name of ['nginx-basic-answered', 'apache-digest-stale', 'squid-basic-answered', 'squid-ntlm-answered']) {
  const flow = FLOWS.find((f) => f.name === name)!;
  const variants = [answeredByExtension(flow)];
  if (name === 'nginx-basic-answered') variants.push(answeredInDialog(flow, 401));
  if (name === 'squid-basic-answered') variants.push(answeredInDialog(flow, 407));
  FLOWS.splice(FLOWS.indexOf(flow) + 1, 0, ...variants);
}

// ---------------------------------------------------------------------------------------------------------
// Normalising: fixed ports, relative time, only the flow's origins.

/** Fixed ports the fixtures use instead of the random ones of a run. */
const PORTS = { nginx: 8081, apache: 8082, siteA: 8001, siteB: 8002, registry: 5000, tokenRealm: 5001, squidBasic: 3128, squidNtlm: 3129 } as const;

function portMap(servers: Servers): Map<number, number> {
  return new Map<number, number>([
    [servers.nginx.port, PORTS.nginx],
    [servers.apache.port, PORTS.apache],
    [servers.siteA.port, PORTS.siteA],
    [servers.siteB.port, PORTS.siteB],
    [servers.registry.port, PORTS.registry],
    [Number(new URL(servers.registry.tokenRealm).port), PORTS.tokenRealm],
    [servers.squidBasic.port, PORTS.squidBasic],
    [servers.squidNtlm.port, PORTS.squidNtlm],
  ]);
}

function rewritePorts<T>(value: T, ports: Map<number, number>): T {
  // Plain and percent-encoded (a URL inside a query string).
  const rewrite = (text: string) =>
    text.replace(/127\.0\.0\.1(:|%3A)(\d+)/gi, (whole, colon: string, port: string) => (ports.has(Number(port)) ? `127.0.0.1${colon}${ports.get(Number(port))}` : whole));
  const walk = (item: unknown, key = ''): unknown => {
    if (typeof item === 'string') return rewrite(item);
    if (typeof item === 'number' && key === 'port') return ports.get(item) ?? item;
    if (Array.isArray(item)) return item.map((entry) => walk(entry));
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v, k)]));
    return item;
  };
  return walk(value) as T;
}

function keep(events: RecordedEvent[], origins: string[]): RecordedEvent[] {
  const hosts = new Set(origins.map((origin) => new URL(origin).host));
  const kept = events.filter((e) => (e.event.startsWith('recorder.') && e.event !== 'recorder.started') || (e.url !== undefined && URL.canParse(e.url) && hosts.has(new URL(e.url).host)));
  // Arrival order is kept (what a listener lives through); time counts from the earliest event, which in
  // Firefox may arrive after later-stamped webNavigation events.
  const start = Math.min(...kept.map((e) => (typeof e.timeStamp === 'number' ? e.timeStamp : Infinity)));
  return kept.map((e) => (typeof e.timeStamp === 'number' && Number.isFinite(start) ? { ...e, timeStamp: Math.round((e.timeStamp - start) * 10) / 10 } : e));
}

// ---------------------------------------------------------------------------------------------------------
// One line per sequence, for SUMMARY.md.

const SHORT: Record<string, string> = {
  onBeforeRequest: 'BeforeRequest',
  onBeforeSendHeaders: 'BeforeSendHeaders',
  onSendHeaders: 'SendHeaders',
  onHeadersReceived: 'HeadersReceived',
  onAuthRequired: 'AuthRequired',
  onBeforeRedirect: 'BeforeRedirect',
  onResponseStarted: 'ResponseStarted',
  onCompleted: 'Completed',
  onErrorOccurred: 'ErrorOccurred',
  'recorder.answeredAuth': 'RecorderAnsweredAuth',
};

export function sequenceLine(events: RecordedEvent[]): string {
  const ids = new Map<string, number>();
  let previous = '';
  const parts: string[] = [];
  for (const e of events) {
    if (e.event.startsWith('nav.')) {
      const path = e.url ? new URL(e.url).pathname : '';
      parts.push(`nav.${e.event.slice(6)}(${path}${e.documentId ? ` doc ${String(e.documentId).slice(0, 6)}` : ''})`);
      previous = '';
      continue;
    }
    if (!e.requestId) continue;
    if (!ids.has(e.requestId)) ids.set(e.requestId, ids.size + 1);
    let label = SHORT[e.event] ?? e.event;
    const details: string[] = [];
    if (e.statusCode) details.push(String(e.statusCode));
    const auth = e.requestHeaders?.authorization?.[0];
    const proxyAuth = e.requestHeaders?.['proxy-authorization']?.[0];
    if (e.event === 'onSendHeaders' || e.event === 'onBeforeSendHeaders') {
      if (auth) details.push(`Authorization: ${auth}`);
      if (proxyAuth) details.push(`Proxy-Authorization: ${proxyAuth}`);
    }
    if (e.event === 'onBeforeRedirect' && typeof e.redirectUrl === 'string') details.push(`→ ${e.redirectUrl.replace(/^http:\/\/127\.0\.0\.1/, '')}`);
    if (e.event === 'onErrorOccurred' && typeof e.error === 'string') details.push(e.error);
    if (details.length) label += `(${details.join(', ')})`;
    if (e.requestId !== previous) {
      const url = e.url ? new URL(e.url) : null;
      label = `[#${ids.get(e.requestId)} ${e.type} ${e.method} ${url ? url.pathname + url.search : ''}] ${label}`;
    }
    previous = e.requestId;
    parts.push(label);
  }
  return parts.join(' → ');
}

// ---------------------------------------------------------------------------------------------------------

interface Recorded {
  flow: string;
  browser: BrowserName;
  visible: string;
  line: string;
  credentialsHow: string;
}

async function recordFlow(flow: Flow, browser: BrowserName, servers: Servers): Promise<Recorded> {
  const options = flow.launch(servers);
  const driver =
    browser === 'firefox' ? await launchFirefox(options, servers.reader.origin) : await launchChromium(options, servers.reader.origin, browser === 'chromium');
  try {
    const context: FlowContext = {
      servers,
      driver,
      events: () => driver.events(),
      waitForEvent: async (test, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = (await driver.events()).find(test);
          if (found) return found;
          if (Date.now() > deadline) throw new Error(`${flow.name} (${browser}): the awaited event did not come within ${timeoutMs / 1000} s`);
          await sleep(100);
        }
      },
    };
    const result = await flow.run(context);
    const events = keep((await driver.events()).slice(result.fromIndex ?? 0), flow.origins(servers));
    const ports = portMap(servers);
    const credentialsHow = flow.name.endsWith('-by-extension') ? 'the recorder extension (blocking onAuthRequired → authCredentials)' : driver.credentialsHow;
    const fixture = rewritePorts(
      {
        flow: flow.name,
        browser: driver.version,
        producedBy: 'npx tsx scripts/record-event-sequences.ts',
        how: flow.how,
        credentials: credentialsHow,
        visible: result.visible,
        notes: result.notes ?? [],
        ports: 'rewritten to fixed numbers: nginx 8081, Apache 8082, Node origin A 8001, B 8002, registry 5000 (token realm 5001), squid Basic 3128, squid NTLM 3129',
        events,
      },
      ports,
    );
    const dir = join(FIXTURE_DIR, browser);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${flow.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
    const line = sequenceLine(fixture.events);
    console.log(`${browser} ${flow.name}: ${events.length} events; ${fixture.visible}\n  ${line}`);
    return { flow: flow.name, browser, visible: fixture.visible, line, credentialsHow };
  } finally {
    await driver.close();
  }
}

function writeReadme(results: Recorded[]): void {
  const lines = [
    '# Recorded webRequest/webNavigation event sequences',
    '',
    'Made by `npx tsx scripts/record-event-sequences.ts` (real nginx, Apache httpd, squid and docker-registry from',
    "Debian's packages, started by dev/real-servers.ts, plus a small Node site), with the bare recorder",
    "extension dev/event-recorder/ in Debian's Chromium (playwright-core) and Firefox ESR (puppeteer-core,",
    'WebDriver BiDi). Each flow runs in a fresh browser profile. Only the events of the flow\'s own origins are kept;',
    'ports are rewritten to fixed numbers (nginx 8081, Apache 8082, Node origin A 8001, B 8002, registry 5000, its',
    'token realm 5001, squid Basic 3128, squid NTLM 3129); `timeStamp` is ms since the first kept event. Header',
    'values are kept only for WWW-Authenticate, Proxy-Authenticate, Location and Access-Control-Allow-Origin; of',
    'Authorization and Proxy-Authorization only the scheme word. One-line sequences and findings: SUMMARY.md.',
    '',
    '| flow | how it was produced | browser | credentials given by | what was finally visible |',
    '|---|---|---|---|---|',
  ];
  for (const result of results) {
    const flow = FLOWS.find((f) => f.name === result.flow)!;
    lines.push(`| \`${result.flow}\` | ${flow.how} | ${result.browser} | ${result.credentialsHow} | ${result.visible.replace(/\|/g, '\\|')} |`);
  }
  writeFileSync(join(FIXTURE_DIR, 'README.md'), `${lines.join('\n')}\n`);
}

const START = '<!-- sequences:start (generated by scripts/record-event-sequences.ts) -->';
const END = '<!-- sequences:end -->';

function writeSummarySequences(results: Recorded[]): void {
  const path = join(FIXTURE_DIR, 'SUMMARY.md');
  const generated = [
    START,
    '',
    'Legend: `[#n type METHOD path]` starts the events of request n (a new requestId); `nav.X(path doc abcdef)` is a',
    'webNavigation event with the first 6 characters of its documentId; `(401)` is the status; `SendHeaders(Authorization: Basic)`',
    'means the request carried that header (scheme only).',
    '',
  ];
  for (const flow of FLOWS) {
    const forFlow = results.filter((r) => r.flow === flow.name);
    if (!forFlow.length) continue;
    generated.push(`### ${flow.name}`, '');
    for (const result of forFlow) generated.push(`- **${result.browser}**: ${result.line}`, '');
  }
  generated.push(END);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : `# Event sequences: summary\n\n${START}\n${END}\n`;
  const before = existing.includes(START) ? existing.slice(0, existing.indexOf(START)) : `${existing}\n`;
  const after = existing.includes(END) ? existing.slice(existing.indexOf(END) + END.length) : '\n';
  writeFileSync(path, `${before}${generated.join('\n')}${after}`);
}

/**
 * Chromium with a window needs a display: without one, the headful part runs as a child process under xvfb-run
 * (Debian package xvfb); without xvfb-run it is skipped with a note.
 */
function recordHeadfulInChild(flows: Flow[]): void {
  const names = flows.filter((f) => DIALOG_FLOWS.includes(f.name)).map((f) => f.name);
  if (!names.length) return;
  const self = fileURLToPath(import.meta.url);
  const command = process.env.DISPLAY
    ? [process.execPath, ...process.execArgv, self]
    : ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', process.execPath, ...process.execArgv, self];
  if (!process.env.DISPLAY && !existsSync('/usr/bin/xvfb-run')) {
    console.log('chromium-headful: skipped (no DISPLAY and no xvfb-run: apt-get install -y xvfb xauth xdotool)');
    return;
  }
  const run = spawnSync(command[0]!, [...command.slice(1), '--chromium-headful-only', ...names], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the chromium-headful recording failed (exit ${run.status})`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = args.filter((a) => !a.startsWith('--'));
  const only = args.find((a) => a.endsWith('-only'))?.replace(/^--|-only$/g, '');
  if (only && !BROWSERS.includes(only as BrowserName)) throw new Error(`unknown option --${only}-only; known: ${BROWSERS.map((b) => `--${b}-only`).join(', ')}`);
  const flows = wanted.length ? FLOWS.filter((f) => wanted.includes(f.name)) : FLOWS;
  if (wanted.length && flows.length !== wanted.length) throw new Error(`unknown flow; known: ${FLOWS.map((f) => f.name).join(', ')}`);
  const browsers = (only ? [only as BrowserName] : BROWSERS).filter((b) => b !== 'chromium-headful' || (only === b && process.env.DISPLAY));
  if (only === 'chromium-headful' && !process.env.DISPLAY) throw new Error('--chromium-headful-only needs a display: run it under xvfb-run -a');
  const servers = await startServers();
  const results: Recorded[] = [];
  try {
    for (const browser of browsers) {
      for (const flow of flows) {
        if (browser === 'chromium-headful' && !DIALOG_FLOWS.includes(flow.name)) continue;
        if (flow.browsers && !flow.browsers.includes(browser)) continue;
        results.push(await recordFlow(flow, browser, servers));
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server: { close(): Promise<void> }) => server.close()));
  }
  if (only === 'chromium-headful') return; // the parent process writes README and SUMMARY
  if (!only) recordHeadfulInChild(flows);
  // README and SUMMARY list every fixture: read back the ones this run did not record.
  const all: Recorded[] = [];
  for (const browser of BROWSERS) {
    for (const flow of FLOWS) {
      const fresh = results.find((r) => r.flow === flow.name && r.browser === browser);
      if (fresh) {
        all.push(fresh);
        continue;
      }
      const file = join(FIXTURE_DIR, browser, `${flow.name}.json`);
      if (!existsSync(file)) continue;
      const fixture = JSON.parse(readFileSync(file, 'utf8')) as { visible: string; credentials: string; events: RecordedEvent[] };
      all.push({ flow: flow.name, browser, visible: fixture.visible, line: sequenceLine(fixture.events), credentialsHow: fixture.credentials });
    }
  }
  writeReadme(all);
  writeSummarySequences(all);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
