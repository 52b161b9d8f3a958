/**
 * `npm run screenshots`: renders the popup (light and dark), the developer view, the options page
 * and the page marker in real Chromium to docs/, for the README.
 */
import { mkdir } from 'node:fs/promises';
import { ExtensionBrowser } from '../tests/support/extension-browser';
import { startTestServers } from '../tests/support/test-server';

const OUT = 'docs';
await mkdir(OUT, { recursive: true });
const { site, api } = await startTestServers();
const browser = await ExtensionBrowser.launch();
try {
  const { page, tabId } = await browser.openTab(`${site.origin}/shape/session-expired`);
  await page.locator('#out[data-done]').waitFor();
  await page.locator('#explainer-401-marker').waitFor({ state: 'attached' });
  await page.waitForTimeout(200);
  await page.setViewportSize({ width: 900, height: 400 });
  await page.screenshot({ path: `${OUT}/page-marker.png` });

  for (const scheme of ['light', 'dark'] as const) {
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`));
    await popup.locator('main[data-complete]').waitFor();
    await popup.screenshot({ path: `${OUT}/popup-${scheme}.png`, fullPage: true });
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
  console.log(`wrote ${OUT}/page-marker.png, popup-light.png, popup-dark.png, developer-view.png, options.png`);
} finally {
  await browser.close();
  await site.close();
  await api.close();
}
