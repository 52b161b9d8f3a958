import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FirefoxExtensionBrowser, markerShown } from '../../dev/firefox-browser';
import { startTestServers, type TestServer } from '../../dev/test-server';
import { PLANTED_SECRETS, PLANTED_URLS } from '../support/planted-secrets';

let firefox: FirefoxExtensionBrowser;
let site: TestServer;
let api: TestServer;

beforeAll(async () => {
  ({ site, api } = await startTestServers());
  firefox = await FirefoxExtensionBrowser.launch();
});

afterAll(async () => {
  await firefox?.close();
  await site?.close();
  await api?.close();
});

describe('Firefox ESR with dist-firefox installed', () => {
  test('a 401 page gets the marker, the badge and the diagnosis', async () => {
    const page = await firefox.newPage(`${site.origin}/fetch-bearer`);
    await page.waitForSelector('#out[data-done]');
    const details = await firefox.openDetailsFromMarker(page);
    const text = await details.evaluate(() => document.querySelector('main')!.innerText);
    expect(text).toContain('1 request on this page was refused');
    expect(text).toContain('Your sign-in (access token) has expired');
    expect(await details.$eval('[data-testid="top-cause"]', (el) => el.getAttribute('data-cause'))).toBe('token-expired');
    await expect.poll(() => firefox.badgeText(page)).toBe('1');
    await page.close();
  });

  test('a healthy page gets no badge and no marker', async () => {
    const page = await firefox.newPage(`${site.origin}/healthy`);
    await page.waitForSelector('#out[data-done]');
    await new Promise((resolve) => setTimeout(resolve, 800)); // past the publish delay
    expect(await firefox.badgeText(page)).toBe('');
    expect(await page.evaluate(markerShown)).toBe(false);
    await page.close();
  });

  test('our badge clears when the tab navigates (Firefox keeps per-tab badges by itself)', async () => {
    const page = await firefox.newPage(`${site.origin}/fetch-bearer`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => firefox.badgeText(page)).toBe('1');
    await page.goto(`${site.origin}/healthy`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => firefox.badgeText(page)).toBe('');
    await page.close();
  });

  test('secrets by shape (nested, JSON, path, other languages, echoed by the server) appear nowhere [21.4, 21.5]', async () => {
    const page = await firefox.newPage(`${site.origin}/healthy`);
    await page.waitForSelector('#out[data-done]');
    const statuses = await page.evaluate((urls) => Promise.all(urls.map((url) => fetch(url).then((r) => r.status))), PLANTED_URLS);
    expect(statuses).toEqual(PLANTED_URLS.map(() => 401));
    const tabId = await firefox.tabIdOf(page);
    const stored = () =>
      firefox.probe().then((probe) => probe.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(null)));
    await expect.poll(async () => ((await stored())[`tab:${tabId}`] as { total?: number } | undefined)?.total).toBe(PLANTED_URLS.length);
    const popup = await firefox.openPopup(tabId);
    await popup.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    const everything = [JSON.stringify(await stored()), await popup.content()].join('\n');
    expect(everything).toContain('redacted');
    for (const secret of PLANTED_SECRETS) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(encodeURIComponent(secret));
    }
    await popup.close();
    await page.close();
  });

  test('a CORS preflight refused with 401 is recorded in Firefox too', async () => {
    const page = await firefox.newPage(`${site.origin}/cors-preflight`);
    await page.waitForSelector('#out[data-done]');
    // A refused preflight to another site is not something the page can read: no marker; the popup shows it.
    const details = await firefox.openPopup(await firefox.tabIdOf(page));
    await expect.poll(() => details.evaluate(() => document.querySelector('main')!.innerText)).toContain('OPTIONS (preflight)');
    await details.close();
    await page.close();
  });
});
