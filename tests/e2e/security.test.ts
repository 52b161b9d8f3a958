/**
 * What a hostile page can do through the extension, tried in real Chromium with dist/ loaded.
 * Each test fails without the fix it guards (security issue items in brackets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIST_DIR } from '../support/extension-browser';
import { clickMarkerButton, MARKER_SELECTOR, markerText } from '../support/page-marker';
import { useChromiumWithServers } from '../support/setup';

const setup = useChromiumWithServers();

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
    expect(await page.locator(MARKER_SELECTOR).count()).toBe(0);
    await page.close();
  });

  test("another site's refusals that the page cannot read go to the badge, never to the marker [6]", async () => {
    const { page, tabId } = await visit('/oracle');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('2');
    await page.waitForTimeout(800); // past the publish delay: a marker would be there by now
    expect(await page.locator(MARKER_SELECTOR).count()).toBe(0);
    // A refusal the page can read (CORS allows it) does show, counted alone.
    await page.evaluate((api) => fetch(`${api}/api/readable`), setup.api.origin);
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('3');
    await expect.poll(() => markerText(page)).toContain('A request on this page was refused');
    await page.close();
  });

  test('page script cannot reach the marker, and its clicks open nothing; a person gets one details tab [5]', async () => {
    const { page, tabId } = await visit('/fetch-bearer');
    await expect.poll(() => markerText(page)).toContain('refused');
    const reached = await page.evaluate((selector) => {
      const host = document.querySelector(selector)!;
      for (let i = 0; i < 20; i++) host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return host.shadowRoot === null;
    }, MARKER_SELECTOR);
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
