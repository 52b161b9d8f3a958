import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FirefoxExtensionBrowser, markerShown, textOf } from '../../dev/firefox-browser';
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

/** The refused requests stored for a tab: its page's and the previous page's (what the popup reads). */
async function storedRefusals(tabId: number): Promise<{ page: string[]; previous: string[] }> {
  const probe = await firefox.probe();
  return probe.evaluate(async (key) => {
    const stored = await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(key);
    const log = stored[key] as { records: Array<{ url: string }>; previous: { records: Array<{ url: string }> } | null } | undefined;
    return { page: log?.records.map((r) => r.url) ?? [], previous: log?.previous?.records.map((r) => r.url) ?? [] };
  }, `tab:${tabId}`);
}

/** Opens `from` (which sends its tab on to mail.test), waits until the refusals named by `path` are stored, and checks none shows on mail.test. */
async function leavesNothingOn(from: string, path: string, mail: string): Promise<void> {
  const { page, tabId } = await firefox.openTab(`${from}?to=${encodeURIComponent(mail)}`);
  await expect.poll(() => page.url(), { timeout: 10_000 }).toBe(mail);
  await page.waitForSelector('#out[data-done]');
  await expect.poll(async () => Object.values(await storedRefusals(tabId)).flat().filter((url) => url.includes(path)).length, { timeout: 10_000 }).toBe(1);
  expect((await storedRefusals(tabId)).page).toEqual([]);
  expect(await firefox.badgeText(tabId)).toBe('');
  expect(await page.evaluate(markerShown)).toBe(false);
  const popup: Page = await firefox.openPopup(tabId);
  expect(await textOf(popup, '[data-testid="summary"]')).toContain('Nothing on this page was refused');
  expect(await popup.$('[data-testid="top-cause"]')).toBeNull();
  expect(await textOf(popup, '[data-testid="previous-page"] h2')).toContain(`Before this page, ${from}`);
  await popup.close();
  await page.close();
}

describe('Firefox: a refusal belongs to the document that received it, decided when it arrives [21]', () => {
  test('a page refused with a body that keeps coming sends its tab to another site: nothing of it there [21.1]', async () => {
    const port = new URL(site.origin).port;
    await leavesNothingOn(`http://shop.test:${port}/trickle-401`, '/trickle-401', `http://mail.test:${port}/healthy`);
  });

  test('a page sends a tab it opened on another site to its refusal, which never becomes a page (a download): nothing of it there [21.1]', async () => {
    const port = new URL(site.origin).port;
    const mail = `http://mail.test:${port}/healthy`;
    const opener = await firefox.openTab(`http://shop.test:${port}/open-tab?to=${encodeURIComponent(mail)}`);
    const opened = new Promise<Target>((resolveTarget) => firefox.browser.once('targetcreated', resolveTarget));
    await opener.page.waitForSelector('#out[data-done]');
    const page = (await (await opened).page())!;
    await expect.poll(() => page.url(), { timeout: 10_000 }).toBe(mail);
    await page.waitForSelector('#out[data-done]');
    const tabId = await (await firefox.probe()).evaluate(
      async (openerTabId) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({})).find((t) => t.openerTabId === openerTabId)!.id!,
      opener.tabId,
    );
    await opener.page.evaluate((url) => {
      (window as unknown as { opened: Window }).opened.location.href = url;
    }, `http://shop.test:${port}/download-401`);
    // Firefox keeps the mail page in that tab (the download gets a tab of its own): the shop's refusal is at most the
    // page before, once the browser has ended that navigation (until then it stays with the tab: see tab-log attribute).
    await expect.poll(() => storedRefusals(tabId), { timeout: 10_000 }).toEqual({ page: [], previous: [`http://shop.test:${port}/download-401`] });
    expect(page.url()).toBe(mail);
    await expect.poll(() => firefox.badgeText(tabId)).toBe('');
    expect(await page.evaluate(markerShown)).toBe(false);
    await firefox.closeOtherTabs();
  });

  test("a frame's call answered after its page left for another site: nothing of it there [21.2]", async () => {
    const port = new URL(site.origin).port;
    await leavesNothingOn(`http://shop.test:${port}/framed-keepalive`, '/api/slow-401', `http://mail.test:${port}/healthy`);
  });
});

describe("Firefox: another site's refusal shows in the marker only when CORS lets the page read it, whatever it sent [21.3]", () => {
  test("a credentialed call answered with Access-Control-Allow-Origin '*', or the origin without Allow-Credentials: badge only", async () => {
    const { page, tabId } = await firefox.openTab(`${site.origin}/fetch-bearer`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => firefox.badgeText(tabId)).toBe('1');
    const seen = await page.evaluate(async (other) => {
      const call = (path: string) => fetch(`${other}${path}`, { credentials: 'include' }).then((r) => String(r.status), () => 'network error');
      return [await call('/api/readable'), await call('/api/echo-origin'), await call('/api/readable-credentialed')];
    }, api.origin);
    expect(seen).toEqual(['network error', 'network error', '401']);
    await expect.poll(() => firefox.badgeText(tabId)).toBe('4');
    // The marker counts only what the page could read (its shadow root is closed; what it counts is stored): its own refusal and the third call.
    const readable = await (await firefox.probe()).evaluate(async (key) => {
      const stored = await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(key);
      return (stored[key] as { records: Array<{ url: string; pageReadable: boolean }> }).records.filter((r) => r.pageReadable).map((r) => new URL(r.url).pathname);
    }, `tab:${tabId}`);
    expect(readable).toEqual(['/api/bearer', '/api/readable-credentialed']);
    await expect.poll(() => page.evaluate(markerShown)).toBe(true);
    await page.close();
  });
});
