/**
 * Chrome's detail capture (src/background/detail-capture.ts): the worker's permanent listeners ask
 * for no `extraHeaders`, so Chrome shows them no cookies and no CORS preflights; a refusal adds a
 * pair that does, for 10 minutes. A fresh browser per file: these tests depend on it being off at first.
 */
import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

async function popupText(tabId: number): Promise<{ text: string; top: string | null }> {
  const popup = await setup.browser.openPopup(tabId);
  const text = await popup.locator('main').innerText();
  const topCause = popup.getByTestId('top-cause');
  const top = (await topCause.count()) ? await topCause.getAttribute('data-cause') : null;
  await popup.close();
  return { text, top };
}

describe('detail capture in real Chromium', () => {
  test('the first refusal is explained without cookies, says they were not visible, and turns detail capture on', async () => {
    expect(await setup.browser.detailCaptureUntil()).toBe(0);
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const { text, top } = await popupText(tabId);
    expect(top).toBe('no-credentials');
    expect(text).toContain('Possible');
    expect(text).toContain('cookies not visible');
    expect(text).toContain('Reload the page to see them');
    expect(await setup.browser.detailCaptureUntil()).toBeGreaterThan(Date.now());

    // Reloaded, the same refusal is seen with the cookie sent and the one the server deleted.
    await page.reload();
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(async () => (await popupText(tabId)).top).toBe('session-expired');
    const after = await popupText(tabId);
    expect(after.text).toContain('1 cookie');
    expect(after.text).toContain('"sid"');
    await page.close();
  });

  test('a restarted worker resumes detail capture', async () => {
    await setup.browser.restartWorker();
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(async () => (await popupText(tabId)).top).toBe('session-expired');
    await page.close();
  });

  // Chrome keeps runtime-added listeners registered while the worker is stopped, and their cost
  // with them, until a worker adds and removes them again. That cost shows only in a benchmark (no
  // event reaches the inactive registration); here, that the worker finds detail capture over.
  test('once it has ended with the worker stopped, the woken worker has it off: a refused preflight is not seen until its failure turns detail capture on again', async () => {
    // Detail capture due to end in 1 s, resumed by a restarted worker, which is then stopped.
    await setup.browser.resumeDetailCapture(1_000);
    await setup.browser.stopWorker();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // The next page wakes the worker, which finds detail capture over and clears the registration.
    const healthy = await setup.browser.openTab(`${setup.site.origin}/healthy`);
    await healthy.page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.detailCaptureUntil()).toBe(0);
    await healthy.page.close();

    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/cors-preflight`);
    await page.locator('#out[data-done]').waitFor();
    // The failed cross-origin call (the preflight Chrome did not show) turns detail capture on...
    await expect.poll(() => setup.browser.detailCaptureUntil()).toBeGreaterThan(Date.now());
    expect(await setup.browser.badgeText(tabId)).toBe('');
    expect((await popupText(tabId)).text).toContain('Nothing on this page was refused');
    // ...and after a reload the refused preflight is seen.
    await page.reload();
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    expect((await popupText(tabId)).text).toContain('OPTIONS (preflight)');
    await page.close();
  });
});
