import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FirefoxExtensionBrowser } from '../../dev/firefox-browser';
import { startTestServers, type TestServer } from '../../dev/test-server';

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
    expect(await page.$('#explainer-401-marker')).toBeNull();
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

  // Firefox reports a refused <link rel=prefetch> only to onHeadersReceived (no request headers, no
  // completion: Firefox ESR 153 gives it type 'other', tabId and documentId, and no onBeforeRequest, onSendHeaders or onCompleted), so it is not seen at all there:
  // no badge, nothing listed. Chromium lists it as a prefetch (backbone.test.ts).
  test('a refused prefetch of a protected page: no badge, no false alarm', async () => {
    const page = await firefox.newPage(`${site.origin}/prefetching`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => site.log.includes('GET /members')).toBe(true);
    const popup = await firefox.openPopup(await firefox.tabIdOf(page));
    expect(await popup.evaluate(() => document.querySelector('main')!.innerText)).toContain('Nothing on this page was refused.');
    await popup.close();
    expect(await firefox.badgeText(page)).toBe('');
    await page.close();
  });

  test.each([
    ['/beaconing', 'Beacon: not needed by the page', '/api/beacon'],
    ['/shape/websocket', 'WebSocket', '/live/feed'],
  ])('%s: the refusal is listed (a background one quietly, a live feed with its badge)', async (path, label, refused) => {
    const page = await firefox.newPage(`${site.origin}${path}`);
    await page.waitForSelector('#out[data-done]');
    const tabId = await firefox.tabIdOf(page);
    const popupText = async () => {
      const popup = await firefox.openPopup(tabId);
      const text = await popup.evaluate(() => document.querySelector('main')!.innerText);
      await popup.close();
      return text;
    };
    await expect.poll(async () => (await popupText()).includes(`${site.origin}${refused}`.replace('http:', path === '/shape/websocket' ? 'ws:' : 'http:'))).toBe(true);
    const text = await popupText();
    expect(text).toContain(label);
    if (path === '/shape/websocket') await expect.poll(() => firefox.badgeText(page)).toBe('1');
    else {
      expect(text).toContain('Nothing this page needs was refused');
      expect(await firefox.badgeText(page)).toBe('');
    }
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
