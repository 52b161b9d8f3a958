import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

/** Closes tabs through the extension: Playwright's page.close() can stall on a tab the extension navigated. */
async function closeTabs(...tabIds: number[]) {
  const worker = await setup.browser.worker();
  await worker.evaluate((ids) => chrome.tabs.remove(ids), tabIds);
}

async function popupFor(path: string, host?: string) {
  const url = new URL(path, setup.site.origin);
  if (host) url.hostname = host;
  const { page, tabId } = await setup.browser.openTab(url.href);
  await page.locator('#out[data-done]').waitFor();
  await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
  const popup = await setup.browser.openPopup(tabId);
  const close = async () => {
    await popup.close();
    await closeTabs(tabId);
  };
  return { page, tabId, popup, close };
}

describe('one-click fixes in real Chromium', () => {
  test("clearing site data removes this site's cookies and keeps other sites'", async () => {
    const other = await setup.browser.context.newPage();
    await other.goto(`http://widgets.test:${new URL(setup.api.origin).port}/set-cookie?name=other`);
    const { page, popup, close } = await popupFor('/shape/session-expired');
    await page.goto(`${setup.site.origin}/set-cookie?name=mine`);
    await page.goto(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    const names = async () => (await setup.browser.context.cookies()).map((c) => `${c.domain}:${c.name}`).sort();
    expect(await names()).toEqual(expect.arrayContaining(['127.0.0.1:mine', 'widgets.test:other']));
    await popup.getByRole('button', { name: 'Clear cookies and site data for this site…' }).click();
    // It says what it will delete before it does.
    await expect.poll(() => popup.getByTestId('clear-plan').innerText()).toContain('This deletes the 1 cookie that 127.0.0.1 receives.');
    await popup.getByRole('button', { name: 'Clear now' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toContain(`Deleted 1 cookie and the stored data of ${setup.site.origin}`);
    const after = await names();
    expect(after.filter((n) => n.startsWith('127.0.0.1:'))).toEqual([]);
    expect(after).toContain('widgets.test:other');
    await close();
    await other.close();
  });

  test('reload reloads the page', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    const before = setup.site.log.filter((line) => line === 'GET /fetch-bearer').length;
    await popup.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => setup.site.log.filter((line) => line === 'GET /fetch-bearer').length).toBe(before + 1);
    await close();
  });

  test('the https switch appears on plain http and navigates the tab to https', async () => {
    const { tabId, popup, close } = await popupFor('/shape/insecure-http', 'shop.test');
    await popup.getByRole('button', { name: 'Open the https version' }).click();
    const worker = await setup.browser.worker();
    await expect.poll(() => worker.evaluate(async (id) => (await chrome.tabs.get(id)).pendingUrl ?? (await chrome.tabs.get(id)).url, tabId)).toMatch(/^https:\/\/shop\.test(:\d+)?\/shape\/insecure-http/);
    await close();
  });

  test('no https switch on an https or local page', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    await popup.getByRole('button', { name: 'Reload' }).waitFor();
    expect(await popup.getByRole('button', { name: 'Open the https version' }).count()).toBe(0);
    await close();
  });

  test('sign in again opens the site home page', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    const before = setup.site.log.filter((line) => line === 'GET /').length;
    await popup.getByRole('button', { name: 'Sign in again' }).click();
    await expect.poll(() => setup.site.log.filter((line) => line === 'GET /').length).toBe(before + 1);
    await close();
  });

  test('without --proxy-server, the proxy check and the checklist say no proxy is set in the browser', async () => {
    const { popup, close } = await popupFor('/fetch-bearer');
    // Read by itself when the popup opens (Chrome holds the permission): no click needed for the checklist.
    await expect.poll(() => popup.locator('[data-fact="browser-proxy"]').getAttribute('data-state')).toBe('no');
    await popup.getByRole('button', { name: 'Check for a proxy or VPN' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toContain("No proxy is set in the browser: it follows your system's proxy settings");
    expect(await popup.getByTestId('fix-result').getAttribute('class')).toBe('result ok');
    await close();
  });
});
