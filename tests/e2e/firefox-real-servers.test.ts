/**
 * Real server software with dist-firefox/ in Firefox ESR: what the first cause and its first fix
 * say when the browser itself answered a sign-in and was refused (Firefox shows those rounds).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FirefoxExtensionBrowser } from '../../dev/firefox-browser';
import { ALICE, changeNginxPassword, closeAllRealServers, type RealServer, startApacheDigest, startNginx } from '../../dev/real-servers';

let nginx: RealServer;
let apache: RealServer;
let firefox: FirefoxExtensionBrowser;

beforeAll(async () => {
  [nginx, apache, firefox] = await Promise.all([startNginx(), startApacheDigest(), FirefoxExtensionBrowser.launch()]);
});

afterAll(async () => {
  await firefox?.close();
  await closeAllRealServers();
});

/** What a person acts on: the popup's first cause and that cause's first fix. */
async function firstCauseAndFix(popup: Awaited<ReturnType<FirefoxExtensionBrowser['openPopup']>>): Promise<[string | null, string | null]> {
  await popup.waitForSelector('[data-testid="top-cause"]');
  return [
    await popup.$eval('[data-testid="top-cause"]', (el) => el.getAttribute('data-cause')),
    await popup.$eval('[data-testid="top-cause"] button[data-fix]', (el) => el.getAttribute('data-fix')),
  ];
}

describe('passwords the browser gives, refused, in Firefox ESR', () => {
  test('a password the browser gives (saved or typed) that the server refuses: "your password was refused", never "nothing was sent"', async () => {
    const page = await firefox.browser.newPage();
    await page.authenticate({ username: ALICE.username, password: 'an-old-password' });
    await page.goto(`${nginx.origin}/basic/`).catch(() => {});
    expect(nginx.readFile('access.log')).toMatch(/GET \/basic\/ HTTP\/1\.1" 401/);
    await expect.poll(() => firefox.badgeText(page)).toBe('1');
    const popup = await firefox.openPopup(await firefox.tabIdOf(page));
    expect(await firstCauseAndFix(popup)).toEqual(['credentials-rejected', 'sign-in-again']);
    const text = await popup.evaluate(() => document.querySelector('main')!.innerText);
    expect(text).toContain('the password you (or the browser) gave was not accepted');
    expect(text).not.toMatch(/You are not signed in here|carried no Authorization header/);
    await popup.close();
    await page.close();
  });

  test("WebDAV (Apache mod_dav, Basic) given a wrong password by the page's XMLHttpRequest: the first cause says the password was refused", async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${apache.origin}/dav-client.html?password=not-the-password`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => firefox.badgeText(page)).toBe('1');
    const popup = await firefox.openPopup(await firefox.tabIdOf(page));
    expect(await firstCauseAndFix(popup)).toEqual(['credentials-rejected', 'sign-in-again']);
    await popup.close();
    await page.close();
  });

  test('the password file changed after the browser signed in: the old password is refused, and the first cause says so', async () => {
    const page = await firefox.browser.newPage();
    await page.authenticate(ALICE);
    await page.goto(`${nginx.origin}/basic/`);
    expect(await firefox.badgeText(page)).toBe('');
    changeNginxPassword(nginx, 'changed-by-the-owner');
    try {
      await page.goto(`${nginx.origin}/basic/?after-the-change`).catch(() => {});
      await expect.poll(() => firefox.badgeText(page)).toBe('1');
      const popup = await firefox.openPopup(await firefox.tabIdOf(page));
      expect(await firstCauseAndFix(popup)).toEqual(['credentials-rejected', 'sign-in-again']);
      await popup.close();
    } finally {
      changeNginxPassword(nginx, ALICE.password);
      await page.close();
    }
  });
});
