import { MAX_RECORDS_PER_TAB, MAX_UNATTRIBUTED_RECORDS } from '../capture/limits';
import { originOf } from '../capture/redact-url';
import {
  addRefusal,
  addToPrevious,
  addUnshown,
  attribute,
  awaitsRecovery,
  commitFrame,
  commitNavigation,
  createTabLog,
  endNavigation,
  frameOwner,
  markRecovered,
  nextRecordId,
  startNavigation,
  type SuccessEvent,
} from '../capture/tab-log';
import { trimLog } from '../capture/trim-log';
import type { RefusalRecord, TabLog } from '../capture/types';
import { checklistKey, diagnosisKey, isTabLog, type SessionArea, tabIdFromKey, tabStateKeys, UNATTRIBUTED_TAB_ID } from '../shared/storage-schema';
import { storedSize } from './storage-budget';
import { MAX_CLOSED_TABS_REMEMBERED } from './worker-limits';

/** What the store tells about its logs (the TabPublisher listens: see tab-state.ts). */
export interface TabChanges {
  /** A tab's log came back from storage as it was saved, taking `bytes` there with its diagnosis. */
  restored(tabId: number, log: Readonly<TabLog>, bytes: number): void;
  /** A tab's log changed: publish it (`delay` 0: at once, for navigations). */
  changed(tabId: number, delay?: number): void;
  /** A tab closed: its log is gone. */
  removed(tabId: number): void;
}

/**
 * Per-tab refusal logs, held in memory for speed and restored from `storage.session` so a
 * restarted service worker resumes exactly where the old one stopped. The store owns its logs and
 * makes every change to them: callers say what happened (recordRefusal, recordSuccess,
 * startNavigation, commitPage, trim, …) and never change a log themselves. It tells `changes`
 * (the TabPublisher) of each change; storing and showing it is the publisher's job.
 */
export class TabStore {
  readonly ready: Promise<void>;
  private readonly logs = new Map<number, TabLog>();
  /** Tabs with a refusal that has not recovered yet: only their successes are worth a look. */
  private readonly awaiting = new Set<number>();
  /** Recently closed tabs: late events for them are dropped instead of reviving their state. */
  private readonly closed = new Set<number>();

  constructor(
    private readonly area: SessionArea,
    private readonly changes: TabChanges,
    private readonly onError: (message: string, error: unknown) => void = () => {},
  ) {
    this.ready = this.restore();
  }

  private async restore(): Promise<void> {
    let items: Record<string, unknown> = {};
    try {
      items = await this.area.get();
    } catch (error) {
      this.onError('could not read saved tab state; starting empty', error);
    }
    for (const [key, value] of Object.entries(items)) {
      const tabId = tabIdFromKey(key);
      if (tabId === null) continue;
      if (isTabLog(value) && value.tabId === tabId) {
        const log = { ...createTabLog(tabId), ...value }; // fields added since that state was saved get their defaults
        this.logs.set(tabId, log);
        this.changes.restored(tabId, log, storedSize({ [key]: value, [diagnosisKey(tabId)]: items[diagnosisKey(tabId)] }));
        this.noteAwaiting(tabId);
      } else void this.area.remove([key]).catch(() => {});
    }
  }

  private noteAwaiting(tabId: number): void {
    if (awaitsRecovery(this.logs.get(tabId))) this.awaiting.add(tabId);
    else this.awaiting.delete(tabId);
  }

  /** Cheap check for the hot path: could a success on this tab recover anything? Any tab, for tabId -1. */
  mayRecover(tabId: number): boolean {
    return tabId < 0 ? this.awaiting.size > 0 : this.awaiting.has(tabId);
  }

  isClosed(tabId: number): boolean {
    return this.closed.has(tabId);
  }

  /** The tab's log as it is now (read-only: change it only through this store's methods). */
  get(tabId: number): Readonly<TabLog> | undefined {
    return this.logs.get(tabId);
  }

  /** The tab's page (redacted URL), for the ignore list. */
  pageUrlOf(tabId: number): string | null {
    return this.logs.get(tabId)?.pageUrl ?? null;
  }

  /** The tab's log, created on first use. Callers check `isClosed` first. */
  private getOrCreate(tabId: number): TabLog {
    let log = this.logs.get(tabId);
    if (!log) {
      log = createTabLog(tabId);
      this.logs.set(tabId, log);
    }
    return log;
  }

  tabIds(): number[] {
    return [...this.logs.keys()];
  }

  /**
   * When a refusal arrives (before it may be held until its request ends): the top-level document a
   * frame's request belongs to, read from the frames this tab reported then (see `frameOwner`).
   */
  frameOwner(tabId: number, event: { frameId: number; documentId?: string; parentDocumentId?: string }): string | undefined {
    if (event.frameId === 0 || this.closed.has(tabId)) return undefined;
    const log = this.logs.get(tabId);
    return log ? frameOwner(log, event) : typeof event.parentDocumentId === 'string' ? event.parentDocumentId : undefined;
  }

  /**
   * Records a refusal for a tab (or the unattributed log), giving it its id. It joins the page whose
   * document received it, as it arrived: the current page, the previous page's evidence, or nothing
   * when that document is gone from the tab (see `attribute`).
   */
  recordRefusal(tabId: number, record: RefusalRecord): void {
    if (this.closed.has(tabId)) return;
    const log = this.getOrCreate(tabId);
    record.id = nextRecordId(log);
    const where = attribute(log, record);
    if (where === 'stale') return;
    if (where === 'previous' || where === 'unshown') {
      log.nextId++;
      if (where === 'previous') addToPrevious(log, record);
      else addUnshown(log, record);
    } else addRefusal(log, record, tabId === UNATTRIBUTED_TAB_ID ? MAX_UNATTRIBUTED_RECORDS : MAX_RECORDS_PER_TAB);
    this.changed(tabId);
  }

  /** A request of this tab succeeded: the refusals it answers are recovered. */
  recordSuccess(tabId: number, success: SuccessEvent): void {
    const log = this.logs.get(tabId);
    if (log && markRecovered(log, success)) this.changed(tabId);
  }

  /** A top-level navigation started in a tab (`url` redacted): its refusals will belong to the page it commits. */
  startNavigation(tabId: number, requestId: string, start: number, url?: string): void {
    if (this.closed.has(tabId)) return;
    startNavigation(this.getOrCreate(tabId), requestId, start, url);
  }

  /**
   * A top-level navigation failed (webNavigation.onErrorOccurred). With a document of its own (Chromium
   * commits an error page, under its sign-in dialog too) that page is the tab's now; without one the tab
   * still shows its page, and the navigation's refusals were never that page's (see `endNavigation`).
   */
  navigationFailed(tabId: number, url: string, at: number, documentId: string | null, error: string | undefined): void {
    if (this.closed.has(tabId)) return;
    const log = this.getOrCreate(tabId);
    const errorPage = documentId !== null && !/^0*$/.test(documentId) && error !== 'net::ERR_ABORTED' && documentId !== log.documentId && documentId !== log.left?.documentId;
    if (errorPage) this.commitPage(tabId, url, at, documentId);
    else if (endNavigation(log, url)) this.changed(tabId);
  }

  /**
   * A top-level navigation's request ended refused or failed a while ago, and nothing committed since:
   * it ended without a page, as `navigationFailed` says when the browser reports it.
   */
  navigationRequestEnded(tabId: number, requestId: string): void {
    const log = this.logs.get(tabId);
    const url = log?.navigation?.requestId === requestId ? log.navigation.url : undefined;
    if (log && url !== undefined && endNavigation(log, url)) this.changed(tabId);
  }

  /** The tab shows a new page: it keeps the refusals of the navigation that produced it; publish at once. */
  commitPage(tabId: number, pageUrl: string, commitTime: number, documentId: string | null): void {
    if (this.closed.has(tabId)) return;
    commitNavigation(this.getOrCreate(tabId), pageUrl, commitTime, documentId);
    this.forgetTicks(tabId);
    this.changed(tabId, 0);
  }

  /**
   * A frame of the tab committed a document: remembered with the page it is part of, so the frame's
   * late refusals find their page. Nothing to show, so nothing is published.
   */
  commitFrame(tabId: number, frameId: number, documentId: string, parentDocumentId: string | null): void {
    if (this.closed.has(tabId)) return;
    commitFrame(this.getOrCreate(tabId), frameId, documentId, parentDocumentId);
  }

  /** Forgets a tab's refused requests (the person cleared the data or ignored the site) and publishes it. */
  clearRecords(tabId: number): void {
    const log = this.logs.get(tabId);
    if (!log) return;
    Object.assign(log, { records: [], dropped: 0, total: 0, previous: null });
    this.forgetTicks(tabId);
    this.changed(tabId, 0);
  }

  /**
   * The tab showing a page of this origin, for requests that arrive without a tab (from a
   * site's service worker). When several tabs show the origin, the one that navigated last.
   */
  tabForOrigin(origin: string | null): number | null {
    if (!origin) return null;
    let best: TabLog | null = null;
    for (const log of this.logs.values()) {
      if (log.tabId < 0 || originOf(log.pageUrl) !== origin) continue;
      if (!best || (log.committedAt ?? 0) > (best.committedAt ?? 0)) best = log;
    }
    return best ? best.tabId : null;
  }

  /**
   * Drops the details of a tab's records to make room in storage (the publisher asks; counts and
   * so badges stay). True when anything was dropped. Not a change to publish: the caller writes it.
   */
  trim(tabId: number): boolean {
    const log = this.logs.get(tabId);
    return log !== undefined && trimLog(log);
  }

  /** A tab's log changed: note whether it awaits recovery and have it published (`delay` 0: at once). */
  private changed(tabId: number, delay?: number): void {
    this.noteAwaiting(tabId);
    this.changes.changed(tabId, delay);
  }

  /** The checklist ticks belonged to the refusals just forgotten. */
  private forgetTicks(tabId: number): void {
    void this.area.remove([checklistKey(tabId)]).catch(() => {});
  }

  /** Forgets a closed tab, and every key it had in storage.session. */
  async remove(tabId: number): Promise<void> {
    this.changes.removed(tabId);
    this.logs.delete(tabId);
    this.awaiting.delete(tabId);
    this.closed.add(tabId);
    if (this.closed.size > MAX_CLOSED_TABS_REMEMBERED) this.closed.delete(this.closed.values().next().value!);
    try {
      await this.area.remove(tabStateKeys(tabId));
    } catch (error) {
      this.onError(`could not remove state of closed tab ${tabId}`, error);
    }
  }
}
