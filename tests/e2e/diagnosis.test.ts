import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';
import { SHAPE_CASES, shapeUrl } from '../support/shape-cases';

const setup = chromiumWithServers();

describe('the popup names the right cause for each server shape, in real Chromium', () => {
  test.each(SHAPE_CASES)('$path → $expectCause', async (shape) => {
    const { page, tabId } = await setup.browser.openTab(shapeUrl(shape, setup.site.origin));
    if (!shape.holdsAtDialog) await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopup(tabId);
    const top = popup.getByTestId('top-cause');
    await expect.poll(() => top.getAttribute('data-cause')).toBe(shape.expectCause);
    // The top cause shows its evidence and steps.
    expect(await top.textContent()).toContain('Why we think so');
    expect(await top.locator('.evidence li').count()).toBeGreaterThan(0);
    expect(await top.locator('.steps li').count()).toBeGreaterThan(0);
    // Installed with access to every site: no notice that it is missing.
    expect(await popup.getByTestId('host-access').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
