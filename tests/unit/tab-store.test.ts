import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabLog } from '../../src/capture/types';
import { createTabState } from '../../src/background/tab-state';
import { PUBLISH_DELAY_MS } from '../../src/background/worker-limits';
import { memorySession as fakeSession } from '../../dev/memory-session';
import { diagnose } from '../../src/diagnosis/diagnose';
import { tabStateFrom } from '../../src/shared/storage-schema';
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
    const store = createTabState(session, { onPublish: (tabId, log) => void shown.set(tabId, log?.records.length ?? 0), budgetBytes: 400_000 }).store;
    await store.ready;
    const big = (tab: number, i: number) =>
      refusal({ url: `https://app.example/${tab}/${i}/${'segment/'.repeat(100)}`, responseHeaders: Array.from({ length: 8 }, () => ({ name: 'WWW-Authenticate', value: `Bearer realm="${'words '.repeat(160)}"` })) });
    for (let tab = 1; tab <= 6; tab++) {
      for (let i = 0; i < 20; i++) store.recordRefusal(tab, big(tab, i));
      await vi.advanceTimersByTimeAsync(PUBLISH_DELAY_MS);
    }
    const total = JSON.stringify(session.data).length;
    expect(total).toBeLessThanOrEqual(400_000);
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
