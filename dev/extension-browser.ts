/**
 * Starts Debian's Chromium with the built extension (dist/) loaded, and reads the extension's
 * state the way a person would see it: the toolbar badge (asked from the worker) and the popup.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { HOST_RULES } from './server-shapes';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST_DIR = resolve('dist');

/** Flags that keep Chromium from calling home on a machine with no network. */
export const QUIET_CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export interface LaunchOptions {
  headless?: boolean;
  /** Browser locale, e.g. "de-DE" (the extension's messages follow the browser's language). */
  locale?: string;
  /** Load the extension (false: the same browser without it, for comparisons). */
  withExtension?: boolean;
  extraArgs?: string[];
  /** Answer servers' sign-in challenges with these, as a person typing into the browser's dialog would. */
  httpCredentials?: { username: string; password: string };
  /** Send every request through this proxy (loopback included), with these proxy credentials if given. */
  proxy?: { server: string; username?: string; password?: string };
  /** Use this profile (a browser started again on the profile it left) instead of a new one. */
  userDataDir?: string;
  /** Load the extension from this folder instead of dist/ (the Edge package, unpacked). */
  extensionDir?: string;
  /** Show the window on this X display (e.g. ":99", a virtual one), for what only a real key press reaches; implies headful. */
  display?: string;
}

export class ExtensionBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly userDataDir: string,
  ) {}

  static async launch({ headless = true, withExtension = true, extraArgs = [], locale, httpCredentials, proxy, userDataDir: profile, extensionDir = DIST_DIR, display }: LaunchOptions = {}): Promise<ExtensionBrowser> {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (see README).`);
    if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json: run "npm run build" first.`);
    const userDataDir = profile ?? (await mkdtemp(join(tmpdir(), 'explainer-401-')));
    const extensionArgs = withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: headless && !display,
      ...(locale ? { locale } : {}),
      env: {
        ...process.env,
        ...(locale ? { LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` } : {}),
        ...(display ? { DISPLAY: display } : {}),
      },
      args: [...QUIET_CHROMIUM_FLAGS, HOST_RULES, ...extensionArgs, ...extraArgs],
      // Playwright answers these through the DevTools protocol; for a proxy it also adds
      // --proxy-bypass-list=<-loopback>, so 127.0.0.1 goes through the proxy too.
      ...(httpCredentials ? { httpCredentials } : {}),
      ...(proxy ? { proxy } : {}),
    });
    let extensionId = '';
    if (withExtension) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
    }
    return new ExtensionBrowser(context, extensionId, userDataDir);
  }

  /** The extension's service worker, waking it if it was stopped. */
  async worker(): Promise<Worker> {
    const running = this.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${this.extensionId}/`));
    if (running) return running;
    // Opening an extension page wakes the worker (the page messages it).
    const waiting = this.context.waitForEvent('serviceworker', { timeout: 15_000 });
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl('src/popup/popup.html?tabId=-2'));
    const worker = await waiting;
    await page.close();
    return worker;
  }

  extensionUrl(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  /**
   * Opens a URL in a new tab through the extension, so the test knows the tab's id for sure
   * (matching tabs by URL is ambiguous when two tabs show the same page).
   */
  async openTab(url: string): Promise<{ page: Page; tabId: number }> {
    const worker = await this.worker();
    const pageOpened = this.context.waitForEvent('page');
    const tabId = await worker.evaluate(async (target) => (await chrome.tabs.create({ url: target })).id!, url);
    return { page: await pageOpened, tabId };
  }

  async badgeText(tabId: number): Promise<string> {
    const worker = await this.worker();
    return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  async badgeTitle(tabId: number): Promise<string> {
    const worker = await this.worker();
    return worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
  }

  /** Opens the popup page for a tab (as `popup.html?tabId=N`) and waits until it shows its content. */
  async openPopup(tabId: number): Promise<Page> {
    const popup = await this.context.newPage();
    await popup.goto(this.extensionUrl(`src/popup/popup.html?tabId=${tabId}`));
    await popup.locator('main[data-complete]').waitFor(); // the details paint one frame after the verdict
    return popup;
  }

  /**
   * Stops the extension's service worker as Chrome does after 30 s idle, and checks that it
   * really restarted: a global set before the stop must be gone from the next instance.
   */
  async restartWorker(): Promise<void> {
    const before = await this.worker();
    await before.evaluate(() => {
      (globalThis as { testMarker?: number }).testMarker = 1;
    });
    await this.stopWorker();
    const after = await this.worker();
    const marker = await after.evaluate(() => (globalThis as { testMarker?: number }).testMarker);
    if (marker !== undefined) throw new Error('the service worker did not restart');
  }

  /** Until when Chrome's detail capture (extraHeaders listeners) runs; 0 when it is off. */
  async detailCaptureUntil(): Promise<number> {
    const worker = await this.worker();
    return worker.evaluate(async () => ((await chrome.storage.session.get('detailCapture:until'))['detailCapture:until'] as number | undefined) ?? 0);
  }

  /**
   * Turns detail capture on for `ms` as a restarted worker finds it (saved end time, then a restart),
   * for tests whose pages give no refusal the extension sees without it (a failed proxy handshake).
   */
  async resumeDetailCapture(ms = 10 * 60_000): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate((until) => chrome.storage.session.set({ 'detailCapture:until': until }), Date.now() + ms);
    await this.restartWorker();
  }

  /** Turns detail capture off as a restarted worker finds it ended: the next refusal is seen without extraHeaders. */
  async endDetailCapture(): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(() => chrome.storage.session.remove('detailCapture:until'));
    await this.restartWorker();
  }

  /** Stops the extension's service worker as Chrome does after 30 s idle; the next event wakes it. */
  async stopWorker(): Promise<void> {
    // Sent from an extension page so it reaches workers of the extension's own storage partition.
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl('src/popup/popup.html?tabId=-2'));
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.close();
  }

  async close(): Promise<void> {
    await this.context.close();
    await rm(this.userDataDir, { recursive: true, force: true });
  }

  /**
   * Quits the browser and starts it again on the same profile with "continue where you left off"
   * (--restore-last-session): its tabs load again as it starts, while the extension's worker is
   * still starting too.
   */
  async restartBrowser(): Promise<ExtensionBrowser> {
    await this.context.close();
    return ExtensionBrowser.launch({ userDataDir: this.userDataDir, extraArgs: ['--restore-last-session'] });
  }
}
