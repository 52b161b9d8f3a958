/**
 * What `npm run bench` and scripts/profile-listeners.ts share to time page loads in real Chromium:
 * bare extensions built on the fly, a browser per variant, one load's time, and the median.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ListenerSpec } from '../src/background/listener-spec';
import { CHROMIUM_PATH, QUIET_CHROMIUM_FLAGS } from '../dev/extension-browser';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * A 95 % interval on the median of `values`: the 2.5th and 97.5th percentiles of the medians of
 * 2,000 resamples drawn with replacement (percentile bootstrap; a fixed seed, so a run reproduces).
 */
export function medianInterval(values: number[], resamples = 2_000): [number, number] {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const medians = Array.from({ length: resamples }, () => median(values.map(() => values[Math.floor(random() * values.length)]!))).sort((a, b) => a - b);
  return [medians[Math.floor(resamples * 0.025)]!, medians[Math.ceil(resamples * 0.975) - 1]!];
}

/** Background-script lines registering `specs` with empty bodies: the same events, filters and options. */
export function listenerRegistrations(specs: ListenerSpec[]): string {
  return specs
    .map(({ event, types, extraInfoSpec }) => {
      const filter = JSON.stringify({ urls: ['<all_urls>'], ...(types ? { types } : {}) });
      return `chrome.webRequest.${event}.addListener(() => {}, ${filter}${extraInfoSpec ? `, ${JSON.stringify(extraInfoSpec)}` : ''});`;
    })
    .join('\n');
}

/** An MV3 extension in a temporary folder: `manifest` adds to a bare manifest; `background` is its worker. */
export async function bareExtension(name: string, manifest: Record<string, unknown>, background: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${name.replace(/\W+/g, '-')}-`));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: `bench ${name}`, version: '1', background: { service_worker: 'bg.js' }, ...manifest }));
  await writeFile(join(dir, 'bg.js'), background);
  return dir;
}

/** Headless Chromium with `extension` loaded (null: none), its worker started. */
export async function launchWith(extension: string | null): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const args = extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [];
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...QUIET_CHROMIUM_FLAGS, ...args] });
  if (extension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return context;
}

/** Loads `url` and returns the page's own load time (navigation start to the load event). */
export async function loadMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventStart - nav.startTime;
  });
}
