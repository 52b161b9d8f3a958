import { MAX_RECORDS_PER_TAB, MAX_UNATTRIBUTED_RECORDS, PUBLISH_DELAY_MS, SESSION_BUDGET_BYTES } from '../capture/limits';
import { originOf } from '../capture/redact-url';
import {
  addRefusal,
  addToPrevious,
  attribute,
  awaitsRecovery,
  commitNavigation,
  createTabLog,
  markerStatus,
  markRecovered,
  nextRecordId,
  startNavigation,
  type SuccessEvent,
} from '../capture/tab-log';
import { trimLog } from '../capture/trim-log';
import type { PageStatus, RefusalRecord, TabLog } from '../capture/types';
import { StorageBudget, storedSize } from './storage-budget';
import { checklistKey, detailsTabKey, diagnosisKey, isTabLog, type PublishedDiagnosis, tabIdFromKey, tabKey, UNATTRIBUTED_TAB_ID } from '../shared/storage-schema';

const MAX_CLOSED_TABS_REMEMBERED = 1_000;
/** A write storage refused is tried again after this long. */
const STORAGE_RETRY_MS = 5_000;

/** The slice of `storage.session` the store needs; a plain object in tests. */
export interface SessionArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Called after a tab's state was persisted, to update what the user sees (badge, page marker). */
export type OnPublish = (tabId: number, log: TabLog | undefined) => void | Promise<void>;

export interface TabStoreOptions {
  onPublish: OnPublish;
  onError?: (message: string, error: unknown) => void;
  /** What a log shows the user (the marker's status); depends on the settings. */
  statusOf?: (log: TabLog | undefined) => PageStatus;
  /**
   * Diagnoses a log when it is published; the result is stored next to it (`diagnosis:<tabId>`),
   * so the popup only draws. Without it, no diagnosis is stored.
   */
  diagnose?: (log: TabLog) => PublishedDiagnosis;
  /** What all tabs together may keep in storage.session (default SESSION_BUDGET_BYTES). */
  budgetBytes?: number;
}

/**
 * Per-tab refusal logs, held in memory for speed and mirrored to `storage.session` so a
 * restarted service worker resumes exactly where the old one stopped.
 *
 * Changes are published per tab after PUBLISH_DELAY_MS: a burst of events costs one write,
 * and a 401 that a page retries successfully at once never flashes a warning.
 */
export class TabStore {
  readonly ready: Promise<void>;
  private readonly logs = new Map<number, TabLog>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Tabs with a refusal that has not recovered yet: only their successes are worth a look. */
  private readonly awaiting = new Set<number>();
  /** What the user was last shown per tab (badge, marker): a refusal still inside its publish delay is not shown yet. */
  private readonly shown = new Map<number, PageStatus>();
  /** Recently closed tabs: late events for them are dropped instead of reviving their state. */
  private readonly closed = new Set<number>();
  /** What each tab holds in storage.session, to stay under the quota. */
  private readonly budget: StorageBudget;
  /** The state last written for each tab: what the popup reads, so what the badge and marker show. */
  private readonly stored = new Map<number, TabLog>();

  private readonly onPublish: OnPublish;
  private readonly onError: (message: string, error: unknown) => void;
  private readonly statusOf: (log: TabLog | undefined) => PageStatus;
  private readonly diagnose: ((log: TabLog) => PublishedDiagnosis) | undefined;

  constructor(
    private readonly area: SessionArea,
    options: TabStoreOptions,
  ) {
    this.onPublish = options.onPublish;
    this.onError = options.onError ?? (() => {});
    this.statusOf = options.statusOf ?? ((log) => markerStatus(log));
    this.diagnose = options.diagnose;
    this.budget = new StorageBudget(options.budgetBytes ?? SESSION_BUDGET_BYTES);
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
        this.stored.set(tabId, structuredClone(log));
        this.budget.note(tabId, storedSize({ [key]: value, [diagnosisKey(tabId)]: items[diagnosisKey(tabId)] }));
        this.shown.set(tabId, this.statusOf(log)); // saved state is published state
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

  /** What a log would show now, under the current settings. */
  statusFor(log: TabLog | undefined): PageStatus {
    return this.statusOf(log);
  }

  /** The page status as last published: what the badge shows now. */
  shownStatus(tabId: number): PageStatus {
    return this.shown.get(tabId) ?? markerStatus(undefined);
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
   * Records a refusal for a tab (or the unattributed log), giving it its id. It joins the page of
   * the document that made it: the current page, the previous page's evidence, or nothing when
   * that document is gone from the tab (see `attribute`).
   */
  recordRefusal(tabId: number, record: RefusalRecord): void {
    if (this.closed.has(tabId)) return;
    const log = this.getOrCreate(tabId);
    record.id = nextRecordId(log);
    const where = attribute(log, record);
    if (where === 'stale') return;
    if (where === 'previous') {
      log.nextId++;
      addToPrevious(log, record);
    } else addRefusal(log, record, tabId === UNATTRIBUTED_TAB_ID ? MAX_UNATTRIBUTED_RECORDS : MAX_RECORDS_PER_TAB);
    this.changed(tabId);
  }

  /** A request of this tab succeeded: the refusals it answers are recovered. */
  recordSuccess(tabId: number, success: SuccessEvent): void {
    const log = this.logs.get(tabId);
    if (log && markRecovered(log, success)) this.changed(tabId);
  }

  /** A top-level navigation started in a tab: its refusals will belong to the page it commits. */
  startNavigation(tabId: number, requestId: string, start: number): void {
    if (this.closed.has(tabId)) return;
    startNavigation(this.getOrCreate(tabId), requestId, start);
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

  /** Records that a tab's log changed and schedules its publish (`delay` 0: at once, for navigations). */
  private changed(tabId: number, delay = PUBLISH_DELAY_MS): void {
    this.noteAwaiting(tabId);
    const pending = this.timers.get(tabId);
    if (pending !== undefined) {
      if (delay > 0) return;
      clearTimeout(pending);
    }
    this.timers.set(
      tabId,
      setTimeout(() => void this.publish(tabId), delay),
    );
  }

  /** Publishes every scheduled change now (used before answering the popup). */
  async flush(): Promise<void> {
    await Promise.all([...this.timers.keys()].map((tabId) => this.publish(tabId)));
  }

  /** Forgets a tab's refused requests (the person cleared the data or ignored the site) and publishes it. */
  clearRecords(tabId: number): void {
    const log = this.logs.get(tabId);
    if (!log) return;
    Object.assign(log, { records: [], dropped: 0, total: 0, previous: null });
    this.forgetTicks(tabId);
    this.changed(tabId, 0);
  }

  /** The tab shows a new page: it keeps the refusals of the navigation that produced it; publish at once. */
  commitPage(tabId: number, pageUrl: string, commitTime: number, documentId: string | null): void {
    if (this.closed.has(tabId)) return;
    commitNavigation(this.getOrCreate(tabId), pageUrl, commitTime, documentId);
    this.forgetTicks(tabId);
    this.changed(tabId, 0);
  }

  /** The checklist ticks belonged to the refusals just forgotten. */
  private forgetTicks(tabId: number): void {
    void this.area.remove([checklistKey(tabId)]).catch(() => {});
  }

  /** Publishes every tab again (after a restart or a change of settings). */
  async republishAll(): Promise<void> {
    await Promise.all(this.tabIds().map((tabId) => this.publish(tabId)));
  }

  /** Forgets a closed tab. */
  async remove(tabId: number): Promise<void> {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    this.logs.delete(tabId);
    this.shown.delete(tabId);
    this.stored.delete(tabId);
    this.budget.forget(tabId);
    this.awaiting.delete(tabId);
    this.closed.add(tabId);
    if (this.closed.size > MAX_CLOSED_TABS_REMEMBERED) this.closed.delete(this.closed.values().next().value!);
    try {
      await this.area.remove([tabKey(tabId), diagnosisKey(tabId), checklistKey(tabId), detailsTabKey(tabId)]);
    } catch (error) {
      this.onError(`could not remove state of closed tab ${tabId}`, error);
    }
  }

  /** The storage entries of a tab's state: its log and, for tabs a popup can show, its diagnosis. */
  private entriesFor(tabId: number, log: TabLog): Record<string, unknown> {
    // Requests without a tab are never shown in a popup: their log is kept, not diagnosed.
    const diagnosis = this.diagnose && tabId !== UNATTRIBUTED_TAB_ID ? { [diagnosisKey(tabId)]: this.diagnose(log) } : {};
    return { [tabKey(tabId)]: log, ...diagnosis };
  }

  /** Writes a tab's state; true when storage took it. */
  private async write(tabId: number, log: TabLog): Promise<boolean> {
    const entries = this.entriesFor(tabId, log);
    try {
      await this.area.set(entries);
    } catch (error) {
      this.onError(`could not save state of tab ${tabId}`, error);
      return false;
    }
    this.budget.note(tabId, storedSize(entries));
    this.stored.set(tabId, log);
    return true;
  }

  /**
   * Makes room for `bytes` of this tab's state: the tabs written least recently lose their
   * records' details first (their counts, and so their badges, stay), then this tab's own.
   */
  private async makeRoom(tabId: number, bytes: number): Promise<void> {
    for (const other of this.budget.oldestExcept(tabId)) {
      if (this.budget.excess(tabId, bytes) <= 0) return;
      const log = this.logs.get(other);
      if (log && trimLog(log)) await this.write(other, structuredClone(log));
    }
  }

  private async publish(tabId: number): Promise<void> {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    const live = this.logs.get(tabId);
    if (live) {
      // A copy: events keep changing the live log while the write is in flight, and the badge and
      // marker must show what was stored (what the popup reads), not what the next publish will store.
      const log = structuredClone(live);
      const bytes = storedSize(this.entriesFor(tabId, log));
      if (this.budget.excess(tabId, bytes) > 0) await this.makeRoom(tabId, bytes);
      let written = await this.write(tabId, log);
      if (!written || this.budget.excess(tabId, 0) > 0) {
        // Still too big, or the quota refused it anyway: this tab's details go too, and it is tried once more.
        if (trimLog(live)) written = await this.write(tabId, structuredClone(live));
      }
      if (!written) {
        // Nothing is lost: the state stays in memory and is offered to storage again.
        this.timers.set(tabId, setTimeout(() => void this.publish(tabId), STORAGE_RETRY_MS));
      }
    } else this.stored.delete(tabId);
    // What storage holds is what the popup reads: the badge and the marker show exactly that.
    const shown = this.stored.get(tabId);
    this.shown.set(tabId, this.statusOf(shown));
    try {
      await this.onPublish(tabId, shown);
    } catch (error) {
      this.onError(`could not update the display of tab ${tabId}`, error);
    }
  }
}
