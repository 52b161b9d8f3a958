import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabLog } from '../../src/capture/types';
import { createTabState } from '../../src/background/tab-state';
import { PUBLISH_DELAY_MS } from '../../src/background/worker-limits';
import { memoryItemBytes, memorySession as fakeSession } from '../../dev/memory-session';
import { storedSize } from '../../src/background/storage-budget';
import { diagnose } from '../../src/diagnosis/diagnose';
import { tabIdFromKey, tabStateFrom } from '../../src/shared/storage-schema';
import { en as t } from '../../dev/i18n';
import { refusal } from '../support/records';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('TabStore', () => {
  it('publishes once per burst, after the delay, and persists to the session area', async () => {
    const session = fakeSession();
    const published: Array<[number, number]> = [];
    const store = createTabState(session, { onPublish: (tabId, log) => void published.push([tabId, log?.records.length ?? 0]) }).store;
    await store.ready;
    for (let i = 0; i < 50; i++) store.recordRefusal(3, refusal({ url: `https://a.example/${i}` }));
    expect(published).toEqual([]);
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    expect(published).toEqual([[3, 50]]);
    expect((session.data['tab:3'] as TabLog).records).toHaveLength(50);
  });

  it('a restarted worker gets the same state back from storage.session', async () => {
    const session = fakeSession();
    const { store: first, publisher: firstPublisher } = createTabState(session, { onPublish: () => {} });
    await first.ready;
    first.recordRefusal(3, refusal({ requestId: 'x' }));
    await firstPublisher.flush();

    const restarted = createTabState(session, { onPublish: () => {} }).store;
    await restarted.ready;
    expect(restarted.get(3)?.records.map((r) => r.requestId)).toEqual(['x']);
    expect(restarted.mayRecover(3)).toBe(true);
  });

  it('drops damaged or foreign saved entries instead of trusting them', async () => {
    const session = fakeSession({ 'tab:3': { nonsense: true }, 'tab:4': 'x', 'tab:abc': {}, other: 1 });
    const store = createTabState(session, { onPublish: () => {} }).store;
    await store.ready;
    expect(store.tabIds()).toEqual([]);
    await vi.runAllTimersAsync();
    expect(Object.keys(session.data)).toEqual(['tab:abc', 'other']);
  });

  it('stores the diagnosis with the log in one write, so the popup reads both consistent and computes nothing', async () => {
    const session = fakeSession();
    const writes: string[][] = [];
    const set = session.set;
    session.set = async (items) => {
      writes.push(Object.keys(items));
      await set(items);
    };
    const diagnoseLog = (log: TabLog) => diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t });
    const { store, publisher } = createTabState(session, { onPublish: () => {}, diagnose: (log) => ({ current: diagnoseLog(log), previous: null }) });
    await store.ready;
    store.recordRefusal(3, refusal({ responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token", error_description="The access token expired"' }] }));
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    expect(writes).toEqual([['tab:3', 'diagnosis:3']]);
    const state = tabStateFrom(session.data, 3);
    expect(state.log?.records).toHaveLength(1);
    expect(state.diagnosis.causes.length).toBeGreaterThan(0);
    expect(state.diagnosis).toEqual(diagnoseLog(state.log!));
    await store.remove(3);
    expect(Object.keys(session.data)).toEqual([]);
    store.recordRefusal(-1, refusal()); // requests without a tab: kept, never shown in a popup, so not diagnosed
    await publisher.flush();
    expect(Object.keys(session.data)).toEqual(['tab:-1']);
  });

  it('reads damaged, missing or undiagnosed state as nothing to explain, never as a crash', () => {
    const log = { tabId: 3, records: [], total: 0, dropped: 0, nextId: 1 };
    const nothing = { causes: [], headerProblems: [], considered: 0 };
    expect(tabStateFrom({}, 3)).toEqual({ log: null, diagnosis: nothing, previousDiagnosis: null });
    expect(tabStateFrom({ 'tab:3': 'x', 'diagnosis:3': { current: { causes: [] } } }, 3).log).toBeNull();
    expect(tabStateFrom({ 'tab:3': log, 'diagnosis:3': { current: { causes: 'x' } } }, 3)).toEqual({ log, diagnosis: nothing, previousDiagnosis: null });
    expect(tabStateFrom({ 'tab:3': log, 'diagnosis:3': 'garbage' }, 3)).toEqual({ log, diagnosis: nothing, previousDiagnosis: null });
  });

  it('shows what it stored: a refusal that arrives while a write is in flight waits for the next publish', async () => {
    const session = fakeSession();
    let finishWrite = () => {};
    const set = session.set;
    session.set = async (items) => {
      await set(items);
      await new Promise<void>((resolve) => (finishWrite = resolve));
    };
    const shown: number[] = [];
    const store = createTabState(session, { onPublish: (_id, log) => void shown.push(log?.records.length ?? 0) }).store;
    await store.ready;
    store.commitPage(3, 'https://app.example/', 1_000, null); // published at once, with no refusal
    await vi.advanceTimersByTimeAsync(0);
    store.recordRefusal(3, refusal({ timeStamp: 2_000 })); // arrives while that write is still in flight
    finishWrite();
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([0]); // the badge agrees with storage, which still holds no refusal
    expect((session.data['tab:3'] as TabLog).records).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    finishWrite();
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([0, 1]);
  });

  it('forgets a closed tab and ignores late events for it', async () => {
    const session = fakeSession();
    const { store, publisher } = createTabState(session, { onPublish: () => {} });
    await store.ready;
    store.recordRefusal(3, refusal());
    await publisher.flush();
    await store.remove(3);
    store.recordRefusal(3, refusal());
    await vi.runAllTimersAsync();
    expect(store.get(3)).toBeUndefined();
    expect(session.data['tab:3']).toBeUndefined();
    expect(store.isClosed(3)).toBe(true);
  });

  it('when storage refuses a write, the badge keeps showing what storage holds (what the popup reads), and the write is tried again', async () => {
    const errors: string[] = [];
    const session = fakeSession();
    const set = session.set;
    let full = true;
    session.set = async (items) => {
      if (full) throw new Error('QUOTA_BYTES quota exceeded');
      await set(items);
    };
    let shown = -1;
    const store = createTabState(session, {
      onPublish: (_id, log) => {
        shown = log?.records.length ?? 0;
      },
      onError: (message) => errors.push(message),
    }).store;
    await store.ready;
    store.recordRefusal(3, refusal());
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    expect(shown).toBe(0);
    expect(tabStateFrom(session.data, 3).log).toBeNull(); // the popup's view: nothing refused, like the badge
    expect(errors[0]).toBe('could not save state of tab 3');
    full = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(shown).toBe(1);
    expect(tabStateFrom(session.data, 3).log?.records).toHaveLength(1);
  });

  it('stays within its storage budget by trimming the least recently written tabs first; counts and badges stay', async () => {
    const session = fakeSession();
    const shown = new Map<number, number>();
    const store = createTabState(session, { onPublish: (tabId, log) => void shown.set(tabId, log?.records.length ?? 0), budgetBytes: 600_000 }).store;
    await store.ready;
    const big = (tab: number, i: number) =>
      refusal({ url: `https://app.example/${tab}/${i}/${'segment/'.repeat(100)}`, responseHeaders: Array.from({ length: 8 }, () => ({ name: 'WWW-Authenticate', value: `Bearer realm="${'words '.repeat(160)}"` })) });
    for (let tab = 1; tab <= 6; tab++) {
      for (let i = 0; i < 20; i++) store.recordRefusal(tab, big(tab, i));
      await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    }
    // Counted in bytes as the browser counts them, not in JSON characters.
    expect(storedSize(session.data)).toBeLessThanOrEqual(600_000);
    expect(session.bytesInUse()).toBeLessThanOrEqual(600_000);
    for (let tab = 1; tab <= 6; tab++) {
      expect(shown.get(tab)).toBe(20); // every badge still counts its 20 refusals
      expect(tabStateFrom(session.data, tab).log?.records).toHaveLength(20); // and the popup lists the same
    }
    expect((session.data['tab:1'] as TabLog).records[0]!.trimmed).toBe(true); // the oldest tab gave up its details
    expect((session.data['tab:6'] as TabLog).records[0]!.trimmed).toBeUndefined(); // the newest kept them
  });

  it('starts empty when the session area cannot be read', async () => {
    const errors: string[] = [];
    const session = fakeSession();
    session.get = async () => {
      throw new Error('boom');
    };
    const store = createTabState(session, { onPublish: () => {}, onError: (message) => errors.push(message) }).store;
    await store.ready;
    expect(store.tabIds()).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('ties a tabless request to the tab showing its origin, the most recently navigated first', async () => {
    const store = createTabState(fakeSession(), { onPublish: () => {} }).store;
    await store.ready;
    store.commitPage(1, 'https://a.example/x', 10, null);
    store.commitPage(2, 'https://a.example/y', 20, null);
    store.commitPage(3, 'https://b.example/', 30, null);
    expect(store.tabForOrigin('https://a.example')).toBe(2);
    expect(store.tabForOrigin('https://c.example')).toBeNull();
    expect(store.tabForOrigin(null)).toBeNull();
  });

  it('keeps tabless refusals nobody can own in a bounded log of their own', async () => {
    const store = createTabState(fakeSession(), { onPublish: () => {} }).store;
    await store.ready;
    for (let i = 0; i < 80; i++) store.recordRefusal(-1, refusal({ url: `https://sw.example/${i}` }));
    expect(store.get(-1)?.records).toHaveLength(50);
    expect(store.get(-1)?.dropped).toBe(30);
  });

  it('publishes a navigation at once (delay 0) even when a delayed publish is pending', async () => {
    const published: number[] = [];
    const store = createTabState(fakeSession(), { onPublish: (tabId) => void published.push(tabId) }).store;
    await store.ready;
    store.recordRefusal(5, refusal());
    store.commitPage(5, 'https://a.example/', 10, null);
    await vi.advanceTimersByTimeAsync(0);
    expect(published).toEqual([5]);
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    expect(published).toEqual([5]);
  });
});

describe('TabPublisher.shownStatus', () => {
  beforeEach(() => vi.useFakeTimers());
  it('reports what was published, not a refusal still inside its grace delay', async () => {
    const { store, publisher } = createTabState(fakeSession(), { onPublish: () => {} });
    await store.ready;
    store.recordRefusal(4, refusal());
    expect(publisher.shownStatus(4).refused).toBe(0);
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    expect(publisher.shownStatus(4).refused).toBe(1);
  });
});

describe('TabStore.commitPage and clearRecords', () => {
  beforeEach(() => vi.useFakeTimers());
  it('keep the navigation’s own refusal, drop the old page’s and the checklist ticks', async () => {
    const session = fakeSession({ 'checklist:6': ['Sign in again.'] });
    const store = createTabState(session, { onPublish: () => {} }).store;
    await store.ready;
    store.recordRefusal(6, refusal({ requestId: 'old', timeStamp: 1_000 }));
    store.startNavigation(6, 'nav', 2_000);
    store.recordRefusal(6, refusal({ requestId: 'nav', type: 'main_frame', url: 'https://b.example/', timeStamp: 2_100 }));
    store.commitPage(6, 'https://b.example/', 2_300, null);
    await vi.runAllTimersAsync();
    expect(store.get(6)!.records.map((r) => r.requestId)).toEqual(['nav']);
    expect(session.data['checklist:6']).toBeUndefined();
    session.data['checklist:6'] = ['x'];
    store.clearRecords(6);
    await vi.runAllTimersAsync();
    expect(store.get(6)!.records).toEqual([]);
    expect(session.data['checklist:6']).toBeUndefined();
  });
});

describe('TabStore.navigationFailed', () => {
  it("an error page of the navigation's own (Chromium) is the tab's page; without one the tab keeps its page and the refusal is the page before's", async () => {
    const store = createTabState(fakeSession(), { onPublish: () => {} }).store;
    await store.ready;
    for (const tabId of [1, 2]) {
      store.commitPage(tabId, 'https://mail.example/', 100, 'doc-mail');
      store.startNavigation(tabId, 'dl', 200, 'https://shop.example/download');
      store.recordRefusal(tabId, refusal({ requestId: 'dl', type: 'main_frame', url: 'https://shop.example/download', timeStamp: 210 }));
    }
    store.navigationFailed(1, 'https://shop.example/download', 250, 'doc-error', 'net::ERR_INVALID_RESPONSE');
    expect(store.get(1)).toMatchObject({ pageUrl: 'https://shop.example/download', documentId: 'doc-error' });
    expect(store.get(1)!.records.map((r) => r.url)).toEqual(['https://shop.example/download']);
    // Firefox names the page still shown; Chromium's aborted navigations name no document (all zeros).
    store.navigationFailed(2, 'https://shop.example/download', 250, 'doc-mail', 'Error code 2152398850');
    expect(store.get(2)).toMatchObject({ pageUrl: 'https://mail.example/', records: [], navigation: null });
    expect(store.get(2)!.previous?.url).toBe('https://shop.example/download');
    store.startNavigation(2, 'again', 300, 'https://shop.example/download');
    store.navigationFailed(2, 'https://shop.example/download', 350, '00000000000000000000000000000000', 'net::ERR_ABORTED');
    expect(store.get(2)).toMatchObject({ pageUrl: 'https://mail.example/', navigation: null });
  });
});

/**
 * Security round 2, class 10: the budget counts what the browser counts. Chrome counts the UTF-8
 * bytes of every string and a fixed cost per entry (the session area below refuses a write past its
 * quota counted in UTF-8, as Chrome does), so text in CJK scripts (3 bytes a character) and small
 * records (mostly entries) weigh far more than their JSON length says.
 */
describe('the storage budget in bytes [21.10]', () => {
  /** A refusal whose kept headers are CJK text: 8 challenge lines of ~1,000 characters, 3 bytes each. */
  const cjk = (tab: number, i: number) =>
    refusal({
      url: `https://app.example/${tab}/${i}`,
      responseHeaders: Array.from({ length: 8 }, (_, line) => ({ name: 'WWW-Authenticate', value: `Bearer realm="${line} ${'認証が必要です'.repeat(140)}"` })),
    });
  const RECORDS = 20;

  /** The bytes one tab of RECORDS CJK refusals takes in a session area that counts UTF-8. */
  async function tabBytes(): Promise<number> {
    const probe = fakeSession();
    const { store, publisher } = createTabState(probe, { onPublish: () => {} });
    await store.ready;
    for (let i = 0; i < RECORDS; i++) store.recordRefusal(1, cjk(1, i));
    await publisher.flush();
    return probe.bytesInUse();
  }

  /** Three tabs of CJK refusals that fill the quota to within a few kB, then a fourth tab's refusals. */
  async function threeFullTabsThenAFourth(budgetBytes: number | ((quota: number) => number)) {
    const quota = 3 * (await tabBytes()) + 4_000;
    const session = fakeSession({}, { quotaBytes: quota });
    const shown = new Map<number, number>();
    const errors: string[] = [];
    const { store } = createTabState(session, {
      onPublish: (tabId, log) => void shown.set(tabId, log?.records.length ?? 0),
      onError: (message) => errors.push(message),
      budgetBytes: typeof budgetBytes === 'number' ? budgetBytes : budgetBytes(quota),
    });
    await store.ready;
    for (let tab = 1; tab <= 3; tab++) {
      for (let i = 0; i < RECORDS; i++) store.recordRefusal(tab, cjk(tab, i));
      await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    }
    for (let i = 0; i < RECORDS; i++) store.recordRefusal(4, cjk(4, i));
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS); // one publish, no retry
    return { session, shown, errors, quota };
  }

  it("three tabs of CJK refusals within the budget: a fourth tab's refusals are stored at once; badges and popups agree", async () => {
    const { session, shown, errors, quota } = await threeFullTabsThenAFourth((quota) => Math.floor(quota * 0.8));
    expect(errors).toEqual([]); // the budget kept every write under the quota
    expect(session.refusedWrites).toBe(0);
    expect(session.bytesInUse()).toBeLessThan(quota);
    for (let tab = 1; tab <= 4; tab++) {
      expect(shown.get(tab)).toBe(RECORDS); // the badge
      expect(tabStateFrom(session.data, tab).log?.records).toHaveLength(RECORDS); // what the popup reads
    }
    expect((session.data['tab:1'] as TabLog).records[0]!.trimmed).toBe(true); // the oldest tab gave up its details
    expect((session.data['tab:4'] as TabLog).records[0]!.trimmed).toBeUndefined();
  });

  it("a write the browser refuses although the budget allowed it: the other tabs make room and the newer refusal is shown at once", async () => {
    // A budget far above the quota: only the browser's refusal can tell the publisher it is full.
    const { session, shown } = await threeFullTabsThenAFourth(100 * 1024 * 1024);
    expect(session.refusedWrites).toBeGreaterThan(0);
    expect(shown.get(4)).toBe(RECORDS);
    expect(tabStateFrom(session.data, 4).log?.records).toHaveLength(RECORDS);
    for (let tab = 1; tab <= 3; tab++) {
      expect(shown.get(tab)).toBe(RECORDS);
      expect(tabStateFrom(session.data, tab).log?.records).toHaveLength(RECORDS);
    }
  });

  it.each([
    // What Chromium's storage.session.getBytesInUse reported for these values (Chromium on Debian, 2026-12).
    ['a short string', 'abc', 0],
    ['a 100-character string', 'a'.repeat(100), 104],
    ['1,000 CJK characters', '漢'.repeat(1_000), 3_008],
    ['100 numbers in an array', Array.from({ length: 100 }, (_, i) => i), 3_200],
    ['an object of 100 numbers', Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])), 6_400],
    ['an object with 100 long keys', Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`a_rather_long_key_name_${i}`, i])), 9_600],
    ['100 short strings', Array.from({ length: 100 }, (_, i) => `value-${i}`), 3_200],
    ['a refusal record', refusal(), 2_432],
  ])('storedSize counts at least what Chrome counts, and what a UTF-8 count does: %s', (_what, value, chrome) => {
    const size = storedSize({ v: value });
    expect(size).toBeGreaterThanOrEqual(chrome);
    expect(size).toBeGreaterThanOrEqual(memoryItemBytes('v', value));
    expect(size).toBeLessThanOrEqual(Math.max(2 * chrome, 2 * memoryItemBytes('v', value)));
  });
});

/**
 * Security round 2, class 13: one tab's flood must not delay another tab's badge. Asserted by
 * order and count, never by time: the session area below takes time for each write in proportion
 * to its size and writes one after another, as the browser's storage does.
 */
describe('publishing under a flood [21.13]', () => {
  function slowSession(msPerKiB: number) {
    const session = fakeSession();
    /** The tab of each write, in the order the writes completed. */
    const writes: number[] = [];
    const set = session.set;
    let queue: Promise<unknown> = Promise.resolve();
    session.set = (items) => {
      const write = queue.then(async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.ceil((JSON.stringify(items).length / 1024) * msPerKiB)));
        await set(items);
        writes.push(tabIdFromKey(Object.keys(items).find((key) => key.startsWith('tab:'))!)!);
      });
      queue = write.catch(() => {});
      return write;
    };
    return { session, writes };
  }

  /** A refusal of ~1 kB, each to its own URL. */
  const flooding = (i: number) => refusal({ url: `https://flood.example/item/${i}`, responseHeaders: [{ name: 'WWW-Authenticate', value: `Bearer realm="${'flood '.repeat(150)}"` }] });

  async function floodThenVictim() {
    // A write of the flooding tab's 100 records takes longer than the publish delay.
    const { session, writes } = slowSession(5);
    const shown: number[] = [];
    const { store } = createTabState(session, { onPublish: (tabId) => void shown.push(tabId) });
    await store.ready;
    let sent = 0;
    const flood = setInterval(() => store.recordRefusal(1, flooding(sent++)), 10);
    await vi.advanceTimersByTimeAsync(10_000);
    const floodWritesBefore = writes.length;
    store.recordRefusal(2, refusal({ url: 'https://victim.example/api/me' }));
    for (let step = 0; step < 400 && !writes.includes(2); step++) await vi.advanceTimersByTimeAsync(50);
    const victimWrite = writes.indexOf(2);
    clearInterval(flood);
    await vi.advanceTimersByTimeAsync(30_000);
    return { session, writes, shown, sent, floodWritesBefore, victimWrite, store };
  }

  it("the victim's publish is not queued behind the flooder's: at most the flooder's write in flight and one more go first", async () => {
    const { writes, shown, floodWritesBefore, victimWrite } = await floodThenVictim();
    expect(victimWrite).toBeGreaterThan(-1);
    expect(writes.slice(floodWritesBefore, victimWrite).filter((tab) => tab === 1).length).toBeLessThanOrEqual(2);
    expect(shown).toContain(2); // its badge and marker were updated from that write
  });

  it("a flooding tab's publishes are coalesced and backed off, and its last state is still published", async () => {
    const { session, writes, floodWritesBefore, sent, store } = await floodThenVictim();
    // A publish every 400 ms would be 25 in these 10 s; backed off, a handful.
    expect(floodWritesBefore).toBeGreaterThan(0);
    expect(floodWritesBefore).toBeLessThanOrEqual(8);
    // Once the flood is over, what the tab holds is what storage holds (badge and popup agree).
    expect((session.data['tab:1'] as TabLog).total).toBe(sent);
    expect((session.data['tab:1'] as TabLog).total).toBe(store.get(1)!.total);
    expect(writes.at(-1)).toBe(1);
  });

  it('a navigation is published at once, ahead of waiting publishes', async () => {
    const { session } = slowSession(5);
    const shown: number[] = [];
    const { store } = createTabState(session, { onPublish: (tabId) => void shown.push(tabId) });
    await store.ready;
    for (let i = 0; i < 100; i++) store.recordRefusal(1, flooding(i));
    store.recordRefusal(3, refusal());
    await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS); // tab 1's write starts; tab 3's waits
    store.commitPage(2, 'https://next.example/', 1, null);
    for (let step = 0; step < 100 && !shown.includes(2); step++) await vi.advanceTimersByTimeAsync(50);
    expect(shown.indexOf(2)).toBeGreaterThan(-1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(shown.indexOf(2)).toBeLessThan(shown.indexOf(3));
  });
});
