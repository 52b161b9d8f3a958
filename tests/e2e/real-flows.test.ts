/**
 * Flows people meet every day, in real Chromium: a refused app that sends you to its sign-in page
 * (the evidence stays visible there, labelled as the previous page's), and a token lost on a
 * redirect to another origin.
 */
import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

describe('a refused page that sends you to the sign-in page', () => {
  test.each([
    ['by script', '/app-script'],
    ['through a server redirect (302)', '/app-server-redirect'],
    ['by a meta refresh in its own 401 page', '/app-meta'],
  ])('%s: the sign-in page shows no warning, and its popup names what the app was refused', async (_how, path) => {
    const { page, tabId } = await setup.browser.openTab(setup.site.origin + path);
    await page.waitForURL(`${setup.site.origin}/login`);
    await page.locator('#out[data-done]').waitFor();
    await page.waitForTimeout(800); // past the publish delay: a badge would be there by now
    expect(await setup.browser.badgeText(tabId)).toBe('');
    const popup = await setup.browser.openPopup(tabId);
    expect(await popup.getByTestId('summary').innerText()).toContain('Nothing on this page was refused');
    const previous = popup.getByTestId('previous-page');
    await expect.poll(() => previous.locator('h2').textContent()).toBe(`Before this page, ${setup.site.origin}${path} had 1 refused request:`);
    const text = (await previous.textContent()) ?? '';
    expect(text).toContain('You are not signed in here'); // the previous page's own top cause
    expect(text).toContain(path === '/app-meta' ? `${setup.site.origin}/app-meta` : `${setup.site.origin}/api/session-expired`);
    await popup.close();
    await page.close();
  });
});

describe('Authorization dropped on a cross-origin redirect', () => {
  test('the popup says the token was lost on the redirect, for the visitor and the site owner', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/xo-redirect`);
    await page.locator('#out[data-done]').waitFor();
    expect(await page.locator('#out').innerText()).toBe('API answered 401');
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId);
    const top = popup.getByTestId('top-cause');
    expect(await top.getAttribute('data-cause')).toBe('auth-dropped-on-redirect');
    const text = await top.innerText();
    expect(text).toContain(`carried an Authorization header (Bearer) to "${setup.site.origin}", was redirected to "127.0.0.1"`);
    expect(text).toContain('Browsers drop Authorization when a request is redirected to another origin');
    await popup.close();
    await page.close();
  });
});
