/**
 * `npm start`: serves the demo site on 127.0.0.1 and shows the extension at work.
 * - With a display: opens Chromium with the extension loaded on the demo index; close the window to stop.
 * - Without one (or with --headless): visits each demo page, prints the badge and the popup's
 *   reading of it, and saves a screenshot of each popup in demo-output/.
 */
import { mkdir } from 'node:fs/promises';
import { ExtensionBrowser } from '../dev/extension-browser';
import { SERVER_SHAPES } from '../dev/server-shapes';
import { DEMO_PAGES, startTestServers } from '../dev/test-server';

const OUTPUT_DIR = 'demo-output';
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

async function showInWindow(browser: ExtensionBrowser, index: string): Promise<void> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(index);
  console.log('Chromium is open on the demo page, with the extension loaded. Close the window to stop.');
  await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
}

async function tourHeadless(browser: ExtensionBrowser, origin: string): Promise<void> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  for (const [path, title] of Object.entries(DEMO_PAGES)) {
    const url = new URL(path, origin);
    const host = SERVER_SHAPES.find((shape) => shape.path === path)?.host;
    if (host) url.hostname = host; // resolved to 127.0.0.1 by the browser's host rules
    const { page, tabId } = await browser.openTab(url.href);
    // Pages report when their script is done; a page held at a sign-in dialog never loads.
    await page.locator('#out[data-done]').waitFor({ timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(600); // the extension publishes after a short grace delay
    const badge = await browser.badgeText(tabId);
    const popup = await browser.openPopup(tabId);
    await popup.setViewportSize({ width: 400, height: 600 });
    const summary = await popup.getByTestId('summary').innerText();
    const meanings = await popup.locator('.meaning').allInnerTexts();
    const top = popup.getByTestId('top-cause');
    const cause = (await top.count()) ? (await top.locator('h2').innerText()).replace(/\s+/g, ' ') : '(none)';
    const shot = `${OUTPUT_DIR}/${path.slice(1)}.png`;
    await popup.screenshot({ path: shot, fullPage: true });
    console.log(`\n${title}\n  ${url.href}\n  badge: ${badge ? `"${badge}"` : '(none)'}\n  popup: ${summary}\n  top cause: ${cause}`);
    for (const meaning of meanings) console.log(`    - ${meaning}`);
    console.log(`  screenshot: ${shot}`);
    await popup.close();
    await page.close();
  }
}

const { site, api } = await startTestServers();
console.log(`Demo site: ${site.origin}/ (second origin for cross-site calls: ${api.origin})`);
const browser = await ExtensionBrowser.launch({ headless });
try {
  if (headless) await tourHeadless(browser, site.origin);
  else await showInWindow(browser, `${site.origin}/`);
} finally {
  await browser.close().catch(() => {});
  await site.close();
  await api.close();
}
