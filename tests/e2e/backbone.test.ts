import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExtensionBrowser } from '../support/extension-browser';
import { startTestServers, type TestServer } from '../support/test-server';

let browser: ExtensionBrowser;
let site: TestServer;
let api: TestServer;

beforeAll(async () => {
  ({ site, api } = await startTestServers());
  browser = await ExtensionBrowser.launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

/** Opens a demo page and waits until its script reported (or, for dialog pages, until the response arrived). */
async function visit(path: string, { waitForScript = true } = {}): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(site.origin + path);
  if (waitForScript) await page.locator('#out[data-done]').waitFor();
  return { page, tabId: await browser.tabIdOf(page) };
}

async function popupText(tabId: number): Promise<string> {
  const popup = await browser.openPopup(tabId);
  const text = await popup.locator('main').innerText();
  await popup.close();
  return text;
}

describe('capture in real Chromium', () => {
  test('a fetch refused with a Bearer 401 gets a badge, a page marker and a popup entry', async () => {
    const { page, tabId } = await visit('/fetch-bearer');
    await expect.poll(() => browser.badgeText(tabId)).toBe('1');
    expect(await browser.badgeTitle(tabId)).toContain('1 request was refused (401)');
    await expect.poll(() => page.locator('#explainer-401-marker').count()).toBe(1);
    const text = await popupText(tabId);
    expect(text).toContain('1 request on this page was refused');
    expect(text).toContain(`${site.origin}/api/bearer`);
    expect(text).toContain('Asked for: Bearer');
    expect(text).toContain('Sent: Bearer');
    expect(text).toContain('Not recovered');
    await page.close();
  });

  test('a healthy page gets no badge, no marker and an all-clear popup', async () => {
    const { page, tabId } = await visit('/healthy');
    await page.waitForTimeout(800); // longer than the publish delay: a badge would be there by now
    expect(await browser.badgeText(tabId)).toBe('');
    expect(await page.locator('#explainer-401-marker').count()).toBe(0);
    expect(await popupText(tabId)).toContain('Nothing on this page was refused');
    await page.close();
  });
});
