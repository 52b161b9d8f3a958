/**
 * The browsers the flows are recorded in, each with the bare recorder extension (dev/event-recorder/) and
 * nothing else: Debian's Chromium via playwright-core (headless, or with a window), Firefox ESR via
 * puppeteer-core (WebDriver BiDi). Both behind the same small surface (Driver, Tab).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_PATH, QUIET_CHROMIUM_FLAGS } from '../extension-browser';
import { FIREFOX_PATH } from '../firefox-browser';
import { READER_HOST, SITE_B_HOST } from './servers';

const RECORDER_DIR = resolve('dev/event-recorder');

/** Also the fixture folder: chromium-headful is Chromium with a window (under Xvfb), for the flows with a dialog. */
export type BrowserName = 'chromium' | 'chromium-headful' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'chromium-headful', 'firefox'];

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

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The part of a playwright or puppeteer page the flows use. */
export interface Tab {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  evaluate<T>(fn: () => T): Promise<T>;
  url(): string;
}

export interface LaunchOptions {
  /** Answer server challenges with these (playwright httpCredentials / puppeteer page.authenticate). */
  credentials?: { username: string; password: string };
  proxy?: { server: string; port: number; username?: string; password?: string };
}

export interface Driver {
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

export async function launchChromium(options: LaunchOptions, readerOrigin: string, headless: boolean): Promise<Driver> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'event-recorder-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: [...QUIET_CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${READER_HOST} 127.0.0.1, MAP ${SITE_B_HOST} 127.0.0.1`, `--disable-extensions-except=${RECORDER_DIR}`, `--load-extension=${RECORDER_DIR}`],
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

export async function launchFirefox(options: LaunchOptions, readerOrigin: string): Promise<Driver> {
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
      // The reader page's name and origin B's site name resolve to 127.0.0.1.
      'network.dns.localDomains': `${READER_HOST},${SITE_B_HOST}`,
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
