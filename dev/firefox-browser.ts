/**
 * Firefox ESR (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, with
 * dist-firefox/ installed as a temporary add-on.
 *
 * Extension pages are opened directly, as in Chromium: the add-on's internal UUID is pinned with the
 * `extensions.webextensions.uuids` preference (keyed by its gecko id), Firefox is started with
 * `--remote-allow-system-access` (BiDi refuses to navigate to moz-extension:// without it, Firefox
 * 153 ESR: "not allowed in this context"), and navigation does not wait for a load event BiDi never
 * reports for extension pages (puppeteer issue 14314): it returns at once and the test waits for the
 * page's own ready marker. Permission prompts are answered "allow" by a preference (Firefox shows
 * them in its chrome, out of the driver's reach); the test that needs a refusal says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page, type Target } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_DIST_DIR = resolve('dist-firefox');
/** Any fixed UUID: the extension's pages live at moz-extension://<this>/. */
const ADDON_UUID = '4e1d0c4a-4010-4401-8401-401401401401';

type Api = typeof chrome;

/** Navigates `page` without waiting for a load event (see above). */
async function navigateNoWait(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'none'): Promise<void> } };
  await frame.browsingContext.navigate(url, 'none');
}

export class FirefoxExtensionBrowser {
  /** An extension page kept open to ask the extension questions (badges, tabs, permissions). */
  private probePage: Page | null = null;

  private constructor(readonly browser: Browser) {}

  /** With `display` (an X display such as ":99", a virtual one) the window is shown there, for what only a real key press reaches. */
  static async launch({ display }: { display?: string } = {}): Promise<FirefoxExtensionBrowser> {
    if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox not found at ${FIREFOX_PATH}: run "apt-get install -y firefox-esr" (see README).`);
    const manifestPath = resolve(FIREFOX_DIST_DIR, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error('dist-firefox/ is missing: run "npm run build" first.');
    const addonId: string = JSON.parse(readFileSync(manifestPath, 'utf8')).browser_specific_settings.gecko.id;
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: !display,
      ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: ADDON_UUID }),
        // Optional permissions (browsingData, cookies, proxy, host access) are granted without the prompt.
        'extensions.webextOptionalPermissionPrompts': false,
        // The made-up *.test hosts (cross-site and plain-http cases) resolve to this machine, as HOST_RULES does in Chromium.
        'network.dns.forceResolve': '127.0.0.1',
        // Keep Firefox from calling home on a machine without network.
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    });
    await browser.installExtension(FIREFOX_DIST_DIR);
    return new FirefoxExtensionBrowser(browser);
  }

  extensionUrl(path: string): string {
    return `moz-extension://${ADDON_UUID}/${path}`;
  }

  /** Opens an extension page in a new tab (at `viewport`'s size, when given) and waits until `ready` matches in it. */
  async openExtensionPage(path: string, ready = 'main[data-complete]', viewport?: { width: number; height: number }): Promise<Page> {
    const page = await this.browser.newPage();
    if (viewport) await page.setViewport(viewport);
    await navigateNoWait(page, this.extensionUrl(path));
    await page.waitForSelector(ready);
    return page;
  }

  /** An extension page (opened on first use) where scripts reach the extension's API as `browser`. */
  async probe(): Promise<Page> {
    this.probePage ??= await this.openExtensionPage('src/popup/popup.html?tabId=-2', 'main');
    return this.probePage;
  }

  async newPage(url: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(url);
    return page;
  }

  /**
   * Opens `url` in a new tab through the extension, so the tab id is known for sure, without
   * waiting for it to load (a page held at a sign-in prompt never does).
   */
  async openTab(url: string): Promise<{ page: Page; tabId: number }> {
    const probe = await this.probe();
    const opened = new Promise<Target>((resolveTarget) => this.browser.once('targetcreated', resolveTarget));
    const tabId = await probe.evaluate(async (target) => (await (globalThis as unknown as { browser: Api }).browser.tabs.create({ url: target })).id!, url);
    return { page: (await (await opened).page())!, tabId };
  }

  /** Closes every tab but the probe (a failed test may leave a page held at a prompt, which slows the rest). */
  async closeOtherTabs(): Promise<void> {
    const probe = await this.probe();
    await probe.evaluate(async () => {
      const api = (globalThis as unknown as { browser: Api }).browser;
      const self = (await api.tabs.getCurrent())?.id;
      const others = (await api.tabs.query({})).map((t) => t.id!).filter((id) => id !== self);
      if (others.length) await api.tabs.remove(others);
    });
  }

  /** The tab id of the tab showing `page` (the newest one with its address). */
  async tabIdOf(page: Page): Promise<number> {
    // Every tab is read and compared: a match pattern cannot hold the test servers' ports.
    const id = await (await this.probe()).evaluate(async (target) => {
      const ids = (await (globalThis as unknown as { browser: Api }).browser.tabs.query({})).filter((t) => t.url === target).map((t) => t.id ?? -1);
      return ids.length ? Math.max(...ids) : null;
    }, page.url());
    if (id === null) throw new Error(`no tab shows ${page.url()}`);
    return id;
  }

  /** Opens the popup page for a tab (as `popup.html?tabId=N`) and waits until it shows its content. */
  openPopup(tabId: number, viewport?: { width: number; height: number }): Promise<Page> {
    return this.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`, 'main[data-complete]', viewport);
  }

  /**
   * The popup for `tabId` as Firefox for Android shows it (for tests and screenshots; Firefox ESR on Linux
   * runs here): Firefox runs no preload script in extension pages, so a loaded popup page is told
   * `runtime.getPlatformInfo().os` is "android" and then runs the popup's own script again (the same
   * file under another URL, so it is evaluated anew).
   */
  async openPopupAsOnAndroid(tabId: number, viewport: { width: number; height: number }): Promise<Page> {
    const popup = await this.openExtensionPage('src/popup/popup.html?tabId=-2', 'main[data-complete]', viewport);
    await popup.evaluate((id) => {
      const runtime = (globalThis as unknown as { browser: Api }).browser.runtime;
      const real = runtime.getPlatformInfo.bind(runtime);
      // A member assignment (tsx names functions in object literals with a helper the page lacks).
      runtime.getPlatformInfo = async () => ({ ...(await real()), os: 'android' as chrome.runtime.PlatformOs });
      history.replaceState(null, '', `?tabId=${id}`);
      for (const style of document.head.querySelectorAll('style')) style.remove();
      const app = Object.assign(document.createElement('div'), { id: 'app' });
      document.getElementById('app')!.replaceWith(app);
      const again = document.createElement('script');
      again.type = 'module';
      again.src = `${document.querySelector<HTMLScriptElement>('script[type="module"]')!.src}?android`;
      document.head.append(again);
    }, tabId);
    await popup.waitForSelector('main[data-complete] [data-testid="top-cause"]');
    return popup;
  }

  /**
   * Presses the page marker's "Why?" button as a keyboard user does (its shadow root is closed, so
   * no script can reach it; Tab moves focus into it, Enter is a trusted click) and returns the
   * extension page it opens for that tab.
   */
  async openDetailsFromMarker(page: Page): Promise<Page> {
    await page.waitForFunction(markerShown);
    const opened = new Promise<Target>((resolveTarget) => this.browser.once('targetcreated', resolveTarget));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The test pages have nothing else to focus: the first Tab reaches "Why?".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const details = (await (await opened).page())!;
    await details.waitForSelector('main[data-complete]');
    return details;
  }

  /** The extension's badge text for a tab, or for the tab showing `page`. */
  async badgeText(tab: number | Page): Promise<string> {
    const tabId = typeof tab === 'number' ? tab : await this.tabIdOf(tab);
    return (await this.probe()).evaluate((id) => (globalThis as unknown as { browser: Api }).browser.action.getBadgeText({ tabId: id }), tabId);
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/**
 * Whether the page shows the page marker, as far as any page script can tell: an element of no
 * HTML name was added to the page (the marker's host has a random name and no attributes, and its
 * shadow root is closed; the test pages use no such elements). Runs in the page.
 */
export function markerShown(): boolean {
  return [...document.body.children].some((element) => element instanceof HTMLUnknownElement);
}

/** The button whose text is `name` (trimmed, exact), for a trusted click. */
export async function buttonNamed(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const button of await page.$$('button')) {
      if ((await button.evaluate((b) => b.textContent?.trim())) === name) return button;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no button "${name}"`);
}

/** The text of `selector` in `page` ('' when absent). */
export function textOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
}
