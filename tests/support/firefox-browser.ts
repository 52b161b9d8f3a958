/**
 * Firefox ESR (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, with
 * dist-firefox/ installed as a temporary add-on.
 *
 * BiDi will not navigate to moz-extension:// pages, so the extension's own state is read the way
 * a person reaches it: the page marker's "Why?" button opens the extension's page for that tab,
 * and scripts run in that page (an extension page may read badges with browser.action.getBadgeText).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_DIST_DIR = resolve('dist-firefox');

export class FirefoxExtensionBrowser {
  /** An extension page kept open to ask the extension questions (badges, tabs). */
  private probe: Page | null = null;

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<FirefoxExtensionBrowser> {
    if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox not found at ${FIREFOX_PATH}: run "apt-get install -y firefox-esr" (see README).`);
    if (!existsSync(resolve(FIREFOX_DIST_DIR, 'manifest.json'))) throw new Error('dist-firefox/ is missing: run "npm run build" first.');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: {
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

  async newPage(url: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(url);
    return page;
  }

  /**
   * Presses the page marker's "Why?" button as a keyboard user does (its shadow root is closed, so
   * no script can reach it; Tab moves focus into it, Enter is a trusted click) and returns the
   * extension page it opens for that tab.
   */
  async openDetailsFromMarker(page: Page): Promise<Page> {
    await page.waitForSelector('#explainer-401-marker');
    const opened = new Promise<Target>((resolveTarget) => this.browser.once('targetcreated', resolveTarget));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The test pages have nothing else to focus: the first Tab reaches "Why?".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const details = (await (await opened).page())!;
    await details.waitForSelector('main[data-complete]');
    this.probe ??= details;
    return details;
  }

  /**
   * Opens the extension's page for the tab showing `page`, as the toolbar button would. BiDi refuses
   * to navigate to moz-extension:// ("not allowed in this context", Firefox 153 ESR), so an extension
   * page opened from the marker asks the browser for a new tab instead.
   */
  async openPopupFor(page: Page): Promise<Page> {
    const probe = this.requireProbe();
    const opened = new Promise<Target>((resolveTarget) => this.browser.once('targetcreated', resolveTarget));
    await probe.evaluate(async (target) => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await api.tabs.query({})).find((t) => t.url === target);
      if (!tab?.id) throw new Error(`no tab shows ${target}`);
      await api.tabs.create({ url: api.runtime.getURL(`src/popup/popup.html?tabId=${tab.id}`) });
    }, page.url());
    const popup = (await (await opened).page())!;
    await popup.waitForSelector('main[data-complete]');
    return popup;
  }

  private requireProbe(): Page {
    if (!this.probe) throw new Error('open an extension page first (openDetailsFromMarker)');
    return this.probe;
  }

  /** The extension's badge text for the tab showing `url` (asked from an extension page). */
  async badgeFor(url: string): Promise<string> {
    if (!this.probe) throw new Error('open an extension page first (openDetailsFromMarker)');
    return this.probe.evaluate(async (target) => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await api.tabs.query({})).find((t) => t.url === target);
      if (!tab?.id) throw new Error(`no tab shows ${target}`);
      return api.action.getBadgeText({ tabId: tab.id });
    }, url);
  }

  /** Every key the extension keeps in storage.session, with its value (to look for planted secrets). */
  async sessionStorageDump(): Promise<string> {
    if (!this.probe) throw new Error('open an extension page first (openDetailsFromMarker)');
    return this.probe.evaluate(async () => JSON.stringify(await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(null)));
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
