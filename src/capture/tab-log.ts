import { MAX_PREVIOUS_RECORDS, MAX_RECORDS_PER_TAB, PREVIOUS_PAGE_WINDOW_MS, RECOVERY_WINDOW_MS } from './limits';
import { originOf } from './redact-url';
import type { PreviousPage, RefusalRecord, TabLog } from './types';

/**
 * Pure operations on one tab's log. Each mutates the log it is given; the store owns the objects,
 * calls these, and persists the result.
 */

export function createTabLog(tabId: number): TabLog {
  return { tabId, pageUrl: null, committedAt: null, documentId: null, retiredDocuments: [], navigation: null, previous: null, records: [], dropped: 0, total: 0, nextId: 1 };
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
 * answered it itself) or, within RECOVERY_WINDOW_MS, a new request for the same URL and method.
 * The previous page's refusals count too: a page that signs you in and retries answers them.
 */
export function markRecovered(log: TabLog, success: SuccessEvent): boolean {
  let changed = false;
  for (const record of [...log.records, ...(log.previous?.records ?? [])]) {
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
  return unrecovered(log?.records).length > 0 || unrecovered(log?.previous?.records).length > 0;
}

/** Where a refusal that arrives now belongs, judged by the document that made it. */
export type Attribution = 'page' | 'previous' | 'stale';

/** Documents remembered as gone from a tab, beyond the previous page's. */
const MAX_RETIRED_DOCUMENTS = 8;

/**
 * Ties a refusal to the document that made it, never to whatever the tab shows when it arrives:
 * a page that navigates its tab elsewhere must not have its refusals (and its server's words)
 * shown as the next site's. Both browsers name the document (`documentId`): the previous page's
 * goes to its evidence, older pages' are dropped. A document not known yet is the page about to
 * commit (its first requests can be answered before the browser reports the commit), so it joins
 * the page, and the commit keeps it only if it is that page's. Without a documentId, the origin of
 * the document that made the request (`initiator`) must match the page's.
 */
export function attribute(log: TabLog, record: Pick<RefusalRecord, 'requestId' | 'resourceType' | 'frameId' | 'documentId' | 'initiator' | 'attributedByInitiator'>): Attribution {
  if (record.requestId === log.navigation?.requestId || record.resourceType === 'main_frame' || record.attributedByInitiator) return 'page';
  if (record.frameId !== 0) return 'page'; // frames are replaced with their page; their documents are not tracked
  if (record.documentId !== undefined) {
    if (record.documentId === log.documentId) return 'page';
    if (record.documentId === log.previous?.documentId) return 'previous';
    return log.retiredDocuments.includes(record.documentId) ? 'stale' : 'page';
  }
  const pageOrigin = originOf(log.pageUrl);
  if (pageOrigin === null || record.initiator === null || record.initiator === pageOrigin) return 'page';
  return record.initiator === originOf(log.previous?.url) ? 'previous' : 'stale';
}

/** Adds a late refusal of the previous page to its evidence (bounded like it). */
export function addToPrevious(log: TabLog, record: RefusalRecord): void {
  if (!log.previous) return;
  log.previous.records.push(record);
  if (log.previous.records.length > MAX_PREVIOUS_RECORDS) log.previous.records.shift();
}

/** A top-level navigation started: its refusals will belong to the page it commits. */
export function startNavigation(log: TabLog, requestId: string, start: number): void {
  if (log.navigation?.requestId === requestId) return; // a redirect of the same navigation
  log.navigation = { requestId, start };
}

/** The page being left, as evidence for the next one: its recent refusals that did not recover, else the evidence it was handed itself. */
function leftPage(log: TabLog, leaving: RefusalRecord[], leftAt: number): PreviousPage | null {
  const recent = unrecovered(leaving).filter((r) => leftAt - r.lastSeen <= PREVIOUS_PAGE_WINDOW_MS);
  if (recent.length > 0) {
    // A tab whose first page never committed (refused, then left) is named by that refused page.
    const url = log.pageUrl ?? recent.find((r) => r.resourceType === 'main_frame')?.url ?? null;
    return { url, documentId: log.documentId, leftAt, records: recent.slice(-MAX_PREVIOUS_RECORDS) };
  }
  // A sign-in page that sends you on at once (a redirect chain) passes on what came before it.
  const before = log.previous;
  return before && leftAt - before.leftAt <= PREVIOUS_PAGE_WINDOW_MS && unrecovered(before.records).length > 0 ? before : null;
}

/**
 * A new top-level document committed. It keeps the refusals of the navigation that produced it
 * (and, in Chrome, any of its own that arrived first); everything else belonged to the page being
 * left, whatever the time it arrived, and becomes the previous page's evidence.
 */
export function commitNavigation(log: TabLog, pageUrl: string, commitTime: number, documentId: string | null = null): void {
  const navigation = log.navigation?.requestId;
  const ownsRecord = (r: RefusalRecord) => r.requestId === navigation || (documentId !== null && r.documentId === documentId);
  const kept = log.records.filter(ownsRecord);
  const before = log.previous?.documentId;
  log.previous = leftPage(log, log.records.filter((r) => !ownsRecord(r)), commitTime);
  for (const gone of [before, log.documentId]) {
    if (gone && gone !== documentId && gone !== log.previous?.documentId && !log.retiredDocuments.includes(gone)) log.retiredDocuments.push(gone);
  }
  log.retiredDocuments = log.retiredDocuments.slice(-MAX_RETIRED_DOCUMENTS);
  log.total = kept.reduce((sum, r) => sum + r.count, 0);
  log.records = kept;
  log.dropped = 0;
  log.pageUrl = pageUrl;
  log.committedAt = commitTime;
  log.documentId = documentId;
  log.navigation = null;
}

/**
 * The refusals that still matter: not recovered, and not a background request the page does not
 * need (a prefetch, a beacon). The only ones that warn or get a diagnosis.
 */
export function unrecovered(records: readonly RefusalRecord[] | undefined): RefusalRecord[] {
  return records ? records.filter((r) => r.recovered === null && r.background === undefined) : [];
}
