/**
 * Records a HAR file the way a developer saves one: real Chromium (Playwright's `recordHar`, which
 * writes what the DevTools protocol reports, bodies included) visiting pages of the test server.
 * For the HAR import test and the panel's screenshots; no extension involved.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, QUIET_CHROMIUM_FLAGS } from './extension-browser';
import { HOST_RULES } from './server-shapes';

/** Visits each URL (waiting for the test page to report it is done) and writes the HAR to `path`. */
export async function recordHar(urls: readonly string[], path: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...QUIET_CHROMIUM_FLAGS, HOST_RULES] });
  try {
    const context = await browser.newContext({ recordHar: { path, content: 'embed' } });
    const page = await context.newPage();
    for (const url of urls) {
      await page.goto(url);
      await page.locator('#out[data-done]').waitFor();
    }
    await context.close(); // writes the file
  } finally {
    await browser.close();
  }
}
