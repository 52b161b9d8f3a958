/**
 * What a hostile page can do through the extension, tried in real Chromium with dist/ loaded.
 * Each test fails without the fix it guards (security issue items in brackets).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIST_DIR } from '../../dev/extension-browser';
import { HOSTILE_WORDS } from '../../dev/test-server';
import { clickMarkerButton, markerCount, markerElements, markerText } from '../support/page-marker';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

beforeAll(() => setup.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']));

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
    // A refusal the page can read (CORS lets this origin read it, credentials or not) does show, counted alone.
    // What tells a CORS call (Origin, Sec-Fetch-Mode) Chrome shows only to the detail listeners the refusals turned
    // on; they take over from the first request both pairs see, so one goes first.
    await page.evaluate(() => fetch('/api/ok'));
    await page.evaluate((api) => fetch(`${api}/api/readable-credentialed`, { credentials: 'include' }), setup.api.origin);
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

/** The refused requests stored for a tab: its page's and the previous page's (what the popup reads). */
async function storedRefusals(tabId: number): Promise<{ page: string[]; previous: string[] }> {
  const worker = await setup.browser.worker();
  const log = (await worker.evaluate((key) => chrome.storage.session.get(key), `tab:${tabId}`))[`tab:${tabId}`] as
    | { records: Array<{ url: string }>; previous: { records: Array<{ url: string }> } | null }
    | undefined;
  return { page: log?.records.map((r) => r.url) ?? [], previous: log?.previous?.records.map((r) => r.url) ?? [] };
}

/** What a tab that a hostile page sent on to mail.test shows: nothing of the hostile page but its own labelled evidence. */
async function expectNothingOfItOn(tabId: number, page: import('playwright-core').Page, from: string): Promise<void> {
  expect(await setup.browser.badgeText(tabId)).toBe('');
  expect(await markerText(page)).toBeNull();
  const popup = await setup.browser.openPopup(tabId);
  expect(await popup.getByTestId('summary').innerText()).toContain('Nothing on this page was refused');
  expect(await popup.getByTestId('top-cause').count()).toBe(0);
  const previous = popup.getByTestId('previous-page');
  expect(await previous.locator('h2').textContent()).toContain(`Before this page, ${from}`);
  const main = (await popup.locator('main').textContent()) ?? '';
  expect(main.replace((await previous.textContent()) ?? '', '')).not.toContain('hijacked');
  expect(await popup.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
  await popup.close();
}

describe('a refusal belongs to the document that received it, decided when it arrives [21]', () => {
  test('a page refused with a body that keeps coming sends its tab to another site: nothing of it there (badge, marker, popup) [21.1]', async () => {
    const port = new URL(setup.site.origin).port;
    const mail = `http://mail.test:${port}/healthy`;
    const shop = `http://shop.test:${port}/trickle-401`;
    const { page, tabId } = await setup.browser.openTab(`${shop}?to=${encodeURIComponent(mail)}`);
    await page.waitForURL(mail);
    await page.locator('#out[data-done]').waitFor();
    // The shop's refusal is held until its request ends (the page left it open); wait until it is stored somewhere.
    await expect.poll(async () => Object.values(await storedRefusals(tabId)).flat().length, { timeout: 10_000 }).toBe(1);
    expect((await storedRefusals(tabId)).page).toEqual([]);
    await expectNothingOfItOn(tabId, page, shop);
    await page.close();
  });

  test('a page sends a tab it opened on another site to its refusal, which never becomes a page (a download): nothing of it under that site [21.1]', async () => {
    const port = new URL(setup.site.origin).port;
    const mail = `http://mail.test:${port}/healthy`;
    const opener = await setup.browser.openTab(`http://shop.test:${port}/open-tab?to=${encodeURIComponent(mail)}`);
    const opened = setup.browser.context.waitForEvent('page');
    await opener.page.locator('#out[data-done]').waitFor();
    const page = await opened;
    await page.locator('#out[data-done]').waitFor();
    const worker = await setup.browser.worker();
    const tabId = await worker.evaluate(async (openerTabId) => (await chrome.tabs.query({})).find((t) => t.openerTabId === openerTabId)!.id!, opener.tabId);
    await opener.page.evaluate((url) => {
      (window as unknown as { opened: Window }).opened.location.href = url;
    }, `http://shop.test:${port}/download-401`);
    // Chromium shows an error page of the shop's for it: the tab's page is then the shop's, and so is the refusal
    // (once the browser has ended the navigation; until then the refusal stays with the tab).
    const stored = async () =>
      (await worker.evaluate((key) => chrome.storage.session.get(key), `tab:${tabId}`))[`tab:${tabId}`] as { pageUrl: string; records: Array<{ url: string }> } | undefined;
    await expect.poll(async () => ((await stored())?.pageUrl ? new URL((await stored())!.pageUrl).host : null), { timeout: 10_000 }).toBe(`shop.test:${port}`);
    await expect.poll(async () => (await stored())?.records.map((r) => new URL(r.url).host)).toEqual([`shop.test:${port}`]);
    expect(await page.evaluate(() => location.href)).toBe('chrome-error://chromewebdata/'); // what the tab shows: not the mail site
    expect(await markerText(page)).toBeNull();
    await Promise.all([page.close(), opener.page.close()]);
  });

  test("a frame's call answered after its page left for another site: nothing of it there [21.2]", async () => {
    const port = new URL(setup.site.origin).port;
    const mail = `http://mail.test:${port}/healthy`;
    const shop = `http://shop.test:${port}/framed-keepalive`;
    const { page, tabId } = await setup.browser.openTab(`${shop}?to=${encodeURIComponent(mail)}`);
    await page.waitForURL(mail);
    await page.locator('#out[data-done]').waitFor();
    // The keepalive call is answered 2 s after it was sent, long after the tab left; wait until it is stored somewhere.
    await expect
      .poll(async () => Object.values(await storedRefusals(tabId)).flat().filter((url) => url.includes('/api/slow-401')).length, { timeout: 10_000 })
      .toBe(1);
    expect((await storedRefusals(tabId)).page).toEqual([]);
    await expectNothingOfItOn(tabId, page, shop);
    await page.close();
  });
});

describe("another site's refusal shows in the marker only when CORS lets the page read it, whatever it sent [21.3]", () => {
  test("a credentialed call answered with Access-Control-Allow-Origin '*', or the origin without Allow-Credentials: badge only", async () => {
    const { page, tabId } = await visit('/fetch-bearer');
    // The page's own refusal: Chrome then shows the extension the request headers that tell a CORS call (detail capture).
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    // What the page itself learns of each call to the other site: a network error for the first two, the 401 for the third.
    const seen = await page.evaluate(async (api) => {
      const call = (path: string) => fetch(`${api}${path}`, { credentials: 'include' }).then((r) => String(r.status), () => 'network error');
      return [await call('/api/readable'), await call('/api/echo-origin'), await call('/api/readable-credentialed')];
    }, setup.api.origin);
    expect(seen).toEqual(['network error', 'network error', '401']);
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('4');
    // The marker counts only what the page could read: its own refusal and the third call.
    await expect.poll(() => markerText(page)).toContain('2 requests on this page were refused (401)');
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

/** Invisible, bidi and separator characters (Unicode Cf, Zl, Zp) a server can hide in its words. */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
/** What would pass for our words, or become a link, mention, issue link or emoji, if it left its quote. */
const FAKED = /suspended|0800|Please-call|help-desk|@maintainers|#12|:rocket:/;

describe("a hostile server's words never pass for the extension's own (issue 21)", () => {
  test('quotes set apart, bidi shown as escapes, an unknown scheme unnamed, a report without links, a curl line that sends the one request, a crafted token that breaks nothing', async () => {
    const { page, tabId } = await visit('/hostile-words');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    // The page marker holds no server text at all [6].
    await expect.poll(() => markerText(page)).toContain('A request on this page was refused');
    expect(await markerText(page)).not.toMatch(FAKED);

    const popup = await setup.browser.openPopup(tabId);
    await popup.getByTestId('top-cause').waitFor();
    for (const summary of await popup.locator('summary').all()) await summary.click();
    // Each server quote is its own element; our sentences around them never hold the server's words [6].
    const evidence = await popup.locator('.evidence li').evaluateAll((items) =>
      items.map((li) => {
        const ours = li.cloneNode(true) as Element;
        for (const quoted of ours.querySelectorAll('[data-server]')) quoted.remove();
        return { ours: ours.textContent ?? '', quoted: [...li.querySelectorAll('[data-server]')].map((q) => q.textContent ?? '') };
      }),
    );
    expect(evidence.flatMap((line) => line.quoted).some((text) => text.includes('your account is suspended.'))).toBe(true);
    for (const line of evidence) expect(line.ours).not.toMatch(FAKED);
    const text = await popup.locator('main').innerText();
    // Bidi and invisible characters shown as escapes everywhere: evidence, request list, raw challenge [7].
    expect(text).not.toMatch(INVISIBLE);
    expect(text).toContain('\\u202E');
    // The scheme that is a sentence is not named; the raw challenge keeps it [8].
    const item = popup.getByTestId('refusal');
    expect(await item.locator('.meaning').innerText()).toContain('an unknown sign-in scheme');
    expect(await item.locator('.raw pre').innerText()).toContain(`${HOSTILE_WORDS.scheme} realm="x"`);
    expect(await item.locator('.asked').innerText()).not.toContain('Please-call');

    // The report: no link, mention, issue link or emoji; no invisible character [9, 7]; a crafted exp breaks nothing [11].
    await popup.getByRole('button', { name: 'Copy a report' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toBe('Copied.');
    const report = await popup.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('exp not a valid date');
    expect(report).not.toMatch(INVISIBLE);
    const html = new MarkdownIt({ html: true, linkify: true }).render(report);
    expect(html).not.toContain('<a ');
    expect(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '')).not.toMatch(FAKED);

    // The curl line, pasted into bash with the real curl, sends the refused request once, to its exact path [12].
    await popup.getByRole('button', { name: 'Copy as curl' }).click();
    await expect.poll(() => popup.evaluate(() => navigator.clipboard.readText())).toContain('--globoff');
    const curl = await popup.evaluate(() => navigator.clipboard.readText());
    const before = setup.site.log.length;
    await promisify(execFile)('env', ['-i', 'PATH=/usr/bin:/bin', 'HOME=/nonexistent', 'bash', '--noprofile', '--norc', '-c', `${curl} -s -o /dev/null`], { timeout: 30_000 });
    expect(setup.site.log.slice(before)).toEqual([`GET ${HOSTILE_WORDS.path}`]);
    await popup.close();

    // The developer view lists the request with its token facts, escapes shown [7, 11].
    const dev = await setup.browser.context.newPage();
    await dev.goto(setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}&view=developer`));
    await dev.getByTestId('timeline-item').waitFor();
    const timeline = await dev.locator('main').innerText();
    expect(timeline).toContain('exp not a valid date');
    expect(timeline).toContain('nginx\\u200B');
    expect(timeline).not.toMatch(INVISIBLE);
    await dev.close();
    await page.close();
  });
});
