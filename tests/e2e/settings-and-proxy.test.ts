import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExtensionBrowser } from '../../dev/extension-browser';
import { startRefusingProxy } from '../../dev/test-proxy';
import { startTestServers, type TestServer } from '../../dev/test-server';
import { markerCount } from '../support/page-marker';

let site: TestServer;
let api: TestServer;

beforeAll(async () => {
  ({ site, api } = await startTestServers());
});

afterAll(async () => {
  await site?.close();
  await api?.close();
});

describe('options take effect at once', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await ExtensionBrowser.launch();
  });
  afterAll(() => browser?.close());

  async function setSettings(settings: object) {
    const worker = await browser.worker();
    await worker.evaluate((value) => chrome.storage.local.set({ settings: value }), settings);
  }

  test('the options page saves a site to ignore, and that site then gets no badge', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/options.html'));
    await options.getByLabel('Site (a host covers its subdomains)').fill('http://shop.test/anything');
    await options.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => options.getByTestId('ignored-sites').innerText()).toContain('shop.test');
    const port = new URL(site.origin).port;
    const { page, tabId } = await browser.openTab(`http://shop.test:${port}/shape/insecure-http`);
    await page.locator('#out[data-done]').waitFor();
    await page.waitForTimeout(800);
    expect(await browser.badgeText(tabId)).toBe('');
    await options.getByRole('button', { name: 'Stop ignoring shop.test' }).click();
    await options.close();
    await page.close();
  });

  test('with the marker turned off, a refused page gets the badge but no marker', async () => {
    await setSettings({ showMarker: false, badgeScope: 'all', ignoredSites: [] });
    const { page, tabId } = await browser.openTab(`${site.origin}/fetch-bearer`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => browser.badgeText(tabId)).toBe('1');
    expect(await markerCount(page)).toBe(0);
    await setSettings({ showMarker: true, badgeScope: 'all', ignoredSites: [] });
    await expect.poll(() => markerCount(page)).toBe(1);
    await page.close();
  });

  test('badge for the page only: an API 401 does not set it, a refused page does', async () => {
    await setSettings({ showMarker: true, badgeScope: 'main-frame', ignoredSites: [] });
    const api401 = await browser.openTab(`${site.origin}/fetch-bearer`);
    await api401.page.locator('#out[data-done]').waitFor();
    await api401.page.waitForTimeout(800);
    expect(await browser.badgeText(api401.tabId)).toBe('');
    const refusedPage = await browser.openTab(`${site.origin}/basic`);
    await expect.poll(() => browser.badgeText(refusedPage.tabId)).toBe('1');
    await setSettings({ showMarker: true, badgeScope: 'all', ignoredSites: [] });
    await expect.poll(() => browser.badgeText(api401.tabId)).toBe('1');
    await api401.page.close();
    await refusedPage.page.close();
  });

  test('"Clear stored data now" empties every tab and its badge', async () => {
    const { page, tabId } = await browser.openTab(`${site.origin}/fetch-bearer`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => browser.badgeText(tabId)).toBe('1');
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/options.html'));
    await options.getByRole('button', { name: 'Clear stored data now' }).click();
    await expect.poll(() => options.getByTestId('options-status').innerText()).toContain('cleared');
    await expect.poll(() => browser.badgeText(tabId)).toBe('');
    await options.close();
    await page.close();
  });
});

describe('behind a proxy that answers 407', () => {
  test('the 407 is explained as a proxy sign-in and the proxy check finds the proxy', async () => {
    const proxy = await startRefusingProxy();
    const browser = await ExtensionBrowser.launch({ extraArgs: [`--proxy-server=http://${proxy.address}`] });
    try {
      const port = new URL(site.origin).port;
      // The browser holds the page at its proxy sign-in dialog.
      const { tabId } = await browser.openTab(`http://shop.test:${port}/healthy`);
      await expect.poll(() => browser.badgeText(tabId)).toBe('1');
      expect(proxy.seen.some((line) => line.includes('shop.test'))).toBe(true);
      const popup = await browser.openPopup(tabId);
      expect(await popup.getByTestId('top-cause').getAttribute('data-cause')).toBe('proxy-auth');
      expect(await popup.getByTestId('top-cause').innerText()).toContain('Test proxy');
      expect(await popup.locator('[data-fact="browser-proxy"]').getAttribute('data-state')).toBe('yes');
      await popup.getByRole('button', { name: 'Check for a proxy or VPN' }).click();
      await expect
        .poll(() => popup.getByTestId('fix-result').innerText())
        .toBe(`A proxy is configured (http://${proxy.address}), set in the browser settings or on its command line.`);
      expect(await popup.getByTestId('fix-result').getAttribute('class')).toBe('result warn');
    } finally {
      await browser.close();
      await proxy.close();
    }
  });
});
