/**
 * What `npm run bench` reports of one tab's flood and another tab's badge (security issue 21,
 * class 13): in real Chromium with dist/, the time from a victim tab's refused request (the
 * browser's time of its 401, kept as the record's firstSeen) to its badge (the worker reading it
 * back, polled every 10 ms), on a quiet browser and while another tab sends 10,000 distinct
 * refused requests. The badge waits PUBLISH_DELAY_MS (400 ms) by design.
 */
import { ExtensionBrowser } from '../dev/extension-browser';
import { median } from './page-load-lab';

const POLL_MS = 10;

/** One victim: opens /fetch-bearer in a new tab; ms from its 401, and from its navigation's start, to its badge. */
async function victimLatency(browser: ExtensionBrowser, origin: string, round: string): Promise<{ fromRefusal: number; fromPageStart: number }> {
  const worker = await browser.worker();
  const { page, tabId } = await browser.openTab(`${origin}/fetch-bearer?victim=${round}`);
  const badgeAt = worker.evaluate(
    async ({ id, poll }) => {
      for (;;) {
        if ((await chrome.action.getBadgeText({ tabId: id })) !== '') return Date.now();
        await new Promise((resolve) => setTimeout(resolve, poll));
      }
    },
    { id: tabId, poll: POLL_MS },
  );
  badgeAt.catch(() => {}); // awaited below; a browser closing on an error elsewhere must not mask that error
  await page.locator('#out[data-done]').waitFor({ timeout: 60_000 });
  const badgeShown = await badgeAt;
  // When the browser saw the 401 (the webRequest event's time, kept as the record's firstSeen).
  const refusedAt = await worker.evaluate(async (id) => {
    const log = (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { records: Array<{ firstSeen: number }> };
    return Math.min(...log.records.map((r) => r.firstSeen));
  }, tabId);
  const pageStartedAt = await page.evaluate(() => performance.timeOrigin);
  await page.close();
  return { fromRefusal: badgeShown - refusedAt, fromPageStart: badgeShown - pageStartedAt };
}

const round1 = (value: number) => Number(value.toFixed(0));

export async function floodFairness(origin: string, rounds = 5) {
  const browser = await ExtensionBrowser.launch();
  try {
    const quiet: Array<{ fromRefusal: number; fromPageStart: number }> = [];
    const flood: Array<{ fromRefusal: number; fromPageStart: number }> = [];
    await victimLatency(browser, origin, 'warm-up');
    for (let i = 0; i < rounds; i++) quiet.push(await victimLatency(browser, origin, `quiet-${i}`));
    for (let i = 0; i < rounds; i++) {
      const flooder = await browser.openTab(`${origin}/flood?count=10000&distinct=10000&round=${i}`);
      // The victim opens while the flood is under way: once 1,000 of its refusals are stored.
      const worker = await browser.worker();
      await worker.evaluate(async (id) => {
        for (;;) {
          const log = (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { total?: number } | undefined;
          if ((log?.total ?? 0) >= 1_000) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }, flooder.tabId);
      flood.push(await victimLatency(browser, origin, `flood-${i}`));
      await flooder.page.close();
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the worker settle before the next round
    }
    const medianOf = (samples: typeof quiet, key: 'fromRefusal' | 'fromPageStart') => round1(median(samples.map((s) => s[key])));
    return {
      rounds,
      floodRefusals: 10_000,
      quietMedianMs: medianOf(quiet, 'fromRefusal'),
      floodMedianMs: medianOf(flood, 'fromRefusal'),
      // From the victim page's start: includes its wait for the browser's connections to the
      // flooded host (6 per host, shared by all tabs), which no extension changes.
      quietFromPageStartMedianMs: medianOf(quiet, 'fromPageStart'),
      floodFromPageStartMedianMs: medianOf(flood, 'fromPageStart'),
      quietMs: quiet.map((s) => round1(s.fromRefusal)),
      floodMs: flood.map((s) => round1(s.fromRefusal)),
    };
  } finally {
    await browser.close();
  }
}
