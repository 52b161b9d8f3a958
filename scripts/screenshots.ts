/**
 * `npm run screenshots`: renders the popup at Chrome's popup size (400×600, light and dark) and in
 * full, the developer view, the options page, the DevTools panel's page (light and dark) and the page marker
 * in real Chromium to docs/, for the README; and the store screenshots (1280×800) to docs/store/, in English
 * and in each language of STORE_LANGUAGES.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ExtensionBrowser } from '../dev/extension-browser';
import { recordHar } from '../dev/record-har';
import { startTestServers } from '../dev/test-server';

const OUT = 'docs';

/** Listing languages besides English with their own store screenshot: folder name and browser locale. */
const STORE_LANGUAGES = [['pl', 'pl-PL']] as const;

/**
 * Store screenshot (1280×800): the refused page with its marker, and the popup beside it. Composed in an
 * extension page: only there may the popup's page be framed (nothing of the extension is web-accessible).
 */
async function storeScreenshot(browser: ExtensionBrowser, page: Page, tabId: number, path: string): Promise<void> {
  const store = await browser.context.newPage();
  await store.setViewportSize({ width: 1280, height: 800 });
  await page.setViewportSize({ width: 820, height: 760 });
  const pageShot = (await page.screenshot()).toString('base64');
  await store.goto(browser.extensionUrl('src/options/options.html'));
  await store.evaluate(
    ({ shot, popupUrl }) => {
      document.head.innerHTML = '';
      document.body.setAttribute('style', 'margin:0;display:flex;gap:24px;align-items:flex-start;background:#e7e5e4;height:800px;overflow:hidden');
      const img = document.createElement('img');
      img.src = `data:image/png;base64,${shot}`;
      img.setAttribute('style', 'width:820px;height:760px;margin:20px 0 0 20px;border:1px solid #a8a29e');
      const frame = document.createElement('iframe');
      frame.src = popupUrl;
      frame.setAttribute('style', 'width:400px;height:600px;margin-top:20px;border:1px solid #a8a29e;background:#fff;box-shadow:0 4px 16px rgb(0 0 0/.25)');
      document.body.replaceChildren(img, frame);
    },
    { shot: pageShot, popupUrl: browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`) },
  );
  await store.frameLocator('iframe').locator('main[data-complete]').waitFor();
  await store.screenshot({ path });
  await store.close();
}
await mkdir(OUT, { recursive: true });
const { site, api } = await startTestServers();
const browser = await ExtensionBrowser.launch();
try {
  const { page, tabId } = await browser.openTab(`${site.origin}/shape/session-expired`);
  await page.locator('#out[data-done]').waitFor();
  // The marker's host has a random name of no HTML element (src/content/page-marker.ts).
  await page.waitForFunction(() => [...document.body.children].some((element) => element instanceof HTMLUnknownElement));
  await page.waitForTimeout(200);
  await page.setViewportSize({ width: 900, height: 400 });
  await page.screenshot({ path: `${OUT}/page-marker.png` });

  for (const scheme of ['light', 'dark'] as const) {
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`));
    await popup.locator('main[data-complete]').waitFor();
    await popup.screenshot({ path: `${OUT}/popup-${scheme}.png` }); // what the person sees without scrolling
    if (scheme === 'light') await popup.screenshot({ path: `${OUT}/popup-full.png`, fullPage: true });
    await popup.close();
  }

  const dev = await browser.context.newPage();
  await dev.setViewportSize({ width: 1000, height: 700 });
  await dev.goto(browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}&view=developer`));
  await dev.getByTestId('timeline-item').waitFor();
  await dev.screenshot({ path: `${OUT}/developer-view.png`, fullPage: true });
  await dev.goto(browser.extensionUrl('src/options/options.html'));
  await dev.getByText('Sites to ignore').waitFor();
  await dev.screenshot({ path: `${OUT}/options.png`, fullPage: true });
  // The DevTools panel's page with a HAR recorded by Chromium on the test site (DevTools itself cannot be
  // screenshot headless; the panel shows the same there, its source line saying "Requests DevTools recorded").
  const harDir = await mkdtemp(join(tmpdir(), 'explainer-shots-'));
  await recordHar([`${site.origin}/owner-api`], join(harDir, 'owner-api.har'));
  for (const scheme of ['light', 'dark'] as const) {
    const panel = await browser.context.newPage();
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.setViewportSize({ width: 1000, height: 760 });
    await panel.goto(browser.extensionUrl('src/devtools/panel.html'));
    await panel.getByTestId('import-har').setInputFiles(join(harDir, 'owner-api.har'));
    await panel.getByTestId('panel-cause').first().waitFor();
    await panel.screenshot({ path: `${OUT}/devtools-panel-${scheme}.png` });
    await panel.close();
  }
  await rm(harDir, { recursive: true, force: true });
  await mkdir(`${OUT}/store`, { recursive: true });
  await storeScreenshot(browser, page, tabId, `${OUT}/store/screenshot-popup-1280x800.png`);
  await page.close();
  // The store screenshot in the other listing languages (docs/store/listing-<lang>.md), each in a browser of that language.
  for (const [lang, locale] of STORE_LANGUAGES) {
    const localBrowser = await ExtensionBrowser.launch({ extraArgs: [`--lang=${lang}`], locale });
    try {
      const refused = await localBrowser.openTab(`${site.origin}/shape/session-expired`);
      await refused.page.locator('#out[data-done]').waitFor();
      await refused.page.waitForFunction(() => [...document.body.children].some((element) => element instanceof HTMLUnknownElement));
      await refused.page.waitForTimeout(200); // as above: the marker has settled
      await storeScreenshot(localBrowser, refused.page, refused.tabId, `${OUT}/store/screenshot-popup-1280x800-${lang}.png`);
    } finally {
      await localBrowser.close();
    }
  }
  console.log(`wrote ${OUT}/page-marker.png, popup-light.png, popup-dark.png, popup-full.png, developer-view.png, options.png, devtools-panel-light.png, devtools-panel-dark.png, store/screenshot-popup-1280x800.png and -${STORE_LANGUAGES.map(([lang]) => lang).join(', -')}.png`);
} finally {
  await browser.close();
  await site.close();
  await api.close();
}
