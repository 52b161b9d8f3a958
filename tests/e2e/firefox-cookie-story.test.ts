/**
 * The cookie story in Firefox ESR (see cookie-story.test.ts for Chromium): the cookie watch turned on
 * in the options page (the optional cookies permission, answered "allow" by a preference, see
 * dev/firefox-browser.ts); an embedded sign-in inside another site, which Firefox's Total Cookie
 * Protection (on by default) gives none of its cookies, while it works in its own tab; a session
 * cookie that expires and the 401 after it; a SameSite=Strict cookie left off a navigation from another site.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, test } from 'vitest';
import { textOf } from '../../dev/firefox-browser';
import { firefoxWithServers } from '../support/setup';

const setup = firefoxWithServers();
afterEach(() => setup.browser.closeOtherTabs());
type Api = typeof chrome;

/** Each test its own site (*.test hosts resolve to 127.0.0.1 in the harness), so their cookies never mix. */
const onHost = (host: string, path: string) => `http://${host}:${new URL(setup.site.origin).port}${path}`;
const topCause = (popup: Page) => popup.$eval('[data-testid="top-cause"]', (el) => el.getAttribute('data-cause'));

async function popupOf(tabId: number): Promise<Page> {
  await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
  return setup.browser.openPopup(tabId);
}

describe('the cookie story in Firefox ESR', () => {
  // First: the tests below rest on it (they run in order, in one browser).
  test('turning on the cookie watch in the settings asks for the cookies permission, which the extension then holds', async () => {
    const options = await setup.browser.openExtensionPage('src/options/options.html', '[data-testid="cookie-watch"]');
    expect(await options.$eval('[data-testid="cookie-watch"]', (el) => (el as HTMLInputElement).checked)).toBe(false);
    await options.click('[data-testid="cookie-watch"]');
    await expect.poll(() => options.$eval('[data-testid="cookie-watch"]', (el) => (el as HTMLInputElement).checked)).toBe(true);
    const probe = await setup.browser.probe();
    await expect.poll(() => probe.evaluate(() => (globalThis as unknown as { browser: Api }).browser.permissions.contains({ permissions: ['cookies'] }))).toBe(true);
    await options.close();
  });

  test('an embedded sign-in gets none of its cookies inside another site, and works in its own tab', async () => {
    const signIn = onHost('idp.test', '/cookie/page?name=idp_session');
    await (await setup.browser.newPage(onHost('idp.test', '/cookie/set?name=idp_session'))).close();
    const own = await setup.browser.openTab(signIn);
    await expect.poll(() => own.page.title()).toBe('Signed in');
    await own.page.close();
    const { tabId } = await setup.browser.openTab(onHost('shop.test', `/cookie/embed?src=${encodeURIComponent(signIn)}`));
    const popup = await popupOf(tabId);
    await expect.poll(() => topCause(popup)).toBe('third-party-cookies-blocked');
    const text = await textOf(popup, '[data-testid="top-cause"]');
    expect(text).toContain('The browser holds the sign-in cookie');
    expect(text).toContain('idp_session');
    expect(text).not.toContain('planted-session');
    expect(await popup.$eval('[data-testid="top-cause"] button[data-fix]', (el) => el.getAttribute('data-fix'))).toBe('open-sign-in-site');
    await popup.close();
  });

  test('a session cookie that expires, and the 401 that follows: "it expired"', async () => {
    const app = onHost('app.test', '');
    await (await setup.browser.newPage(`${app}/cookie/set?name=sid&maxage=2`)).close();
    const probe = await setup.browser.probe();
    // Wait until it is past its expiry (a state, polled; Firefox lists an expired cookie until it purges it): then the app calls its API.
    const held = () =>
      probe.evaluate(async () =>
        (await (globalThis as unknown as { browser: Api }).browser.cookies.getAll({ domain: 'app.test' })).some((c) => c.name === 'sid' && (c.expirationDate ?? 0) * 1000 > Date.now()),
      );
    await expect.poll(held, { timeout: 15_000 }).toBe(false);
    const { page, tabId } = await setup.browser.openTab(`${app}/cookie/call?name=sid`);
    await page.waitForSelector('#out[data-done]');
    const popup = await popupOf(tabId);
    await expect.poll(() => topCause(popup)).toBe('session-cookie-ended');
    expect(await textOf(popup, '[data-testid="top-cause"]')).toMatch(/Your session cookie "?sid"? ended \d+ seconds? before this: it expired/);
    await popup.close();
  });

  test('a SameSite=Strict cookie left off a navigation from another site', async () => {
    await (await setup.browser.newPage(onHost('bank.test', '/cookie/set?name=strict_session&samesite=Strict'))).close();
    const { page, tabId } = await setup.browser.openTab(onHost('shop.test', '/cookie/set?name=theme'));
    await page.waitForSelector('#out[data-done]');
    await page.evaluate((href) => {
      location.href = href;
    }, onHost('bank.test', '/cookie/page?name=strict_session'));
    await expect.poll(() => page.title()).toBe('Please sign in');
    const popup = await popupOf(tabId);
    await expect.poll(() => topCause(popup)).toBe('cookie-not-sent');
    const text = await textOf(popup, '[data-testid="top-cause"]');
    expect(text).toContain('strict_session');
    expect(text).toContain('SameSite=Strict, and this request came from another site');
    await popup.close();
  });
});
