import { describe, expect, test } from 'vitest';
import { HOSTILE_REALM, OWNER_SECRETS } from '../../dev/test-server';
import { DevtoolsPanel } from '../support/devtools-panel';
import { chromiumWithServers } from '../support/setup';

// Every tab opens with DevTools docked, as a developer works: the panel is read from DevTools itself.
const setup = chromiumWithServers({ extraArgs: ['--auto-open-devtools-for-tabs'] });

const SECRETS = Object.values(OWNER_SECRETS);
const expectNoSecret = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toContain(OWNER_SECRETS.jwt.split('.')[1]);
};

/** Sets the filter box as typing does (Preact listens for input events). */
const FILTER = (value: string) =>
  `(() => { const box = document.querySelector('[data-testid=panel-filter]'); box.value = ${JSON.stringify(value)}; box.dispatchEvent(new Event('input', { bubbles: true })); })()`;

describe('the DevTools panel (Chromium, DevTools open)', () => {
  test("explains the inspected tab's refusals with the body's own words, owner's steps first; its HAR export and AI prompt hold no secret", async () => {
    const url = `${setup.site.origin}/owner-api`;
    const { page } = await setup.browser.openTab(url);
    await page.locator('#out[data-done]').waitFor();
    const panel = await DevtoolsPanel.open(setup.browser, url);
    try {
      // What DevTools recorded before the panel opened comes from getHAR; a reload arrives request by request.
      await page.reload();
      await page.locator('#out[data-done]').waitFor();
      await expect.poll(() => panel.text()).toContain('rest_not_logged_in');
      const text = await panel.text();
      expect(text).toContain('You are not currently logged in.');
      expect(text).toContain('Bad credentials'); // the 403's body, beside the refusal
      expect(await panel.evaluate<number>(`document.querySelectorAll('[data-testid=panel-neighbour]').length`)).toBeGreaterThanOrEqual(1);
      expect(text).toContain('403 Forbidden, not a sign-in request');
      // The first cause leads with the owner's steps, then the evidence; the server's HTML is text.
      const order = await panel.evaluate<string[]>(`[...document.querySelector('[data-testid=panel-cause]').querySelectorAll('h4')].map((h) => h.textContent)`);
      expect(order[0]).toBe('For the site owner or developer');
      expect(await panel.evaluate<string>(`document.querySelector('[data-testid=panel-cause]').dataset.cause`)).toBe('token-expired');
      expect(text).toContain(HOSTILE_REALM.slice(0, 20));
      expect(await panel.evaluate<number>(`document.querySelectorAll('main img, main script').length`)).toBe(0);
      expect(await panel.evaluate<unknown>('window.__pwned ?? null')).toBeNull();
      expectNoSecret(text);

      // The filter narrows the requests (and the diagnosis) to what matches.
      await panel.evaluate(FILTER('owner-settings'));
      await expect.poll(() => panel.evaluate<number>(`document.querySelectorAll('[data-testid=panel-refusal]').length`)).toBe(0);
      await panel.evaluate(FILTER(''));
      await expect.poll(() => panel.evaluate<number>(`document.querySelectorAll('[data-testid=panel-refusal]').length`)).toBeGreaterThanOrEqual(1);

      // The sanitized HAR: the auth-relevant requests, no secret anywhere, and what was removed by name.
      await panel.evaluate(`document.querySelector('[data-testid=export-har]').click()`);
      const har = await panel.evaluate<string>(`(async () => { for (;;) { const a = document.querySelector('[data-testid=har-download]'); if (a) return (await fetch(a.href)).text(); await new Promise((r) => setTimeout(r, 50)); } })()`);
      expectNoSecret(har);
      const entries = (JSON.parse(har) as { log: { entries: Array<{ response: { status: number } }> } }).log.entries;
      expect(entries.map((e) => e.response.status)).toEqual(expect.arrayContaining([401, 403]));
      const removed = await panel.evaluate<string>(`document.querySelector('[data-testid=har-removed]').innerText`);
      expect(removed).toMatch(/Authorization · request header/i);
      expect(removed).toContain('access_token · query parameter');
      expect(removed).toContain('wp_session · cookie value');
      expectNoSecret(removed);

      // The prompt for an AI assistant.
      await panel.evaluate(`document.querySelector('[data-testid=copy-ai]').click()`);
      const prompt = await panel.evaluate<string>(`(async () => { for (;;) { const p = document.querySelector('[data-testid=ai-prompt]'); if (p) return p.textContent; await new Promise((r) => setTimeout(r, 50)); } })()`);
      expect(prompt).toContain('rest_not_logged_in');
      expect(prompt).toContain('Authorization Bearer (value removed)');
      expectNoSecret(prompt);
    } finally {
      await panel.close();
      await page.close();
    }
  });
});
