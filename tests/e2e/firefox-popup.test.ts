/**
 * Firefox at parity with Chromium: the popup opened directly for a tab (popup.html?tabId=N), the
 * same shape table as diagnosis.test.ts, the same fixes clicked as fixes.test.ts, and host access
 * taken away and asked for again. Permission prompts are answered "allow" by a preference
 * (dev/firefox-browser.ts): what is tested is that each fix asks and then works.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, test } from 'vitest';
import { buttonNamed, textOf } from '../../dev/firefox-browser';
import { seriousViolations } from '../support/axe';
import { firefoxWithServers } from '../support/setup';
import { COOKIE_JARS, cookieJarPages, SHAPE_CASES, shapeUrl } from '../support/shape-cases';

const setup = firefoxWithServers();
afterEach(() => setup.browser.closeOtherTabs());
type Api = typeof chrome;

async function popupFor(path: string, host?: string) {
  const url = new URL(path, setup.site.origin);
  if (host) url.hostname = host;
  const { page, tabId } = await setup.browser.openTab(url.href);
  await page.waitForSelector('#out[data-done]');
  await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
  const popup = await setup.browser.openPopup(tabId);
  const close = async () => {
    await popup.close();
    await page.close();
  };
  return { page, tabId, popup, close };
}

const fixResult = (popup: Page) => textOf(popup, '[data-testid="fix-result"]');
const hits = (line: string) => setup.site.log.filter((l) => l === line).length;

const MATRIX = COOKIE_JARS.flatMap((jar) => SHAPE_CASES.map((shape) => ({ ...shape, jar })));

describe('the popup names the right cause and first fix for each server shape, in Firefox ESR', () => {
  test.each(MATRIX)('$path (cookies: $jar) → $expectCause, $expectFix', async (shape) => {
    for (const url of cookieJarPages(shape, setup.site.origin, shape.jar)) await (await setup.browser.newPage(url)).close();
    const { page, tabId } = await setup.browser.openTab(shapeUrl(shape, setup.site.origin));
    if (!shape.holdsAtDialog) await page.waitForSelector('#out[data-done]');
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopup(tabId);
    // What a person acts on: the first cause shown, and the first button it offers.
    await expect.poll(() => popup.$eval('[data-testid="top-cause"]', (el) => el.getAttribute('data-cause'))).toBe(shape.expectCause);
    expect(await popup.$eval('[data-testid="top-cause"] button[data-fix]', (el) => el.getAttribute('data-fix'))).toBe(shape.expectFix);
    const top = await textOf(popup, '[data-testid="top-cause"]');
    expect(top).toContain('Why we think so');
    expect(await popup.$$eval('[data-testid="top-cause"] .evidence li', (items) => items.length)).toBeGreaterThan(0);
    expect(await popup.$$eval('[data-testid="top-cause"] .steps li', (items) => items.length)).toBeGreaterThan(0);
    expect(await popup.$('[data-testid="host-access"]')).toBeNull(); // access to every site: no notice
    await popup.close();
    await page.close();
  });
});

describe('one-click fixes in Firefox ESR', () => {
  test("clearing site data removes this site's cookies and keeps other sites'", async () => {
    const other = await setup.browser.newPage(`http://widgets.test:${new URL(setup.api.origin).port}/set-cookie?name=other`);
    const { page, popup, close } = await popupFor('/shape/session-expired');
    await page.goto(`${setup.site.origin}/set-cookie?name=mine`);
    await page.goto(`${setup.site.origin}/shape/session-expired`);
    await page.waitForSelector('#out[data-done]');
    expect(await page.evaluate(() => document.cookie)).toContain('mine=');
    await (await buttonNamed(popup, 'Clear cookies and site data for this site…')).click();
    // It says what it will delete before it does.
    // (The shape table may have left cookies of its own on 127.0.0.1: the count is not fixed here.)
    await expect.poll(() => textOf(popup, '[data-testid="clear-plan"]')).toMatch(/This deletes the \d+ cookies? that 127\.0\.0\.1 receives\./);
    await (await buttonNamed(popup, 'Clear now')).click();
    await expect.poll(() => fixResult(popup)).toMatch(new RegExp(`Deleted \\d+ cookies and the stored data of ${setup.site.origin}`));
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await other.evaluate(() => document.cookie)).toContain('other=');
    // Needed for that click only: given back.
    const probe = await setup.browser.probe();
    expect(await probe.evaluate(() => (globalThis as unknown as { browser: Api }).browser.permissions.contains({ permissions: ['browsingData', 'cookies'] }))).toBe(false);
    await close();
    await other.close();
  });

  test('reload reloads the page', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    const before = hits('GET /fetch-bearer');
    await (await buttonNamed(popup, 'Reload')).click();
    await expect.poll(() => hits('GET /fetch-bearer')).toBe(before + 1);
    await close();
  });

  test('the https switch appears on plain http and navigates the tab to https', async () => {
    const { tabId, popup, close } = await popupFor('/shape/insecure-http', 'shop.test');
    await (await buttonNamed(popup, 'Open the https version')).click();
    const probe = await setup.browser.probe();
    const tabUrl = () => probe.evaluate(async (id) => (await (globalThis as unknown as { browser: Api }).browser.tabs.get(id)).url, tabId);
    await expect.poll(tabUrl).toMatch(/^https:\/\/shop\.test(:\d+)?\/shape\/insecure-http/);
    await close();
  });

  test('sign in again opens the site home page', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    const before = hits('GET /');
    await (await buttonNamed(popup, 'Sign in again')).click();
    await expect.poll(() => hits('GET /')).toBe(before + 1);
    await close();
  });

  test('the proxy check asks for the optional proxy permission, then says no proxy is set', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    // Optional in Firefox: not read before the click, so the checklist does not know yet.
    expect(await popup.$eval('[data-fact="browser-proxy"]', (el) => el.getAttribute('data-state'))).toBe('unknown');
    await (await buttonNamed(popup, 'Check for a proxy or VPN')).click();
    await expect.poll(() => fixResult(popup)).toMatch(/No proxy is set in the browser|system's proxy settings/);
    await expect.poll(() => popup.$eval('[data-fact="browser-proxy"]', (el) => el.getAttribute('data-state'))).toBe('no');
    await close();
  });

  test('copy a report: the clipboard write is allowed from the click', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    await (await buttonNamed(popup, 'Copy a report')).click();
    await expect.poll(() => fixResult(popup)).toContain('Copied');
    await close();
  });
});

describe('host access taken away in Firefox', () => {
  test('the popup and the options page say so, and the button gives it back', async () => {
    const probe = await setup.browser.probe();
    const hostAccess = () => probe.evaluate(() => (globalThis as unknown as { browser: Api }).browser.permissions.contains({ origins: ['<all_urls>'] }));
    // What a person does in about:addons → Permissions: "Access your data for all websites" off.
    await probe.evaluate(() => (globalThis as unknown as { browser: Api }).browser.permissions.remove({ origins: ['<all_urls>'] }));
    expect(await hostAccess()).toBe(false);

    // The extension is blind now: a refused page gets no badge.
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/fetch-bearer`);
    await page.waitForSelector('#out[data-done]');
    const popup = await setup.browser.openPopup(tabId);
    expect(await textOf(popup, '[data-testid="host-access"]')).toContain('This extension may not read every site');
    expect(await setup.browser.badgeText(tabId)).toBe('');
    const options = await setup.browser.openExtensionPage('src/options/options.html', '[data-testid="host-access"]');
    expect(await textOf(options, '[data-testid="host-access"]')).toContain('This extension may not read every site');
    await options.close();

    await (await buttonNamed(popup, 'Allow access to all websites')).click();
    await expect.poll(() => textOf(popup, '[data-testid="host-access"]')).toBe('Access given: pages you open or reload from now on are checked.');
    expect(await hostAccess()).toBe(true);
    await page.reload();
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    await popup.close();
    await page.close();
  });
});

/**
 * At a phone's size, as Firefox for Android shows the popup (a full-screen page) and the settings: nothing
 * scrolls sideways, every control is at least 48 px tall, no control hides until hovered, and axe finds
 * nothing serious. Firefox ESR on Linux is what runs here: for the fixes Android cannot run, the popup
 * is told it runs on Android (openPopupAsOnAndroid).
 */
const PHONE = { width: 360, height: 640 };

/** What a finger could not use: a page wider than the screen, a control out of reach or under 48 px, a rule that shows something on hover only. */
function touchProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const details of document.querySelectorAll('details')) details.open = true; // everything, also what is folded
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    for (const control of document.querySelectorAll<HTMLElement>('button, summary, input')) {
      const target = control instanceof HTMLInputElement && /^(checkbox|radio)$/.test(control.type) ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      const name = `${control.tagName.toLowerCase()} "${(control.textContent || control.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
      if (box.height < 48) problems.push(`${name} is ${Math.round(box.height)} px tall`);
      if (box.left < 0 || box.right > width) problems.push(`${name} reaches past the screen (${Math.round(box.right)} > ${width})`);
    }
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSStyleRule && rule.selectorText.includes(':hover') && /\b(display|visibility|opacity|height)\s*:/.test(rule.style.cssText)) problems.push(`shown on hover only: ${rule.selectorText}`);
      }
    }
    return problems;
  });
}

describe("at a phone's size (360×640), as Firefox for Android shows the popup and the settings", () => {
  test.each(['/shape/session-expired', '/fetch-bearer'])('the popup for %s: every fix in reach without sideways scrolling, 48 px tall, axe 0 serious', async (path) => {
    const { page, tabId } = await setup.browser.openTab(setup.site.origin + path);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopup(tabId, PHONE);
    expect(await popup.$$eval('button[data-fix]', (buttons) => buttons.length)).toBeGreaterThan(3);
    expect(await touchProblems(popup)).toEqual([]);
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  test('the settings page: every control in reach and 48 px tall, axe 0 serious', async () => {
    const options = await setup.browser.openExtensionPage('src/options/options.html', 'fieldset', PHONE);
    expect(await touchProblems(options)).toEqual([]);
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });

  test('on Android the clear and the proxy check say why they cannot run there, and the other fixes stay', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.waitForSelector('#out[data-done]');
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopupAsOnAndroid(tabId, PHONE);
    expect((await popup.$$eval('[data-unavailable]', (notes) => notes.map((n) => n.getAttribute('data-unavailable')))).sort()).toEqual(['check-proxy', 'clear-site-data']);
    expect(await popup.$$eval('button[data-fix]', (buttons) => buttons.map((b) => b.getAttribute('data-fix')))).not.toContain('clear-site-data');
    expect(await textOf(popup, '[data-unavailable="clear-site-data"]')).toContain('Firefox for Android does not let extensions delete');
    expect(await touchProblems(popup)).toEqual([]);
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});
