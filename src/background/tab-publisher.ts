import type { PageStatus, TabLog } from '../capture/types';
import { diagnosisKey, type PublishedDiagnosis, type SessionArea, tabKey, UNATTRIBUTED_TAB_ID } from '../shared/storage-schema';
import { markerStatus } from '../view/page-status';
import { StorageBudget, storedSize } from './storage-budget';
import type { TabChanges } from './tab-store';
import { MAX_PUBLISH_DELAY_MS, PUBLISH_BACKOFF_WINDOW_MS, PUBLISH_DELAY_MS, SESSION_BUDGET_BYTES, STORAGE_RETRY_MS } from './worker-limits';

/**
 * Called after a tab's state was stored, to update what the person sees (badge, page marker):
 * `log` is what storage holds now (what the popup reads), `status` what it shows under the settings.
 */
export type OnPublish = (tabId: number, log: TabLog | undefined, status: PageStatus) => void | Promise<void>;

/** The publisher's view of the TabStore: it reads the live logs and asks the store to trim one. */
export interface TabLogs {
  get(tabId: number): Readonly<TabLog> | undefined;
  trim(tabId: number): boolean;
}

export interface PublisherOptions {
  onPublish: OnPublish;
  onError?: (message: string, error: unknown) => void;
  /** What a log shows the person (the marker's status); depends on the settings. */
  statusOf?: (log: TabLog | undefined) => PageStatus;
  /**
   * Diagnoses a log when it is published; the result is stored next to it (`diagnosis:<tabId>`),
   * so the popup only draws. Without it, no diagnosis is stored.
   */
  diagnose?: (log: TabLog) => PublishedDiagnosis;
  /** What all tabs together may keep in storage.session (default SESSION_BUDGET_BYTES). */
  budgetBytes?: number;
}

/** Doublings of the publish delay a flooding tab can reach, past its first quick change. */
const MAX_BACKOFF_STEPS = 4;

/**
 * Publishes tabs' state: writes it to storage.session (with its diagnosis, within the budget) and
 * then has the badge and the page marker show exactly what was written, which is what the popup
 * reads. A change is published PUBLISH_DELAY_MS after it happens: a burst of events costs one
 * write, and a refusal the page retries at once never flashes a warning. It hears of changes from
 * the TabStore (as its TabChanges) and never changes a log itself.
 *
 * Fair under a flood: tabs whose publish is due wait in one queue, each at most once, and are
 * written one at a time in turn (a navigation goes first), so a tab that changes all the time never
 * has more than one write ahead of another tab's. A tab that changes again soon after each publish
 * waits longer each time (PUBLISH_DELAY_MS doubled, up to MAX_PUBLISH_DELAY_MS) until it calms
 * down. The badge and marker of a tab are updated after its write, in order, without holding up
 * the next tab's write.
 */
export class TabPublisher implements TabChanges {
  /** Tabs whose publish waits for its delay. */
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Tabs whose publish is due, in turn; each at most once. */
  private readonly due: number[] = [];
  private draining = false;
  /** The tab being written now for a change (not a navigation). */
  private current: number | null = null;
  /** Tabs due for a navigation: a page's first refusal right after it is no flood. */
  private readonly navigations = new Set<number>();
  /** Callers waiting for a tab's next publish (flush, republish). */
  private readonly waiters = new Map<number, Array<() => void>>();
  /** When each tab was last published, and how many times in a row it changed again soon after. */
  private readonly lastPublished = new Map<number, number>();
  private readonly streak = new Map<number, number>();
  /** Each tab's display updates, one after another. */
  private readonly displays = new Map<number, Promise<void>>();
  /** The state last written for each tab. */
  private readonly stored = new Map<number, TabLog>();
  /** What the person was last shown per tab (badge, marker). */
  private readonly shown = new Map<number, PageStatus>();
  private readonly budget: StorageBudget;
  private readonly onPublish: OnPublish;
  private readonly onError: (message: string, error: unknown) => void;
  private readonly statusOf: (log: TabLog | undefined) => PageStatus;
  private readonly diagnose: ((log: TabLog) => PublishedDiagnosis) | undefined;

  constructor(
    private readonly area: SessionArea,
    /** The live logs, owned by the store: read when publishing, trimmed by it when storage needs room. */
    private readonly logs: TabLogs,
    options: PublisherOptions,
  ) {
    this.onPublish = options.onPublish;
    this.onError = options.onError ?? (() => {});
    this.statusOf = options.statusOf ?? ((log) => markerStatus(log));
    this.diagnose = options.diagnose;
    this.budget = new StorageBudget(options.budgetBytes ?? SESSION_BUDGET_BYTES);
  }

  /** A tab restored from storage after a restart: saved state is published state. */
  restored(tabId: number, log: Readonly<TabLog>, bytes: number): void {
    this.stored.set(tabId, structuredClone(log));
    this.budget.note(tabId, bytes);
    this.shown.set(tabId, this.statusOf(log));
  }

  /** Schedules a tab's publish (`delay` 0: at once and first, for navigations). */
  changed(tabId: number, delay = PUBLISH_DELAY_MS): void {
    if (delay === 0) {
      clearTimeout(this.timers.get(tabId));
      this.timers.delete(tabId);
      this.streak.delete(tabId);
      this.navigations.add(tabId);
      this.enqueue(tabId, true);
      return;
    }
    // Coalesced: the publish already on its way takes this change too.
    if (this.timers.has(tabId) || this.due.includes(tabId)) return;
    this.timers.set(
      tabId,
      setTimeout(() => {
        this.timers.delete(tabId);
        this.enqueue(tabId, false);
      }, this.delayFor(tabId, delay)),
    );
  }

  /**
   * The delay, doubled for each time in a row past the first that the tab changed again soon after
   * being published (a second refusal soon after the first is no flood: it waits the usual delay).
   */
  private delayFor(tabId: number, delay: number): number {
    const last = this.lastPublished.get(tabId);
    const soon = this.current === tabId || (last !== undefined && Date.now() - last < PUBLISH_BACKOFF_WINDOW_MS);
    const streak = soon ? Math.min((this.streak.get(tabId) ?? 0) + 1, MAX_BACKOFF_STEPS) : 0;
    this.streak.set(tabId, streak);
    return Math.min(delay * 2 ** Math.max(0, streak - 1), Math.max(delay, MAX_PUBLISH_DELAY_MS));
  }

  private enqueue(tabId: number, first: boolean): void {
    const at = this.due.indexOf(tabId);
    if (at >= 0) {
      if (!first) return;
      this.due.splice(at, 1);
    }
    if (first) this.due.unshift(tabId);
    else this.due.push(tabId);
    void this.drain();
  }

  /** Publishes due tabs one at a time, in turn. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let tabId = this.due.shift(); tabId !== undefined; tabId = this.due.shift()) {
        const waiting = this.waiters.get(tabId) ?? [];
        this.waiters.delete(tabId);
        const navigation = this.navigations.delete(tabId);
        this.current = navigation ? null : tabId;
        let displayed: Promise<void> = Promise.resolve();
        try {
          ({ displayed } = await this.publish(tabId));
        } catch (error) {
          this.onError(`could not publish tab ${tabId}`, error);
        }
        this.current = null;
        if (navigation) this.lastPublished.delete(tabId);
        else this.lastPublished.set(tabId, Date.now());
        void displayed.then(() => {
          for (const resolve of waiting) resolve();
        });
      }
    } finally {
      this.draining = false;
      this.current = null;
    }
  }

  /** Resolves once the tab has been published (written and shown) after this call. */
  private published(tabId: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.set(tabId, [...(this.waiters.get(tabId) ?? []), resolve]);
    });
  }

  /** Publishes every scheduled change now. */
  async flush(): Promise<void> {
    const tabIds = [...new Set([...this.timers.keys(), ...this.due])];
    for (const tabId of tabIds) {
      clearTimeout(this.timers.get(tabId));
      this.timers.delete(tabId);
    }
    await this.republish(tabIds);
  }

  /** Publishes these tabs again (after a restart or a change of settings). */
  async republish(tabIds: number[]): Promise<void> {
    const done = tabIds.map((tabId) => this.published(tabId));
    for (const tabId of tabIds) this.enqueue(tabId, false);
    await Promise.all(done);
  }

  /** The tab's state as last stored (what the popup reads), to show it again. */
  storedLog(tabId: number): TabLog | undefined {
    return this.stored.get(tabId);
  }

  /** The page status as last published: what the badge shows now. */
  shownStatus(tabId: number): PageStatus {
    return this.shown.get(tabId) ?? markerStatus(undefined);
  }

  /** A closed tab: nothing more to publish for it. */
  removed(tabId: number): void {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    const at = this.due.indexOf(tabId);
    if (at >= 0) this.due.splice(at, 1);
    for (const resolve of this.waiters.get(tabId) ?? []) resolve();
    this.waiters.delete(tabId);
    this.lastPublished.delete(tabId);
    this.streak.delete(tabId);
    this.navigations.delete(tabId);
    this.displays.delete(tabId);
    this.shown.delete(tabId);
    this.stored.delete(tabId);
    this.budget.forget(tabId);
  }

  /** The storage entries of a tab's state: its log and, for tabs a popup can show, its diagnosis. */
  private entriesFor(tabId: number, log: TabLog): Record<string, unknown> {
    // Requests without a tab are never shown in a popup: their log is kept, not diagnosed.
    const diagnosis = this.diagnose && tabId !== UNATTRIBUTED_TAB_ID ? { [diagnosisKey(tabId)]: this.diagnose(log) } : {};
    return { [tabKey(tabId)]: log, ...diagnosis };
  }

  /** Writes prepared entries of a tab's state; true when storage took them. */
  private async write(tabId: number, log: TabLog, entries: Record<string, unknown>, bytes: number): Promise<boolean> {
    try {
      await this.area.set(entries);
    } catch (error) {
      this.onError(`could not save state of tab ${tabId}`, error);
      return false;
    }
    this.budget.note(tabId, bytes);
    this.stored.set(tabId, log);
    void this.checkSize(tabId, Object.keys(entries), bytes);
    return true;
  }

  /** Where the browser says what it counts (Chrome's getBytesInUse), a larger figure than ours replaces ours. */
  private async checkSize(tabId: number, keys: string[], bytes: number): Promise<void> {
    if (!this.area.getBytesInUse) return;
    try {
      const counted = await this.area.getBytesInUse(keys);
      if (this.budget.sizeOf(tabId) === bytes) this.budget.correct(tabId, counted);
    } catch {
      // The tab closed meanwhile, or the browser cannot say: our own count stands.
    }
  }

  /** Has the store trim a tab's log and writes it again: true when anything was trimmed and written. */
  private async trimAndWrite(tabId: number): Promise<boolean> {
    if (!this.logs.trim(tabId)) return false;
    const log = structuredClone(this.logs.get(tabId)!) as TabLog;
    const entries = this.entriesFor(tabId, log);
    return this.write(tabId, log, entries, storedSize(entries));
  }

  /**
   * The browser refused a write the budget allowed (it counts more than we do, or holds more than
   * we know of): the other tabs, least recently written first, give up their details until it
   * takes this one. A newer refusal is never hidden behind older tabs' details.
   */
  private async writeAfterTrimmingOthers(tabId: number, log: TabLog, entries: Record<string, unknown>, bytes: number): Promise<boolean> {
    for (const other of this.budget.oldestExcept(tabId)) {
      if (!(await this.trimAndWrite(other))) continue;
      if (await this.write(tabId, log, entries, bytes)) return true;
    }
    return false;
  }

  /**
   * Makes room for `bytes` of this tab's state: the tabs written least recently lose their
   * records' details first (their counts, and so their badges, stay).
   */
  private async makeRoom(tabId: number, bytes: number): Promise<void> {
    for (const other of this.budget.oldestExcept(tabId)) {
      if (this.budget.excess(tabId, bytes) <= 0) return;
      await this.trimAndWrite(other);
    }
  }

  /**
   * Writes a tab's state (within the budget) and has its display updated from what was written;
   * returns once written, with the display's update (not awaited: it holds up no other tab).
   */
  private async publish(tabId: number): Promise<{ displayed: Promise<void> }> {
    const live = this.logs.get(tabId);
    if (live) {
      // A copy: events keep changing the live log while the write is in flight, and the badge and
      // marker must show what was stored (what the popup reads), not what the next publish will store.
      const log = structuredClone(live) as TabLog;
      const entries = this.entriesFor(tabId, log);
      const bytes = storedSize(entries);
      if (this.budget.excess(tabId, bytes) > 0) await this.makeRoom(tabId, bytes);
      const fits = this.budget.excess(tabId, bytes) <= 0;
      let written = fits && (await this.write(tabId, log, entries, bytes));
      if (!written && fits) written = await this.writeAfterTrimmingOthers(tabId, log, entries, bytes);
      // Still too big, or the quota refused it anyway: this tab's details go too, and it is tried once more.
      if (!written) written = await this.trimAndWrite(tabId);
      // Nothing left to trim: the budget is our own margin under the browser's quota, so try as it is.
      if (!written && !fits) written = await this.write(tabId, log, entries, bytes);
      // Nothing is lost: the state stays in memory and is offered to storage again.
      if (!written && !this.timers.has(tabId)) {
        this.timers.set(
          tabId,
          setTimeout(() => {
            this.timers.delete(tabId);
            this.enqueue(tabId, false);
          }, STORAGE_RETRY_MS),
        );
      }
    } else this.stored.delete(tabId);
    // What storage holds is what the popup reads: the badge and the marker show exactly that.
    const shown = this.stored.get(tabId);
    const status = this.statusOf(shown);
    this.shown.set(tabId, status);
    const display = (this.displays.get(tabId) ?? Promise.resolve()).then(async () => {
      try {
        await this.onPublish(tabId, shown, status);
      } catch (error) {
        this.onError(`could not update the display of tab ${tabId}`, error);
      }
    });
    this.displays.set(tabId, display);
    return { displayed: display };
  }
}
