import { MAX_RECORDS_PER_TAB, RECOVERY_WINDOW_MS } from './limits';
import type { PageStatus, RefusalRecord, RefusalStatus, TabLog } from './types';

/**
 * Pure operations on one tab's log. Each mutates the log it is given (the store owns the
 * objects and persists them after) and reports whether anything changed.
 */

export function createTabLog(tabId: number): TabLog {
  return { tabId, pageUrl: null, committedAt: null, navigation: null, records: [], dropped: 0, total: 0, nextId: 1 };
}

/** The id the next record of this log will get. */
export function nextRecordId(log: TabLog): string {
  return `${log.tabId}-${log.nextId}`;
}

/** Two refusals are "the same" when a page repeats one request (polling, retries without new credentials). */
function sameRefusal(a: RefusalRecord, b: RefusalRecord): boolean {
  return (
    a.status === b.status &&
    a.method === b.method &&
    a.url === b.url &&
    a.resourceType === b.resourceType &&
    a.sent.authorizationScheme === b.sent.authorizationScheme &&
    a.sent.authorizationWithoutScheme === b.sent.authorizationWithoutScheme &&
    a.challenges.join('\n') === b.challenges.join('\n')
  );
}

/**
 * Adds a refusal. A repeat of an unrecovered record is counted on it instead of stored again,
 * so a polling loop costs one record. Past MAX_RECORDS_PER_TAB the oldest record is dropped.
 */
export function addRefusal(log: TabLog, record: RefusalRecord, maxRecords = MAX_RECORDS_PER_TAB): void {
  log.total++;
  const twin = log.records.findLast((r) => r.recovered === null && sameRefusal(r, record));
  if (twin) {
    twin.count++;
    twin.lastSeen = Math.max(twin.lastSeen, record.lastSeen);
    twin.requestId = record.requestId;
    return;
  }
  log.nextId++;
  log.records.push(record);
  while (log.records.length > maxRecords) {
    log.records.shift();
    log.dropped++;
  }
}

/** A successful response seen on this tab, to match against earlier refusals. */
export interface SuccessEvent {
  requestId: string;
  method: string;
  /** Redacted, like the records' URLs. */
  url: string;
  timeStamp: number;
}

/**
 * Marks as recovered the refusals this success answers: the very same request (the browser
 * retried it with credentials) or, within RECOVERY_WINDOW_MS, a new request for the same URL and method.
 */
export function markRecovered(log: TabLog, success: SuccessEvent): boolean {
  let changed = false;
  for (const record of log.records) {
    if (record.recovered) continue;
    if (record.requestId === success.requestId) {
      record.recovered = { at: success.timeStamp, how: 'same-request' };
      changed = true;
    } else if (
      record.url === success.url &&
      record.method === success.method &&
      success.timeStamp >= record.lastSeen &&
      success.timeStamp - record.lastSeen <= RECOVERY_WINDOW_MS
    ) {
      record.recovered = { at: success.timeStamp, how: 'retry' };
      changed = true;
    }
  }
  return changed;
}

/** Whether a success on this tab could still recover something (the cheap check before redacting its URL). */
export function awaitsRecovery(log: TabLog | undefined): boolean {
  return log !== undefined && log.records.some((r) => r.recovered === null);
}

/** A top-level navigation started: its refusals will belong to the page it commits. */
export function startNavigation(log: TabLog, requestId: string, start: number): void {
  if (log.navigation?.requestId === requestId) return; // a redirect of the same navigation
  log.navigation = { requestId, start };
}

/**
 * A new top-level document committed: forget the previous page's refusals, keeping
 * those of the navigation that produced this page.
 */
export function commitNavigation(log: TabLog, pageUrl: string, commitTime: number): void {
  const navigation = log.navigation;
  const since = navigation ? navigation.start : commitTime;
  const kept = log.records.filter((r) => r.requestId === navigation?.requestId || r.firstSeen >= since);
  log.total = kept.reduce((sum, r) => sum + r.count, 0);
  log.records = kept;
  log.dropped = 0;
  log.pageUrl = pageUrl;
  log.committedAt = commitTime;
  log.navigation = null;
}

/** Refused requests that did not recover. */
export function unrecovered(log: TabLog | undefined): RefusalRecord[] {
  return log ? log.records.filter((r) => r.recovered === null) : [];
}

/** Which refusals warn the user: all unrecovered ones, or only a refused page itself. */
export type WarningScope = 'all' | 'main-frame';

/** What the badge and the page marker warn about. */
export function warnings(log: TabLog | undefined, scope: WarningScope = 'all'): RefusalRecord[] {
  const open = unrecovered(log);
  return scope === 'all' ? open : open.filter((r) => r.resourceType === 'main_frame');
}

/**
 * The page marker's view of a tab: only what the page itself could know (see `pageReadable`), and
 * only the committed page's (a navigation's own refusal belongs to the page it has not shown yet).
 */
export function markerStatus(log: TabLog | undefined, scope: WarningScope = 'all'): PageStatus {
  const pending = log?.navigation?.requestId;
  const open = warnings(log, scope).filter((r) => r.pageReadable === true && r.requestId !== pending);
  const statuses = [...new Set<RefusalStatus>(open.map((r) => r.status))].sort();
  return { refused: open.length, pageRefused: open.some((r) => r.resourceType === 'main_frame'), statuses };
}
