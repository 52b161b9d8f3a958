import browser from 'webextension-polyfill';
import { MAX_URL_INPUT } from '../capture/limits';
import { redactUrl } from '../capture/redact-url';
import { restoredRefusal, type TimingEntry } from '../capture/restored-refusal';
import type { TabStore } from './tab-store';
import { START_WINDOW_MS, TIMING_REPORT_DELAY_MS } from './worker-limits';

/** Most refusals taken from one page's timing data. */
const MAX_ENTRIES = 50;

/**
 * Runs in the page's isolated world (serialised by executeScript): reports the refused requests in
 * the page's own timing data (`responseStatus`, Chrome 109+), those already made and those to come,
 * to the worker. Page script cannot change what the isolated world's `performance` reports.
 */
function observeRefusals(max: number): void {
  const runtime = ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime;
  let sent = 0;
  const report = (entries: PerformanceEntryList, kindOf: (entry: PerformanceEntry) => string) => {
    const refused = entries
      .map((entry) => ({ url: entry.name, status: (entry as PerformanceEntry & { responseStatus?: number }).responseStatus ?? 0, kind: kindOf(entry) }))
      .filter((entry) => entry.status === 401 || entry.status === 407)
      .slice(0, max - sent);
    sent += refused.length;
    if (refused.length) void runtime.sendMessage({ type: 'content:timing-refusals', entries: refused }).catch(() => {});
  };
  report(performance.getEntriesByType('navigation'), () => 'navigation');
  new PerformanceObserver((list) => report(list.getEntries(), (entry) => (entry as PerformanceResourceTiming).initiatorType)).observe({ type: 'resource', buffered: true });
}

/**
 * Pages the worker never saw load: tabs the browser restored as it started (before any listener was
 * registered), or open before the extension was installed. Chrome decides whether a page's requests
 * go past the extension's listeners when its frame is made, so such a page stays out of sight until
 * it navigates. They have no committed page in the store; their refusals are read from the page's own
 * timing data instead (a small observer put into the page, which reports each refused request), and
 * shown as seen after the fact: status and URL only, what was asked and sent is not known, and a
 * reload explains them in full.
 */
export class UnwatchedTabs {
  /** Tabs whose page has the observer, with the document it went into. */
  private readonly observed = new Map<number, string | null>();
  /** Tabs that were still loading when the browser or the extension started: their first load may have been missed. */
  private readonly loadingAtStart = new Set<number>();

  constructor(
    private readonly store: TabStore,
    private readonly onError: (message: string, error: unknown) => void,
  ) {}

  /**
   * The browser started (tabs restored) or the extension was installed: every page open now may have
   * been missed, those still loading once they have loaded. Tabs opened from now on are watched as
   * usual. The observers' reports are kept only where the listeners did not see the refusal themselves.
   */
  started(): void {
    void browser.tabs.query({}).then((tabs) =>
      Promise.all(
        tabs.map((tab) => {
          if (tab.id === undefined) return undefined;
          if (tab.status === 'loading') {
            this.loadingAtStart.add(tab.id);
            setTimeout(() => this.loadingAtStart.delete(tab.id!), START_WINDOW_MS);
            return undefined;
          }
          return this.scan(tab.id, tab.url, true);
        }),
      ),
    );
  }

  /** A page finished loading: watched through its timing data if it may have been missed. */
  loaded(tabId: number, url: string | undefined): Promise<void> {
    const mayBeMissed = this.loadingAtStart.delete(tabId);
    return this.scan(tabId, url, mayBeMissed);
  }

  /** Puts the observer into a tab's page, if its load may have been missed (or the store never saw it commit). */
  private async scan(tabId: number, url: string | undefined, mayBeMissed: boolean): Promise<void> {
    if (!url || !/^https?:/i.test(url) || this.observed.has(tabId)) return;
    const committed = this.store.get(tabId)?.committedAt != null;
    if (committed && !mayBeMissed) return;
    try {
      const frame = (await browser.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null)) as { documentId?: string } | null;
      const documentId = frame?.documentId ?? null;
      this.observed.set(tabId, documentId);
      if (!committed) this.store.commitPage(tabId, redactUrl(url), Date.now(), documentId);
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: observeRefusals, args: [MAX_ENTRIES] });
    } catch (error) {
      // Pages the browser protects, a tab closed meanwhile.
      this.observed.delete(tabId);
      this.onError(`could not watch the timing data of tab ${tabId}`, error);
    }
  }

  /**
   * What a page's observer reported: kept only from the document the tab shows now (a tab that moved
   * on is watched as usual), and only where the listeners did not see the same refusal after all
   * (Chrome may report a restored page's navigation and still not its requests, or the reverse).
   */
  receive(tabId: number, documentId: string | undefined, entries: unknown): void {
    if (!this.observed.has(tabId) || !Array.isArray(entries)) return;
    setTimeout(() => this.take(tabId, documentId, entries), TIMING_REPORT_DELAY_MS);
  }

  private take(tabId: number, documentId: string | undefined, entries: unknown[]): void {
    const log = this.store.get(tabId);
    if (!log || (documentId !== undefined && log.documentId !== null && documentId !== log.documentId)) {
      this.observed.delete(tabId);
      return;
    }
    // They happened as the page loaded: stamped with its commit, so each joins that page (see tab-log attribute).
    const at = log.committedAt ?? Date.now();
    for (const [index, entry] of entries.slice(0, MAX_ENTRIES).entries()) {
      if (!isTimingEntry(entry)) continue;
      const record = restoredRefusal(entry, { tabId, url: log.pageUrl ?? '', documentId: documentId ?? log.documentId }, index, at);
      const seenLive = log.records.some((r) => !r.seenAfterStart && r.url === record?.url && r.status === record.status);
      if (record && !seenLive) this.store.recordRefusal(tabId, record);
    }
  }

  forget(tabId: number): void {
    this.observed.delete(tabId);
  }
}

/** Narrows what a page's observer sent (a hostile page cannot reach it, but nothing from a page is trusted). */
function isTimingEntry(value: unknown): value is TimingEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { url, status, kind } = value as Partial<TimingEntry>;
  return typeof url === 'string' && url.length <= MAX_URL_INPUT && typeof status === 'number' && typeof kind === 'string' && kind.length <= 32;
}
