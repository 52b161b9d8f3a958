/**
 * Part of `npm run screenshots`: the popup and the settings at a phone's size (360×640) in Firefox ESR, the
 * popup as Firefox for Android shows it (the fixes Android cannot run say why), to docs/ for the README.
 */
import { FirefoxExtensionBrowser } from '../dev/firefox-browser';
import { startTestServers } from '../dev/test-server';

const OUT = 'docs';
const PHONE = { width: 360, height: 640 };
const { site, api } = await startTestServers();
const browser = await FirefoxExtensionBrowser.launch();
try {
  const { page, tabId } = await browser.openTab(`${site.origin}/shape/session-expired`);
  await page.waitForSelector('#out[data-done]');
  for (let i = 0; i < 100 && (await browser.badgeText(tabId)) === ''; i++) await new Promise((r) => setTimeout(r, 100));
  const popup = await browser.openPopupAsOnAndroid(tabId, PHONE);
  await popup.screenshot({ path: `${OUT}/android-popup.png` }); // what the person sees without scrolling
  const options = await browser.openExtensionPage('src/options/options.html', 'fieldset', PHONE);
  await options.screenshot({ path: `${OUT}/android-options.png` });
  console.log(`wrote ${OUT}/android-popup.png, android-options.png`);
} finally {
  await browser.close();
  await site.close();
  await api.close();
}
