/**
 * What `npm run bench` measures of page load in Firefox ESR (an event page, not a service worker):
 * the same bench pages and interleaved, paired rounds as in Chromium, with Firefox itself and
 * add-ons installed as temporary add-ons through WebDriver BiDi: none, the floor (webRequest and
 * host access, no listener), our listeners with empty bodies (listener-spec.ts, as given and as the
 * arming design would change them) and dist-firefox/. Firefox has no declarativeNetRequest
 * response-header conditions (ESR 153 refuses a rule with them: `Unexpected property
 * "responseHeaders"`), so it has no `dnr` variant.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { ListenerSpec } from '../src/background/listener-spec';
import { FIREFOX_DIST_DIR, FIREFOX_PATH } from '../dev/firefox-browser';
import { listenerRegistrations } from './page-load-lab';

/** A Firefox MV3 add-on in a temporary folder, its background a script running `background`. */
async function bareAddon(name: string, permissions: string[], background: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-firefox-${name}-`));
  const manifest = {
    manifest_version: 3,
    name: `bench ${name}`,
    version: '1',
    permissions,
    host_permissions: ['<all_urls>'],
    background: { scripts: ['bg.js'] },
    browser_specific_settings: { gecko: { id: `bench-${name}@example.org`, data_collection_permissions: { required: ['none'] } } },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'bg.js'), background);
  return dir;
}

/** Headless Firefox ESR with `addon` installed (null: none). */
async function launchFirefox(addon: string | null): Promise<{ browser: Browser; page: Page }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      // Host access granted as at a person's install (Firefox may hold MV3 host permissions back otherwise).
      'extensions.webextOptionalPermissionPrompts': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  if (addon) await browser.installExtension(addon);
  return { browser, page: await browser.newPage() };
}

async function loadMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventStart - nav.startTime;
  });
}

/** Load times per variant (ms, one per round, paired by index) on `url`'s page; the first two rounds warm up. */
export async function firefoxPageLoad(
  urls: (variant: string, round: number) => string[],
  rounds: number,
  listeners: Record<string, ListenerSpec[]>,
): Promise<Array<Record<string, number[]>>> {
  const NAVIGATION = 'browser.webNavigation.onCommitted.addListener(() => {});\nbrowser.tabs.onRemoved.addListener(() => {});';
  const addons: Record<string, string | null> = { none: null, floor: await bareAddon('floor', ['webRequest'], '') };
  for (const [name, specs] of Object.entries(listeners)) {
    addons[name] = await bareAddon(name, ['webRequest', 'webNavigation', 'tabs'], `${listenerRegistrations(specs)}\n${NAVIGATION}\n`);
  }
  addons.dist = FIREFOX_DIST_DIR;
  const names = Object.keys(addons);
  const launched: Record<string, { browser: Browser; page: Page }> = {};
  try {
    for (const name of names) launched[name] = await launchFirefox(addons[name]!);
    const pages = urls('none', 0).length;
    const times = Array.from({ length: pages }, () => Object.fromEntries(names.map((n) => [n, [] as number[]])));
    for (let page = 0; page < pages; page++) {
      for (let run = -2; run < rounds; run++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + run + 2) % names.length]!;
          const ms = await loadMs(launched[name]!.page, urls(name, run)[page]!);
          if (run >= 0) times[page]![name]!.push(ms);
        }
      }
    }
    return times;
  } finally {
    await Promise.all(Object.values(launched).map(({ browser }) => browser.close()));
  }
}
