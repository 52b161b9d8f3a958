/**
 * The Microsoft Edge package (`npm run package` → release/401-explainer-edge-<v>.zip) is the Chromium build:
 * unpacked, it holds dist/ file for file (the manifest without the Chrome Web Store's update_url), and loaded
 * into Chromium (Edge's engine; no Edge on Debian) its worker starts, the badge counts a refusal and the
 * popup explains it, as dist/ does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIST_DIR } from '../../dev/extension-browser';
import { edgePackage } from '../../scripts/edge-package';
import { chromiumWithServers } from '../support/setup';

const unpacked = mkdtempSync(join(tmpdir(), 'explainer-edge-'));
// Unpacked before the browser starts (hooks run in the order they are registered).
beforeAll(() => {
  for (const [path, bytes] of Object.entries(unzipSync(edgePackage(DIST_DIR)))) {
    mkdirSync(dirname(join(unpacked, path)), { recursive: true });
    writeFileSync(join(unpacked, path), bytes);
  }
});
const setup = chromiumWithServers({ extensionDir: unpacked });
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

/** Every file under `dir` with the SHA-256 of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) result[relative(dir, join(entry.parentPath, entry.name))] = createHash('sha256').update(readFileSync(join(entry.parentPath, entry.name))).digest('hex');
  }
  return result;
}

describe('the Edge package', () => {
  test("holds dist/ file for file; its manifest is dist/'s without update_url", () => {
    const { 'manifest.json': _edge, ...edgeFiles } = fingerprint(unpacked);
    const { 'manifest.json': _chrome, ...chromeFiles } = fingerprint(DIST_DIR);
    expect(Object.keys(edgeFiles).length).toBeGreaterThan(5);
    expect(edgeFiles).toEqual(chromeFiles);
    const { update_url: _chromeStoreOnly, ...chromeManifest } = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.json'), 'utf8'));
    const edgeManifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    expect(edgeManifest).toEqual(chromeManifest);
    expect(edgeManifest).not.toHaveProperty('update_url');
  });

  test('loaded in Chromium: the worker runs, the badge counts the refusal, the popup explains it', async () => {
    const worker = await setup.browser.worker();
    expect(worker.url()).toBe(setup.browser.extensionUrl('service-worker-loader.js'));
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/expired-jwt`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    const popup = await setup.browser.openPopup(tabId);
    // The shape table's reading of this page (tests/support/shape-cases.ts): the first cause and its first fix.
    expect(await popup.getByTestId('top-cause').getAttribute('data-cause')).toBe('token-expired');
    expect(await popup.locator('[data-testid="top-cause"] button[data-fix]').first().getAttribute('data-fix')).toBe('reload');
    await popup.close();
    await page.close();
  });
});
