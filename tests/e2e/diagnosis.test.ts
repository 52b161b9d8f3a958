import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';
import { COOKIE_JARS, cookieJarPages, SHAPE_CASES, shapeUrl } from '../support/shape-cases';

const setup = chromiumWithServers();

/** Chrome shows cookies, CORS preflights and handshakes only to listeners that ask for extraHeaders: detail capture (detail-capture.ts). */
const DETAIL = ['off', 'on'] as const;
const MATRIX = DETAIL.flatMap((detail) => COOKIE_JARS.flatMap((jar) => SHAPE_CASES.map((shape) => ({ ...shape, jar, detail }))));

describe('the popup names the right cause and first fix for each server shape, in real Chromium', () => {
  test.each(MATRIX)('$path (cookies: $jar, detail capture $detail) → $expectCause, $expectFix', async (shape) => {
    for (const url of cookieJarPages(shape, setup.site.origin, shape.jar)) {
      const page = await setup.browser.context.newPage();
      await page.goto(url);
      await page.close();
    }
    if (shape.detail === 'off') await setup.browser.endDetailCapture();
    else if ((await setup.browser.detailCaptureUntil()) === 0) await setup.browser.resumeDetailCapture();
    const { page, tabId } = await setup.browser.openTab(shapeUrl(shape, setup.site.origin));
    if (!shape.holdsAtDialog) await page.locator('#out[data-done]').waitFor();
    const withoutDetail = shape.detail === 'off' ? shape.withoutDetail : undefined;
    let expected = { cause: shape.expectCause, fix: shape.expectFix };
    if (withoutDetail && 'notSeen' in withoutDetail) {
      // Invisible without extraHeaders: no badge, no claim; the failure turned detail capture on, so a reload shows it.
      await expect.poll(() => setup.browser.detailCaptureUntil()).toBeGreaterThan(0);
      expect(await setup.browser.badgeText(tabId)).toBe('');
      await page.reload();
      await page.locator('#out[data-done]').waitFor();
    } else if (withoutDetail) expected = { cause: withoutDetail.expectCause, fix: withoutDetail.expectFix };
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopup(tabId);
    const top = popup.getByTestId('top-cause');
    // What a person acts on: the first cause shown, and the first button it offers.
    await expect.poll(() => top.getAttribute('data-cause')).toBe(expected.cause);
    expect(await top.locator('button[data-fix]').first().getAttribute('data-fix')).toBe(expected.fix);
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
