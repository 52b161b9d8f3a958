/**
 * The cookie story in real Chromium (issue 22, items 3–5), with the cookie watch turned on the way a
 * person does (the options page's checkbox, which asks for the optional cookies permission): an
 * embedded sign-in whose cookies the browser blocks inside another site (Chromium 156 blocks
 * third-party cookies by default) while the same page works in its own tab, a session cookie that
 * expires and the 401 that follows, and a SameSite=Strict cookie left off a request from another site.
 */
import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

/**
 * The same server under a made-up host (HOST_RULES maps *.test here): each test its own site, so one's
 * cookies and departures say nothing about another's. 127.0.0.1 is the one loopback host (Secure cookies over http).
 */
const onHost = (host: string, path: string) => `http://${host}:${new URL(setup.site.origin).port}${path}`;

async function openTopCause(tabId: number) {
  await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
  const popup = await setup.browser.openPopup(tabId);
  const top = popup.getByTestId('top-cause');
  return { popup, top };
}

/** Sets a cookie in a tab of its own (a first-party response), as a sign-in would. */
async function setCookie(origin: string, query: string) {
  const page = await setup.browser.context.newPage();
  await page.goto(`${origin}/cookie/set?${query}`);
  await page.close();
}

describe('the cookie story in real Chromium', () => {
  // Before the consent: the jar cannot be read, so "probably", and why.
  test('without the cookie watch, an embedded sign-in refused inside another site is probably blocked cookies, and it says why', async () => {
    const signIn = `${setup.site.origin}/cookie/page?name=idp_session`;
    const { page, tabId } = await setup.browser.openTab(onHost('shop.test', `/cookie/embed?src=${encodeURIComponent(signIn)}`));
    await page.locator('#out[data-done]').waitFor();
    const { popup, top } = await openTopCause(tabId);
    await expect.poll(() => top.getAttribute('data-cause')).toBe('third-party-cookies-blocked');
    const text = await top.textContent();
    expect(text).toContain('Probably because this browser blocks');
    expect(text).toContain('or you are not signed in at');
    await popup.close();
    await page.close();
  });

  // First: the tests below rest on it (they run in order, in one browser).
  test("turning on the cookie watch in the settings asks for the cookies permission, which the worker then holds", async () => {
    const options = await setup.browser.context.newPage();
    await options.goto(setup.browser.extensionUrl('src/options/options.html'));
    expect(await options.getByTestId('cookie-watch').isChecked()).toBe(false);
    await options.getByTestId('cookie-watch').click();
    await expect.poll(() => options.getByTestId('cookie-watch').isChecked()).toBe(true);
    const worker = await setup.browser.worker();
    await expect.poll(() => worker.evaluate(() => chrome.permissions.contains({ permissions: ['cookies'] }))).toBe(true);
    await options.close();
  });

  test('an embedded sign-in refused because third-party cookies are blocked, which works in its own tab', async () => {
    await setCookie(setup.site.origin, 'name=idp_session&samesite=None&secure=1');
    const signIn = `${setup.site.origin}/cookie/page?name=idp_session`;
    // Top-level, the browser sends the cookie: signed in, nothing refused.
    const own = await setup.browser.openTab(signIn);
    expect(await own.page.title()).toBe('Signed in');
    expect(await setup.browser.badgeText(own.tabId)).toBe('');
    await own.page.close();

    const { page, tabId } = await setup.browser.openTab(onHost('shop.test', `/cookie/embed?src=${encodeURIComponent(signIn)}`));
    await page.locator('#out[data-done]').waitFor();
    const { popup, top } = await openTopCause(tabId);
    await expect.poll(() => top.getAttribute('data-cause')).toBe('third-party-cookies-blocked');
    const text = await top.textContent();
    expect(text).toContain("This browser blocks the sign-in site's cookies inside other sites");
    // Told apart from "not signed in there": the jar holds the cookie the frame did not get.
    expect(text).toContain('The browser holds the sign-in cookie');
    expect(text).toContain('idp_session');
    expect(text).not.toContain('planted-session');
    const fix = top.locator('button[data-fix]').first();
    expect(await fix.getAttribute('data-fix')).toBe('open-sign-in-site');
    const worker = await setup.browser.worker();
    const openTabs = () => worker.evaluate(async (origin) => (await chrome.tabs.query({})).filter((t) => (t.pendingUrl ?? t.url ?? '') === `${origin}/`).length, setup.site.origin);
    const before = await openTabs();
    await fix.click();
    await expect.poll(openTabs).toBe(before + 1);
    await popup.close();
    await page.close();
  });

  test('a session cookie that expires, and the 401 that follows: "it expired"', async () => {
    const app = onHost('app.test', '');
    await setCookie(app, 'name=sid&maxage=2');
    // Wait for the browser to let it go (a state, polled): then the app calls its API.
    await expect.poll(async () => (await setup.browser.context.cookies(app)).some((c) => c.name === 'sid'), { timeout: 15_000 }).toBe(false);
    const { page, tabId } = await setup.browser.openTab(`${app}/cookie/call?name=sid`);
    await page.locator('#out[data-done]').waitFor();
    expect(await page.locator('#out').innerText()).toBe('API answered 401');
    const { popup, top } = await openTopCause(tabId);
    await expect.poll(() => top.getAttribute('data-cause')).toBe('session-cookie-ended');
    const text = await top.textContent();
    expect(text).toMatch(/Your session cookie "?sid"? ended \d+ seconds? before this: it expired/);
    expect(await top.locator('button[data-fix]').first().getAttribute('data-fix')).toBe('sign-in-again');
    await popup.close();
    await page.close();
  });

  test('a SameSite=Strict cookie left off a request from another site', async () => {
    await setCookie(onHost('bank.test', ''), 'name=strict_session&samesite=Strict');
    const account = onHost('bank.test', '/cookie/page?name=strict_session');
    const { page, tabId } = await setup.browser.openTab(onHost('shop.test', '/cookie/set?name=theme'));
    // A link from shop.test: a navigation another site started.
    await page.evaluate((href) => {
      location.href = href;
    }, account);
    await expect.poll(() => page.title()).toBe('Please sign in');
    const { popup, top } = await openTopCause(tabId);
    await expect.poll(() => top.getAttribute('data-cause')).toBe('cookie-not-sent');
    const text = await top.textContent();
    expect(text).toContain('The sign-in cookie exists, but the browser did not send it');
    expect(text).toContain('strict_session');
    expect(text).toContain('SameSite=Strict, and this request came from another site');
    expect(text).toContain('shop.test');
    await popup.close();
    // Typed into the address bar (no other site involved), the same page is signed in.
    await page.goto(account);
    expect(await page.title()).toBe('Signed in');
    await page.close();
  });

  // Last: it takes the consent back.
  test('turning the cookie watch off gives the permission back and forgets the departures', async () => {
    const worker = await setup.browser.worker();
    const departures = () => worker.evaluate(async () => Object.keys((await chrome.storage.session.get('cookieDepartures')).cookieDepartures ?? {}));
    // The session cookie that expired above is remembered, by its site only, in memory (storage.session).
    await expect.poll(departures).toContain('app.test');
    const options = await setup.browser.context.newPage();
    await options.goto(setup.browser.extensionUrl('src/options/options.html'));
    await options.getByTestId('cookie-watch').click();
    await expect.poll(() => options.getByTestId('cookie-watch').isChecked()).toBe(false);
    await expect.poll(() => worker.evaluate(() => chrome.permissions.contains({ permissions: ['cookies'] }))).toBe(false);
    await expect.poll(departures).toEqual([]);
    await options.close();
  });
});

