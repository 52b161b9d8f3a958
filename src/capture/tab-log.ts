import { MAX_DOCUMENT_ID_CHARS, MAX_FRAME_DOCUMENTS, MAX_PREVIOUS_RECORDS, MAX_RECORDS_PER_TAB, PREVIOUS_PAGE_WINDOW_MS, RECOVERY_WINDOW_MS } from './limits';
import { originOf } from './redact-url';
import type { PreviousPage, RefusalRecord, TabLog } from './types';

/**
 * Pure operations on one tab's log. Each mutates the log it is given; the store owns the objects,
 * calls these, and persists the result.
 */

export function createTabLog(tabId: number): TabLog {
  return {
    tabId,
    pageUrl: null,
    committedAt: null,
    documentId: null,
    retiredDocuments: [],
    left: null,
    frames: [],
    navigation: null,
    previous: null,
    records: [],
    dropped: 0,
    total: 0,
    nextId: 1,
  };
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

/**
 * Where a refusal belongs, judged by what it carried when it arrived, never by what the tab shows
 * when it is judged (a refusal can be held until its request ends, long after its page is gone):
 * - `page`: the tab's current page (or, for a navigation's own refusal, the page it is about to commit);
 * - `previous`: the page the tab showed before (its evidence, labelled with that page's address);
 * - `unshown`: a navigation's own refusal whose document never became the tab's page (it shows at
 *   most as the page before, labelled with its own address);
 * - `stale`: older than that, or from no page of this tab: dropped.
 */
export type Attribution = 'page' | 'previous' | 'unshown' | 'stale';

/** Documents remembered as gone from a tab, beyond the previous page's. */
const MAX_RETIRED_DOCUMENTS = 8;

type Judged = Pick<RefusalRecord, 'url' | 'lastSeen' | 'requestId' | 'resourceType' | 'frameId' | 'documentId' | 'topDocumentId' | 'initiator' | 'attributedByInitiator'>;

/**
 * Ties a refusal to the page whose document received it, so a page can never put its refusals (and
 * its server's words) on the next site the tab shows:
 * - a navigation's own refusal (the main frame's 401/407) belongs to the first top-level document the
 *   tab commits after its answer arrived, and only if that document has its address: a document that
 *   never committed (the tab went elsewhere) is `unshown`. Time stamps decide, not the order in which
 *   events reach the worker (Firefox often reports a commit before the webRequest events that led to it);
 * - any other request of the top frame belongs to its document (`documentId`, both browsers);
 * - a frame's request belongs to the top-level document its frame was part of (`topDocumentId`, fixed
 *   when it arrived); a frame nobody can place belongs to no page;
 * - without any document (a Firefox keepalive call, requests tied to the tab by their initiator), the
 *   origin of the requesting document must be the page's.
 * A document not known yet is the page about to commit while a navigation is in flight (Chrome reports
 * a commit after its first requests): the commit keeps it only if it is that page's.
 */
export function attribute(log: TabLog, record: Judged): Attribution {
  if (record.attributedByInitiator) return 'page';
  if (record.resourceType === 'main_frame') return byCommit(log, record);
  const top = documentOf(record);
  if (top !== undefined) return byDocument(log, top, record.lastSeen);
  if (record.frameId !== 0) return knowsNoDocument(log) ? 'page' : 'stale';
  const pageOrigin = originOf(log.pageUrl);
  if (pageOrigin === null || record.initiator === null || record.initiator === pageOrigin) return 'page';
  return record.initiator === originOf(log.left?.url) ? 'previous' : 'stale';
}

/** The top-level document a request belongs to, as it arrived (undefined: not known). */
function documentOf(record: Pick<RefusalRecord, 'frameId' | 'documentId' | 'topDocumentId'>): string | undefined {
  return record.frameId === 0 ? record.documentId : record.topDocumentId;
}

/** The tab never reported a document (it was open before the extension started): nothing to tell pages apart by. */
function knowsNoDocument(log: TabLog): boolean {
  return log.documentId === null && !log.left?.documentId;
}

function byDocument(log: TabLog, top: string, at: number): Attribution {
  if (top === log.documentId) return 'page';
  if (log.left?.documentId && top === log.left.documentId) return 'previous';
  if (log.retiredDocuments.includes(top)) return 'stale';
  if (knowsNoDocument(log) || (log.navigation !== null && log.navigation.start <= at)) return 'page';
  return 'stale';
}

/** A navigation's own refusal: the first top-level commit at or after its answer is its document, if it has its address. */
function byCommit(log: TabLog, record: Pick<RefusalRecord, 'url' | 'lastSeen' | 'requestId'>): Attribution {
  const at = record.lastSeen;
  // Not committed yet: while the browser still works on that navigation (a sign-in prompt) it stays with the
  // tab until a commit tells (the marker leaves it out); a navigation that ended without a page never shows
  // there. A tab never seen navigating or committing (open before the extension started) has nothing else to show.
  if (log.committedAt === null || log.committedAt < at) {
    const inFlight = log.navigation === null ? log.committedAt === null : log.navigation.requestId === record.requestId;
    return inFlight ? 'page' : 'unshown';
  }
  const left = log.left;
  if (left?.committedAt != null && left.committedAt >= at) return left.url === record.url ? 'previous' : 'stale';
  return log.pageUrl === record.url ? 'page' : 'unshown';
}

/** Whether a main-frame refusal came after the tab's page committed: its own document has not committed (yet). */
export function notCommitted(log: TabLog, record: Pick<RefusalRecord, 'resourceType' | 'lastSeen'>): boolean {
  return record.resourceType === 'main_frame' && log.committedAt !== null && log.committedAt < record.lastSeen;
}

/**
 * Frames: the top-level document a frame's request belongs to, read when it arrives. Both browsers
 * name the frame's parent document (`parentDocumentId`) and, for sub-resources, the frame's own; a
 * nested frame's is looked up among the frames the tab reported. Firefox's keepalive calls carry
 * neither: the frame they came from tells. Undefined when nothing does.
 */
export function frameOwner(log: TabLog, event: { frameId: number; documentId?: string; parentDocumentId?: string }): string | undefined {
  if (event.frameId === 0) return undefined;
  for (const id of [event.documentId, event.parentDocumentId]) {
    const top = id && log.frames.find((f) => f.documentId === id)?.top;
    if (top) return top;
  }
  // Not a frame the tab reported: the parent is then the top-level document itself.
  if (typeof event.parentDocumentId === 'string') return event.parentDocumentId.slice(0, MAX_DOCUMENT_ID_CHARS);
  return log.frames.findLast((f) => f.frameId === event.frameId)?.top;
}

/** A frame committed a document (webNavigation.onCommitted, frameId ≠ 0): remember which page it is part of. */
export function commitFrame(log: TabLog, frameId: number, documentId: string, parentDocumentId: string | null): void {
  const top = parentDocumentId ? (log.frames.find((f) => f.documentId === parentDocumentId)?.top ?? parentDocumentId) : log.documentId;
  if (!top) return;
  const frames = log.frames.filter((f) => f.frameId !== frameId && f.documentId !== documentId);
  frames.push({ frameId, documentId: documentId.slice(0, MAX_DOCUMENT_ID_CHARS), top: top.slice(0, MAX_DOCUMENT_ID_CHARS) });
  log.frames = frames.slice(-MAX_FRAME_DOCUMENTS);
}

/** Adds a late refusal of the page the tab left to that page's evidence (bounded like it). */
export function addToPrevious(log: TabLog, record: RefusalRecord): void {
  const left = log.left;
  if (!left) return;
  const previous = log.previous;
  if (previous && previous.documentId === left.documentId && previous.url === left.url) {
    previous.records.push(record);
    if (previous.records.length > MAX_PREVIOUS_RECORDS) previous.records.shift();
    return;
  }
  // The evidence shown was passed on from an older page: the page just before is the one to show.
  log.previous = { url: left.url, documentId: left.documentId, leftAt: left.leftAt, records: [record] };
}

/**
 * A refusal of a navigation whose document never became the tab's page: at most the page before,
 * labelled with its own address, and only when the tab holds no evidence of another page.
 */
export function addUnshown(log: TabLog, record: RefusalRecord): void {
  const previous = log.previous;
  if (previous && previous.documentId === null && previous.url === record.url) {
    previous.records.push(record);
    if (previous.records.length > MAX_PREVIOUS_RECORDS) previous.records.shift();
  } else if (!previous || unrecovered(previous.records).length === 0) {
    log.previous = { url: record.url, documentId: null, leftAt: record.lastSeen, records: [record] };
  }
}

/** A top-level navigation started (`url` redacted): its refusals will belong to the page it commits. */
export function startNavigation(log: TabLog, requestId: string, start: number, url?: string): void {
  if (log.navigation?.requestId === requestId) {
    if (url !== undefined) log.navigation.url = url; // a redirect of the same navigation: its start stays
    return;
  }
  log.navigation = url === undefined ? { requestId, start } : { requestId, start, url };
}

/**
 * A top-level navigation to `url` ended without a page of its own (webNavigation.onErrorOccurred without a
 * new document: a download, a stopped load) while the tab kept showing its page. Its refusals were the tab's
 * only while the browser worked on it: they show at most as the page before, labelled with their address.
 * The page shown stopping its own load ends nothing. True when the log changed.
 */
export function endNavigation(log: TabLog, url: string): boolean {
  if (url === log.pageUrl) return false;
  if (log.navigation && (log.navigation.url ?? url) === url) log.navigation = null;
  const ended = log.records.filter((r) => r.resourceType === 'main_frame' && r.url === url && (log.committedAt === null || log.committedAt < r.lastSeen));
  if (ended.length === 0) return false;
  log.records = log.records.filter((r) => !ended.includes(r));
  for (const record of ended) {
    log.total -= record.count;
    addUnshown(log, record);
  }
  return true;
}

/** Recent refusals that did not recover, as evidence for the next page (null when none). */
function evidence(records: RefusalRecord[], url: string | null, documentId: string | null, leftAt: number): PreviousPage | null {
  const recent = unrecovered(records).filter((r) => leftAt - r.lastSeen <= PREVIOUS_PAGE_WINDOW_MS);
  return recent.length > 0 ? { url, documentId, leftAt, records: recent.slice(-MAX_PREVIOUS_RECORDS) } : null;
}

/**
 * A new top-level document committed. Each refusal the tab held is judged again (`attribute`) against
 * the new page: it keeps those whose document it is (the navigation that produced it, its first
 * requests); the page being left keeps its own as the previous page's evidence; a navigation that
 * never committed is named by its own address; what belongs to neither is dropped.
 */
export function commitNavigation(log: TabLog, pageUrl: string, commitTime: number, documentId: string | null = null): void {
  const before = log.previous;
  const olderLeft = log.left?.documentId;
  const leaving = log.documentId;
  const held = log.records;
  log.left = log.pageUrl !== null || log.committedAt !== null || leaving !== null ? { url: log.pageUrl, documentId: leaving, committedAt: log.committedAt, leftAt: commitTime } : null;
  log.frames = leaving === null ? [] : log.frames.filter((f) => f.top === leaving);
  log.pageUrl = pageUrl;
  log.committedAt = commitTime;
  log.documentId = documentId;
  log.navigation = null;
  const kept: RefusalRecord[] = [];
  const ofLeft: RefusalRecord[] = [];
  const unshown: RefusalRecord[] = [];
  for (const record of held) {
    // Held before this commit and tied to no document (by initiator, or the origin rule): the page being left's.
    const noDocument = record.attributedByInitiator || (record.resourceType !== 'main_frame' && documentOf(record) === undefined);
    let where = noDocument ? 'previous' : attribute(log, record);
    // The page being left had no known document: what its documents did is its.
    if (where === 'stale' && leaving === null && record.resourceType !== 'main_frame') where = 'previous';
    if (where === 'page') kept.push(record);
    else if (where === 'previous') ofLeft.push(record);
    else if (where === 'unshown') unshown.push(record);
  }
  const newest = unshown.at(-1)?.url ?? null;
  log.previous =
    evidence(ofLeft, log.left?.url ?? null, leaving, commitTime) ??
    evidence(
      unshown.filter((r) => r.url === newest),
      newest,
      null,
      commitTime,
    ) ??
    // A sign-in page that sends you on at once (a redirect chain) passes on what came before it.
    (before && commitTime - before.leftAt <= PREVIOUS_PAGE_WINDOW_MS && unrecovered(before.records).length > 0 ? before : null);
  for (const gone of [olderLeft, before?.documentId]) {
    if (gone && gone !== documentId && gone !== leaving && gone !== log.previous?.documentId && !log.retiredDocuments.includes(gone)) log.retiredDocuments.push(gone);
  }
  log.retiredDocuments = log.retiredDocuments.slice(-MAX_RETIRED_DOCUMENTS);
  log.total = kept.reduce((sum, r) => sum + r.count, 0);
  log.records = kept;
  log.dropped = 0;
}

/**
 * The refusals that still matter: not recovered, and not a background request the page does not
 * need (a prefetch, a beacon). The only ones that warn or get a diagnosis.
 */
export function unrecovered(records: readonly RefusalRecord[] | undefined): RefusalRecord[] {
  return records ? records.filter((r) => r.recovered === null && r.background === undefined) : [];
}
