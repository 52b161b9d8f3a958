import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIST_DIR } from '../../dev/extension-browser';
import { seriousViolations } from '../support/axe';
import { makeJwt } from '../support/jwt';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers();

beforeAll(() => setup.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']));

const PLANTED_TOKEN = makeJwt({ exp: 1_000, sub: 'planted-subject', secret: 'planted-claim-value' });
const PLANTED_BASIC = Buffer.from('planted-user:planted-password').toString('base64');
const PLANTED_COOKIE = 'planted-cookie-value-secret';

describe('popup quality in real Chromium', () => {
  test('the copied report and curl line contain no planted secret', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/healthy`);
    await page.locator('#out[data-done]').waitFor();
    await page.evaluate(
      async ({ token, basic, cookie }) => {
        document.cookie = `session=${cookie}; path=/`;
        await fetch(`/api/bearer?access_token=${token}`, { headers: { Authorization: `Bearer ${token}` } });
        await fetch('/api/me', { headers: { Authorization: `Basic ${basic}` } });
      },
      { token: PLANTED_TOKEN, basic: PLANTED_BASIC, cookie: PLANTED_COOKIE },
    );
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('2');
    const popup = await setup.browser.openPopup(tabId);
    await popup.getByRole('button', { name: 'Copy a report' }).click();
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).toBe('Copied.');
    const report = await popup.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain('# 401 Explainer report');
    expect(report).toContain('Authorization: Bearer (value not recorded)');
    await popup.getByRole('button', { name: 'Copy as curl' }).click();
    await expect.poll(() => popup.evaluate(() => navigator.clipboard.readText())).toContain("curl --globoff --path-as-is -i -X 'GET'");
    const curl = await popup.evaluate(() => navigator.clipboard.readText());
    const secrets = [PLANTED_COOKIE, PLANTED_BASIC, 'planted-password', 'planted-claim-value', ...PLANTED_TOKEN.split('.')];
    for (const text of [report, curl, await popup.content()]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    await popup.close();
    await page.close();
  });

  test('the popup has no serious or critical accessibility problems (axe-core), with a diagnosis and without', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId);
    await popup.getByTestId('top-cause').waitFor();
    // Open every disclosure so hidden content is checked too.
    for (const summary of await popup.locator('summary').all()) await summary.click();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
    const healthy = await setup.browser.openTab(`${setup.site.origin}/healthy`);
    const empty = await setup.browser.openPopup(healthy.tabId);
    expect(await seriousViolations(empty)).toEqual([]);
    await empty.close();
    await healthy.page.close();
    await page.close();
  });

  test('the developer view and the options page have no serious or critical accessibility problems', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/expired-jwt`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const dev = await setup.browser.context.newPage();
    await dev.goto(setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}&view=developer`));
    await dev.getByTestId('timeline-item').waitFor();
    const text = await dev.locator('main').innerText();
    expect(text).toContain('exp ');
    expect(text).toContain('iss host "login.example.test"'); // the token's claims are the page's words: quoted, set apart
    expect(text).not.toContain(PLANTED_TOKEN.split('.')[1]!);
    expect(await seriousViolations(dev)).toEqual([]);
    await dev.goto(setup.browser.extensionUrl('src/options/options.html'));
    await dev.getByText('Sites to ignore').waitFor();
    expect(await seriousViolations(dev)).toEqual([]);
    await dev.close();
    await page.close();
  });

  test('keyboard only: Tab reaches the fixes and Enter runs one', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/fetch-bearer`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await popup.keyboard.press('Tab');
      reached = await popup.evaluate(() => document.activeElement?.textContent === 'Check for a proxy or VPN');
    }
    expect(reached).toBe(true);
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByTestId('fix-result').innerText()).not.toBe('');
    await popup.close();
    await page.close();
  });

  // How fast it paints is measured by `npm run bench` (popup time to content), not here: a test must pass on a busy machine.
  test('on a tab with 50 records the popup lists the newest 20, the rest one click away', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/healthy`);
    await page.locator('#out[data-done]').waitFor();
    await page.evaluate(() => Promise.all(Array.from({ length: 50 }, (_, i) => fetch(`/api/bearer?item=${i}`))));
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('50');
    const popup = await setup.browser.openPopup(tabId);
    await popup.getByTestId('refusal').first().waitFor(); // the list paints one frame after the verdict
    expect(await popup.getByTestId('refusal').count()).toBe(20); // the newest 20; the rest behind the button
    await popup.getByRole('button', { name: 'Show all 50 refused requests' }).click();
    expect(await popup.getByTestId('refusal').count()).toBe(50);
    expect(await popup.evaluate(() => getComputedStyle(document.body).width)).toBe('400px'); // styles came inside the script
    await popup.close();
    await page.close();
  });

  test('the popup page loads one script with its styles inside (each extra file delays it)', async () => {
    const html = await readFile(join(DIST_DIR, 'src/popup/popup.html'), 'utf8');
    expect(html).not.toMatch(/rel="(stylesheet|modulepreload)"/);
    const modules = [...html.matchAll(/<script type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]!);
    expect(modules).toHaveLength(1);
    const code = await readFile(join(DIST_DIR, modules[0]!), 'utf8');
    expect(code).not.toMatch(/\bimport\s*(\{[^}]*\}\s*from\s*)?["']/); // no static import: the report and developer view load lazily
    expect(code).toContain('import(');
  });
});

describe("at Chrome's popup size (400×600), without scrolling", () => {
  test.each(['/fetch-bearer', '/shape/session-expired', '/shape/scope', '/cors-preflight'])('%s: the verdict, the top cause with its evidence, and its fixes are in view', async (path) => {
    const { page, tabId } = await setup.browser.openTab(setup.site.origin + path);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).not.toBe('');
    const popup = await setup.browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`));
    await popup.locator('main[data-complete]').waitFor();
    const inView = async (locator: ReturnType<typeof popup.locator>) => {
      const box = await locator.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 600;
    };
    const top = popup.getByTestId('top-cause');
    expect(await inView(popup.getByTestId('summary'))).toBe(true);
    expect(await inView(top.locator('h2'))).toBe(true);
    expect(await inView(top.locator('.evidence li').first())).toBe(true);
    const fixes = top.locator('.buttons button');
    expect(await fixes.count()).toBeGreaterThan(0);
    expect(await inView(fixes.first())).toBe(true);
    await popup.close();
    await page.close();
  });
});
