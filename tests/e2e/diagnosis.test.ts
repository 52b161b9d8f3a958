import { describe, expect, test } from 'vitest';
import type { CauseId } from '../../src/diagnosis/types';
import { SERVER_SHAPES } from '../support/server-shapes';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

interface Case {
  path: string;
  expectCause: CauseId;
  host?: string;
  holdsAtDialog?: boolean;
}

const CASES: Case[] = [
  { path: '/basic', expectCause: 'no-credentials', holdsAtDialog: true },
  { path: '/fetch-bearer', expectCause: 'token-expired' },
  { path: '/cors-preflight', expectCause: 'cors-preflight' },
  ...SERVER_SHAPES.map((shape) => ({ path: shape.path, expectCause: shape.expectCause, host: shape.host, holdsAtDialog: shape.mainFrame !== undefined })),
];

describe('the popup names the right cause for each server shape, in real Chromium', () => {
  test.each(CASES)('$path → $expectCause', async ({ path, expectCause, host, holdsAtDialog }) => {
    const url = new URL(path, setup.site.origin);
    if (host) url.hostname = host;
    const { page, tabId } = await setup.browser.openTab(url.href);
    if (!holdsAtDialog) await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.openPopup(tabId);
    const top = popup.getByTestId('top-cause');
    await expect.poll(() => top.getAttribute('data-cause')).toBe(expectCause);
    // The top cause shows its evidence and steps.
    expect(await top.textContent()).toContain('Why we think so');
    expect(await top.locator('.evidence li').count()).toBeGreaterThan(0);
    expect(await top.locator('.steps li').count()).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });
});
