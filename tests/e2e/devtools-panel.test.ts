import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { recordHar } from '../../dev/record-har';
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

      // The same with the polyfill wrapping `chrome` (no native `browser`, as in Chrome 148–151).
      await panel.reloadWithoutNativeBrowser();
      await page.reload();
      await page.locator('#out[data-done]').waitFor();
      await expect.poll(() => panel.text()).toContain('rest_not_logged_in');
      expect(await panel.evaluate<string>(`document.querySelector('[data-testid=panel-cause]').dataset.cause`)).toBe('token-expired');
      expect(await panel.evaluate<string>('typeof browser')).toBe('undefined');
      expect(await panel.text()).toContain('Bad credentials');
    } finally {
      await panel.close();
      await page.close();
    }
  });
});

describe('HAR files, read offline by the panel page (opened from the settings)', () => {
  test('a HAR recorded by real Chromium gives the same first cause; a hostile file gives a clear error or text, never HTML', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'explainer-har-'));
    const options = await setup.browser.context.newPage();
    try {
      const harPath = join(dir, 'recorded.har');
      await recordHar([`${setup.site.origin}/owner-api`], harPath);
      expect(await readFile(harPath, 'utf8')).toContain(OWNER_SECRETS.jwt); // a HAR as browsers write it: secrets in it

      await options.goto(setup.browser.extensionUrl('src/options/options.html'));
      const opened = setup.browser.context.waitForEvent('page');
      await options.getByTestId('open-har-reader').click();
      const reader = await opened;
      await reader.locator('main[data-complete]').waitFor();
      expect(reader.url()).toBe(setup.browser.extensionUrl('src/devtools/panel.html'));

      await reader.getByTestId('import-har').setInputFiles(harPath);
      await expect.poll(() => reader.getByTestId('panel-cause').first().getAttribute('data-cause')).toBe('token-expired');
      const text = await reader.locator('main').innerText();
      expect(text).toContain('recorded.har');
      expect(text).toContain('rest_not_logged_in');
      expectNoSecret(text);

      // Exported again from the reader, the sanitized file reads back to the same first cause.
      await reader.getByTestId('export-har').click();
      const sanitized = await reader.evaluate(async () => (await fetch(document.querySelector<HTMLAnchorElement>('[data-testid=har-download]')!.href)).text());
      expectNoSecret(sanitized);
      await reader.getByTestId('import-har').setInputFiles({ name: 'sanitized.har', mimeType: 'application/json', buffer: Buffer.from(sanitized) });
      await expect.poll(() => reader.getByTestId('panel-source').innerText()).toContain('sanitized.har');
      expect(await reader.getByTestId('panel-cause').first().getAttribute('data-cause')).toBe('token-expired');

      // Hostile files: not JSON, not a HAR, and one whose every string is HTML.
      await reader.getByTestId('import-har').setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log": {"entries": [') });
      await expect.poll(() => reader.getByTestId('import-error').innerText()).toContain('not valid JSON');
      await reader.getByTestId('import-har').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"entries": "<img src=x onerror=window.__pwned=1>"}') });
      await expect.poll(() => reader.getByTestId('import-error').innerText()).toContain('no log.entries list');
      const html = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
      const hostile = {
        log: {
          entries: [
            {
              startedDateTime: html,
              request: { method: html, url: `https://x.example/${html}`, headers: [{ name: html, value: html }] },
              response: { status: 401, statusText: html, headers: [{ name: 'WWW-Authenticate', value: `Bearer realm="${html}", error="${html}"` }], content: { mimeType: 'application/json', text: JSON.stringify({ error: html, message: html }) } },
            },
          ],
        },
      };
      await reader.getByTestId('import-har').setInputFiles({ name: 'hostile.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
      await expect.poll(() => reader.getByTestId('panel-source').innerText()).toContain('hostile.har');
      await expect.poll(() => reader.locator('main').innerText()).toContain('<script>window.__pwned=2</script>');
      expect(await reader.locator('main img, main script').count()).toBe(0);
      expect(await reader.evaluate(() => (window as { __pwned?: number }).__pwned ?? null)).toBeNull();
      await reader.close();
    } finally {
      await options.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
