/**
 * What a hostile page can do through the extension, tried in real Chromium with dist/ loaded.
 * Each test fails without the fix it guards (security issue items in brackets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIST_DIR } from '../../dev/extension-browser';
import { clickMarkerButton, markerCount, markerElements, markerText } from '../support/page-marker';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

async function visit(path: string, origin = setup.site.origin) {
  const opened = await setup.browser.openTab(origin + path);
  await opened.page.locator('#out[data-done]').waitFor();
  return opened;
}

describe('a hostile page and the page marker', () => {
  test('page DOM named "browser" and "chrome" does not stop the marker [9]', async () => {
    const { page, tabId } = await visit('/clobbered');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    // Shown, with words from the worker; with the API shadowed, it points at the toolbar button instead of "Why?".
    await expect.poll(() => markerText(page)).toContain('A request on this page was refused');
    expect(await markerText(page)).toContain('Click 401 Explainer in the toolbar to see why.');
    // The page really did clobber its own window.browser.
    expect(await page.evaluate(() => String((window as unknown as { browser: unknown }).browser))).toContain('HTMLFormElement');
    // Dismissing still works.
    await clickMarkerButton(page, '×');
    expect(await markerCount(page)).toBe(0);
    await page.close();
  });

  test("another site's refusals that the page cannot read go to the badge, never to the marker [6]", async () => {
    const { page, tabId } = await visit('/oracle');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('2');
    await page.waitForTimeout(800); // past the publish delay: a marker would be there by now
    expect(await markerCount(page)).toBe(0);
    // A refusal the page can read (CORS allows it) does show, counted alone.
    await page.evaluate((api) => fetch(`${api}/api/readable`), setup.api.origin);
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('3');
    await expect.poll(() => markerText(page)).toContain('A request on this page was refused');
    await page.close();
  });

  test('page script cannot reach the marker, and its clicks open nothing; a person gets one details tab [5]', async () => {
    const { page, tabId } = await visit('/fetch-bearer');
    await expect.poll(() => markerText(page)).toContain('refused');
    // The page finds the marker's host (here told its name, which no page knows) and clicks it.
    const { outerTag } = (await markerElements(page))!;
    const reached = await page.evaluate((tag) => {
      const host = document.querySelector(tag)!.firstElementChild!;
      for (let i = 0; i < 20; i++) host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return host.shadowRoot === null;
    }, outerTag);
    expect(reached).toBe(true);
    const detailsUrl = setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`);
    const detailsTabs = () => setup.browser.context.pages().filter((p) => p.url() === detailsUrl);
    await page.waitForTimeout(500);
    expect(detailsTabs()).toHaveLength(0);
    await clickMarkerButton(page, 'Why?');
    await expect.poll(() => detailsTabs().length).toBe(1);
    await page.bringToFront();
    await clickMarkerButton(page, 'Why?');
    await page.waitForTimeout(500);
    expect(detailsTabs()).toHaveLength(1);
    // The existing one was brought forward.
    await expect.poll(() => detailsTabs()[0]!.evaluate(() => document.visibilityState)).toBe('visible');
    await Promise.all([...detailsTabs().map((p) => p.close()), page.close()]);
  });
});

describe('a page cannot find the marker by a name [21.14]', () => {
  test('its host has no id, class or attribute and a new random name at each injection; none is added for a refusal the page could not know of', async () => {
    const first = await visit('/fetch-bearer');
    const second = await visit('/fetch-bearer');
    await expect.poll(() => markerText(first.page)).toContain('refused');
    await expect.poll(() => markerText(second.page)).toContain('refused');
    const found = [(await markerElements(first.page))!, (await markerElements(second.page))!];
    for (const { outerTag, outerAttributes, hostAttributes } of found) {
      expect(outerAttributes).toEqual([]);
      expect(hostAttributes).toEqual([]);
      expect(outerTag).not.toBe('body'); // an element of its own, whose name is not an HTML element's
    }
    expect(found[0]!.outerTag).not.toBe(found[1]!.outerTag);
    // Nothing a page could query finds it: not the other injection's name, no id or class of ours, not :not(:defined).
    for (const [page, other] of [
      [first.page, found[1]!],
      [second.page, found[0]!],
    ] as const) {
      expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, other.outerTag)).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll('[id*="explainer"], [id*="marker"], [class*="explainer"], :not(:defined)').length)).toBe(0);
    }
    // A page refused by another site only (an image, a no-cors fetch): nothing is added to its DOM.
    const oracle = await visit('/oracle');
    await expect.poll(() => setup.browser.badgeText(oracle.tabId)).toBe('2');
    await oracle.page.waitForTimeout(800); // past the publish delay: a marker would be there by now
    expect(await markerCount(oracle.page)).toBe(0);
    expect(await oracle.page.evaluate(() => [...document.body.children].map((element) => element.tagName))).toEqual(['H1', 'P', 'SCRIPT']);
    await Promise.all([first.page.close(), second.page.close(), oracle.page.close()]);
  });
});

describe('a page cannot detect the extension [8]', () => {
  test('no file of the extension is web-accessible', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8')) as { web_accessible_resources?: unknown; content_scripts?: unknown };
    expect(manifest.web_accessible_resources).toBeUndefined();
    const files = readdirSync(DIST_DIR, { recursive: true }).map(String).filter((f) => /\.(js|css|html|png|json)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const { page } = await visit('/healthy');
    const answered = await page.evaluate(
      async ({ base, files }) => {
        const found: string[] = [];
        for (const file of files) {
          try {
            await fetch(base + file);
            found.push(file);
          } catch {
            // refused: not web-accessible
          }
        }
        return found;
      },
      { base: setup.browser.extensionUrl(''), files },
    );
    expect(answered).toEqual([]);
    await page.close();
  });
});

describe('storage.session full [10]', () => {
  test('tabs of maximum-size refusals: every badge and its popup tell the same story', async () => {
    const tabs: Array<{ tabId: number; close(): Promise<void> }> = [];
    for (let i = 0; i < 9; i++) {
      const { page, tabId } = await visit(`/fill?count=90&tab=${i}`);
      tabs.push({ tabId, close: () => page.close() });
    }
    const worker = await setup.browser.worker();
    await expect.poll(() => setup.browser.badgeText(tabs.at(-1)!.tabId), { timeout: 30_000 }).toBe('90');
    // Without a budget the session area fills at ~7 such tabs (10 MB) and later writes fail.
    expect(await worker.evaluate(() => chrome.storage.session.getBytesInUse(null))).toBeLessThan(10 * 1024 * 1024);
    for (const { tabId } of tabs) {
      expect(await setup.browser.badgeText(tabId)).toBe('90');
      const popup = await setup.browser.openPopup(tabId);
      expect(await popup.getByTestId('summary').innerText()).toContain('90 requests on this page were refused');
      await popup.close();
    }
    const first = await setup.browser.openPopup(tabs[0]!.tabId);
    expect(await first.getByTestId('summary').innerText()).toContain('Some details were shortened');
    await first.close();
    await Promise.all(tabs.map((t) => t.close()));
  });
});

describe('"Clear for this site" clears what it says, for the site it showed [12]', () => {
  test("on a subdomain: only the cookies that host receives; it names the shared parent; other subdomains' cookies stay", async () => {
    const port = new URL(setup.site.origin).port;
    const at = (host: string, query: string) => `http://${host}:${port}/set-cookie?${query}`;
    const planting = await setup.browser.context.newPage();
    await planting.goto(at('bank.test', 'name=root'));
    await planting.goto(at('bank.test', 'name=shared&domain=bank.test'));
    await planting.goto(at('mail.bank.test', 'name=mail'));
    await planting.goto(at('evil.bank.test', 'name=evil'));
    await planting.close();
    const { page, tabId } = await setup.browser.openTab(`http://evil.bank.test:${port}/fetch-bearer`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Clear cookies and site data for this site…' }).click();
    const plan = await popup.getByTestId('clear-plan').innerText();
    expect(plan).toContain('This deletes the 2 cookies that evil.bank.test receives.');
    expect(plan).toContain('shared with bank.test and its other subdomains');
    await popup.getByRole('button', { name: 'Clear now' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toContain('Deleted 2 cookies');
    const left = (await setup.browser.context.cookies()).map((c) => `${c.domain}:${c.name}`).sort();
    expect(left).toEqual(expect.arrayContaining(['bank.test:root', 'mail.bank.test:mail']));
    expect(left.filter((c) => c.endsWith(':evil') || c.endsWith(':shared'))).toEqual([]);
    // The permissions were only for that click.
    const worker = await setup.browser.worker();
    expect(await worker.evaluate(() => chrome.permissions.contains({ permissions: ['browsingData'] }))).toBe(false);
    await popup.close();
    await page.close();
  });

  test('after the tab moved to another site, the fixes refuse instead of acting there', async () => {
    const { page, tabId } = await visit('/fetch-bearer');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId); // explains 127.0.0.1's refusal
    // The page moves its tab to another site, which refuses it too (so the popup has fixes to offer).
    const elsewhere = `http://elsewhere.test:${new URL(setup.api.origin).port}`;
    await page.goto(`${elsewhere}/set-cookie?name=victim`);
    await page.goto(`${elsewhere}/fetch-bearer`);
    await expect.poll(() => popup.getByTestId('tab-moved').innerText()).toContain('This tab has moved on to http://elsewhere.test');
    await popup.getByRole('button', { name: 'Clear cookies and site data for this site…' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toContain('Nothing done: the tab now shows elsewhere.test');
    expect(await popup.getByTestId('clear-plan').count()).toBe(0);
    const homeVisits = () => setup.api.log.filter((line) => line === 'GET /').length;
    const before = homeVisits();
    await popup.getByRole('button', { name: 'Sign in again' }).click();
    await page.waitForTimeout(500);
    expect(homeVisits()).toBe(before);
    expect((await setup.browser.context.cookies()).map((c) => c.name)).toContain('victim');
    expect(page.url()).toContain('elsewhere.test');
    await popup.close();
    await page.close();
  });
});

describe('permissions [13]', () => {
  test('the fewest permissions; proxy is only read, never changed; clearing permissions are optional', () => {
    const chrome = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8')) as { permissions: string[]; optional_permissions: string[] };
    const firefox = JSON.parse(readFileSync(join(DIST_DIR, '../dist-firefox/manifest.json'), 'utf8')) as { permissions: string[]; optional_permissions: string[] };
    expect(chrome.permissions.sort()).toEqual(['proxy', 'scripting', 'storage', 'webNavigation', 'webRequest']);
    expect(chrome.optional_permissions.sort()).toEqual(['browsingData', 'cookies']);
    // Firefox lets proxy be optional: asked for on the first proxy check.
    expect(firefox.permissions.sort()).toEqual(['scripting', 'storage', 'webNavigation', 'webRequest']);
    expect(firefox.optional_permissions.sort()).toEqual(['browsingData', 'cookies', 'proxy']);
    // Chrome cannot make proxy optional; the code only ever reads it.
    for (const dir of [DIST_DIR, join(DIST_DIR, '../dist-firefox')]) {
      for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
        const code = readFileSync(join(dir, file), 'utf8');
        expect(code, file).not.toMatch(/proxy\.settings\.(set|clear)\b|proxy\.onRequest|proxy\.register|proxy\.settings\.onChange/);
      }
    }
  });
});

describe("one site's refusals never show as another's [7]", () => {
  test('a page that navigates its tab to another site and fires 401s meanwhile: nothing of it on that site', async () => {
    const bank = `http://bank.test:${new URL(setup.api.origin).port}`;
    const evil = `http://evil.test:${new URL(setup.site.origin).port}`;
    const { page, tabId } = await setup.browser.openTab(`${evil}/go-away?to=${encodeURIComponent(`${bank}/slow`)}`);
    await page.waitForURL(`${bank}/slow`);
    await page.locator('#out[data-done]').waitFor();
    await page.waitForTimeout(800); // past the publish delay
    expect(await setup.browser.badgeText(tabId)).toBe('');
    expect(await markerCount(page)).toBe(0);
    const popup = await setup.browser.openPopup(tabId);
    expect(await popup.getByTestId('summary').innerText()).toContain('Nothing on this page was refused');
    expect(await popup.getByTestId('top-cause').count()).toBe(0);
    // The evil page's refusals (they arrive while the bank is still loading) are labelled as its own, apart.
    const previous = popup.getByTestId('previous-page');
    expect(await previous.locator('h2').textContent()).toContain(`Before this page, ${evil}/go-away`);
    const main = (await popup.locator('main').textContent()) ?? '';
    expect(main.replace((await previous.textContent()) ?? '', '')).not.toContain('hijacked');
    await popup.close();
    await page.close();
  });
});

describe('a flood of megabyte URLs [11]', () => {
  test('twelve 1.9 MB refused URLs: stored cut short, and another tab still gets its badge', async () => {
    const { page, tabId } = await visit('/healthy');
    const statuses = await page.evaluate(() =>
      Promise.all(Array.from({ length: 12 }, (_, i) => fetch(`/api/bearer?i=${i}&pad=${'a'.repeat(1_900_000)}`).then((r) => r.status, () => 0))),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(12);
    const other = await visit('/fetch-bearer');
    await expect.poll(() => setup.browser.badgeText(other.tabId)).toBe('1');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('12');
    const worker = await setup.browser.worker();
    const log = (await worker.evaluate((key) => chrome.storage.session.get(key), `tab:${tabId}`))[`tab:${tabId}`] as { records: Array<{ url: string }> };
    expect(Math.max(...log.records.map((r) => r.url.length))).toBeLessThanOrEqual(1_000);
    await Promise.all([page.close(), other.page.close()]);
  });
});
