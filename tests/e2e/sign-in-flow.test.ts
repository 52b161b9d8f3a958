/**
 * Sign-in flows through a real OpenID Provider (oidc-provider from npm, dev/oidc-servers.ts) in real
 * Chromium: a sign-in that works raises nothing, one the person cancels (`access_denied`, in the query,
 * in the fragment, in a sign-in window the page opened) and one the provider refuses itself (a
 * `redirect_uri` it never registered) are told in the popup's sign-in card, a `form_post` way back is
 * told quietly, and a token that expired by the time the app used it is explained as before, beside a
 * sign-in that worked. In Firefox ESR: the same card for an `access_denied` in the fragment, and no
 * badge for a sign-in that works.
 */
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { FirefoxExtensionBrowser } from '../../dev/firefox-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ExtensionBrowser } from '../../dev/extension-browser';
import { type OidcServers, startOidcServers } from '../../dev/oidc-servers';
import { seriousViolations } from '../support/axe';

let browser: ExtensionBrowser;
let servers: OidcServers;

beforeAll(async () => {
  servers = await startOidcServers();
});
afterAll(async () => {
  await servers?.close();
});

const host = (origin: string) => new URL(origin).host;

/** Signs in on the provider's development pages: any login, then consent. */
async function signIn(page: Page): Promise<void> {
  await page.waitForURL(/\/interaction\//);
  await page.locator('input[name=login]').fill('alice');
  await page.locator('input[name=password]').fill('wonderland');
  await page.locator('button[type=submit]').click();
  await page.locator('input[name=prompt][value=consent]').waitFor({ state: 'attached' });
  await page.locator('button[type=submit]').click();
}

/** The tab's sign-in flow as the worker stored it. */
async function storedFlow(tabId: number): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(async (id) => JSON.stringify((await chrome.storage.session.get(`signin:${id}`))[`signin:${id}`] ?? null), tabId);
}

async function signInCard(tabId: number): Promise<Page> {
  const popup = await browser.openPopup(tabId);
  await popup.getByTestId('sign-in').waitFor();
  return popup;
}

describe('sign-in through a real OpenID Provider (Chromium)', () => {
  beforeAll(async () => {
    browser = await ExtensionBrowser.launch();
  });
  afterAll(() => browser?.close());
  // Each test starts signed out at the provider (its session is a cookie).
  beforeEach(() => browser.context.clearCookies());

  test('a sign-in that works: no badge, a quiet line, no code or state kept', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=ok`);
    await signIn(page);
    await page.waitForURL(`${servers.app}/app?**`);
    await page.locator('#out[data-done]').waitFor();
    expect(await page.locator('#out').innerText()).toBe('Hello alice');
    await expect.poll(() => storedFlow(tabId)).toContain('"landed":true');
    const flow = JSON.parse(await storedFlow(tabId));
    expect(flow.outcome).toBe('signed-in');
    expect(flow.hops.map((hop: { kind: string }) => hop.kind)).toEqual(expect.arrayContaining(['authorize', 'callback']));
    // Values of code, state, nonce and the PKCE challenge never stored.
    for (const name of ['code', 'state', 'nonce', 'code_challenge']) expect(JSON.stringify(flow)).not.toMatch(new RegExp(`[?&]${name}=(?!redacted)`));
    await page.waitForTimeout(800); // past the publish delay: a badge would be there by now
    expect(await browser.badgeText(tabId)).toBe('');
    const popup = await signInCard(tabId);
    expect(await popup.getByTestId('sign-in').getAttribute('data-outcome')).toBe('signed-in');
    expect(await popup.getByTestId('sign-in-headline').innerText()).toBe(`Signed in at ${host(servers.provider)} and back at ${host(servers.app)}.`);
    expect(await popup.getByTestId('summary').innerText()).toContain('Nothing on this page was refused');
    await popup.close();
    await page.close();
  });

  test('access_denied (the person cancels at the provider): the story in plain words, who can fix it, the provider\'s words quoted', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=ok`);
    await page.waitForURL(/\/interaction\//);
    await page.getByText('[ Cancel ]').click();
    await page.waitForURL(`${servers.app}/cb?**`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => storedFlow(tabId)).toContain('"outcome":"provider-error"');
    const popup = await signInCard(tabId);
    const card = popup.getByTestId('sign-in');
    expect(await card.getAttribute('data-outcome')).toBe('provider-error');
    const headline = await popup.getByTestId('sign-in-headline').innerText();
    expect(headline).toContain(`Sign-in at ${host(servers.provider)} failed when it came back to ${host(servers.app)}: the identity provider said "access_denied" — the account is not allowed to use this app`);
    expect(await popup.getByTestId('sign-in-headline').locator('q.server-words').first().innerText()).toBe('"access_denied"');
    expect(await popup.getByTestId('sign-in-fixer').innerText()).toContain("your organisation's administrator");
    const text = await card.innerText();
    expect(text).toContain('The identity provider wrote: "End-User aborted interaction"');
    expect(text).toContain(`Sign-in request to ${host(servers.provider)}`);
    expect(text).toContain(`Back at ${host(servers.app)}`);
    expect(text).not.toMatch(/state=(?!redacted)/);
    expect(await browser.badgeText(tabId)).toBe('');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  test('access_denied in the fragment (response_mode=fragment): read from navigation, one hop with the page', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=ok&mode=fragment`);
    await page.waitForURL(/\/interaction\//);
    await page.getByText('[ Cancel ]').click();
    await page.waitForURL(`${servers.app}/cb#**`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => storedFlow(tabId)).toContain('"outcome":"provider-error"');
    const flow = JSON.parse(await storedFlow(tabId));
    expect(flow.hops.filter((hop: { url: string }) => hop.url === `${servers.app}/cb`)).toEqual([expect.objectContaining({ kind: 'callback', fromFragment: true, status: 200 })]);
    const popup = await signInCard(tabId);
    expect(await popup.getByTestId('sign-in-headline').innerText()).toContain('the identity provider said "access_denied"');
    expect(await popup.getByTestId('sign-in').innerText()).toContain('in the address fragment');
    await popup.close();
    await page.close();
  });

  test('response_mode=form_post: back by a form post, told quietly as such (its contents are not read)', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=ok&mode=form_post`);
    await signIn(page);
    await page.waitForURL(`${servers.app}/app?**`);
    await page.locator('#out[data-done]').waitFor();
    expect(await page.locator('#out').innerText()).toBe('Hello alice');
    await expect.poll(() => storedFlow(tabId)).toContain('"landed":true');
    expect(JSON.parse(await storedFlow(tabId))).toMatchObject({ outcome: 'returned', appHost: host(servers.app) });
    const popup = await signInCard(tabId);
    expect(await popup.getByTestId('sign-in-headline').innerText()).toBe(
      `Sign-in at ${host(servers.provider)} came back to ${host(servers.app)} in a form post. What it carried is not read, so whether it worked shows in what ${host(servers.app)} does next.`,
    );
    expect(await browser.badgeText(tabId)).toBe('');
    await popup.close();
    await page.close();
  });

  test('a sign-in window the page opened (window.open): its story is told on the page that opened it', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/popup-app`);
    const opened = page.waitForEvent('popup');
    await page.locator('#sign-in').click();
    const signInWindow = await opened;
    await signInWindow.waitForURL(/\/interaction\//);
    await signInWindow.getByText('[ Cancel ]').click();
    await signInWindow.waitForURL(`${servers.app}/cb?**`);
    await expect.poll(() => storedFlow(tabId)).toContain('"outcome":"provider-error"');
    await signInWindow.close();
    const popup = await signInCard(tabId);
    expect(await popup.getByTestId('sign-in-headline').innerText()).toContain('the identity provider said "access_denied"');
    expect(await popup.getByTestId('sign-in').innerText()).toContain('Followed in the sign-in window this page opened.');
    await popup.close();
    await page.close();
  });

  test("a redirect_uri the provider never registered: its own error page (400), the site's to fix", async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=bad-redirect`);
    await page.waitForURL(`${servers.provider}/auth?**`);
    await page.locator('#error').waitFor();
    expect(await page.locator('#error').innerText()).toBe('invalid_redirect_uri');
    await expect.poll(() => storedFlow(tabId)).toContain('"outcome":"provider-refused"');
    const popup = await signInCard(tabId);
    const headline = await popup.getByTestId('sign-in-headline').innerText();
    expect(headline).toContain(`Sign-in at ${host(servers.provider)} stopped on the identity provider's own error page (HTTP 400): it refused the sign-in request of ${host(servers.app)}`);
    expect(await popup.getByTestId('sign-in-fixer').innerText()).toContain("the site's owners");
    await popup.close();
    await page.close();
  });

  test('a token expired by the time the app used it: the API refusal explained as ever, beside a sign-in that worked', async () => {
    const { page, tabId } = await browser.openTab(`${servers.app}/login?case=expired`);
    await signIn(page);
    await page.waitForURL(`${servers.app}/app?**`);
    await page.locator('#out[data-done]').waitFor();
    expect(await page.locator('#out').innerText()).toBe('API answered 401');
    await expect.poll(() => browser.badgeText(tabId)).toBe('1');
    const popup = await signInCard(tabId);
    expect(await popup.getByTestId('sign-in').getAttribute('data-outcome')).toBe('signed-in');
    expect(await popup.getByTestId('top-cause').getAttribute('data-cause')).toBe('token-expired');
    await popup.close();
    await page.close();
  });
});

describe('sign-in through a real OpenID Provider (Firefox ESR)', () => {
  let firefox: FirefoxExtensionBrowser;
  beforeAll(async () => {
    firefox = await FirefoxExtensionBrowser.launch();
  });
  afterAll(() => firefox?.close());

  const flowIn = async (tabId: number) =>
    (await firefox.probe()).evaluate(
      async (id) => JSON.stringify((await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(`signin:${id}`))[`signin:${id}`] ?? null),
      tabId,
    );
  const outText = (page: FirefoxPage) => page.$eval('#out[data-done]', (el) => (el as HTMLElement).innerText);

  // A fresh profile is signed out at the provider: the cancelled sign-in first, the one that works after it.
  test('access_denied in the fragment: the same story, read from navigation', async () => {
    const { page, tabId } = await firefox.openTab(`${servers.app}/login?case=ok&mode=fragment`);
    await page.waitForSelector('a[href*="/abort"]');
    await page.click('a[href*="/abort"]');
    await page.waitForSelector('#out[data-done]');
    expect(page.url()).toMatch(new RegExp(`^${servers.app}/cb#`));
    await expect.poll(() => flowIn(tabId)).toContain('"outcome":"provider-error"');
    const popup = await firefox.openPopup(tabId);
    await popup.waitForSelector('[data-testid="sign-in-headline"]');
    const headline = await popup.$eval('[data-testid="sign-in-headline"]', (el) => (el as HTMLElement).innerText);
    expect(headline).toContain(`Sign-in at ${host(servers.provider)} failed when it came back to ${host(servers.app)}: the identity provider said "access_denied"`);
    await popup.close();
    await page.close();
  });

  test('a sign-in that works: no badge, the quiet line', async () => {
    const { page, tabId } = await firefox.openTab(`${servers.app}/login?case=ok`);
    await page.waitForSelector('input[name=login]');
    await page.type('input[name=login]', 'alice');
    await page.type('input[name=password]', 'wonderland');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=prompt][value=consent]');
    await page.click('button[type=submit]');
    await page.waitForSelector('#out[data-done]');
    expect(await outText(page)).toBe('Hello alice');
    await expect.poll(() => flowIn(tabId)).toContain('"landed":true');
    expect(JSON.parse(await flowIn(tabId)).outcome).toBe('signed-in');
    await new Promise((resolve) => setTimeout(resolve, 800)); // past the publish delay: a badge would be there by now
    expect(await firefox.badgeText(tabId)).toBe('');
    const popup = await firefox.openPopup(tabId);
    await popup.waitForSelector('[data-testid="sign-in"][data-outcome="signed-in"]');
    await popup.close();
    await page.close();
  });
});
