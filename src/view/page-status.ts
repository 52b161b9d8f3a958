/**
 * Display policy: which of a tab's refusals warn the person (the badge) and what the page marker
 * may say. The worker applies it when it publishes; the log rules themselves are capture/tab-log.ts.
 */
import { notCommitted, unrecovered } from '../capture/tab-log';
import type { PageStatus, RefusalRecord, RefusalStatus, TabLog } from '../capture/types';

/** Which refusals warn the user: all unrecovered ones, or only a refused page itself. */
export type WarningScope = 'all' | 'main-frame';

/** What the badge and the page marker warn about. */
export function warnings(log: TabLog | undefined, scope: WarningScope = 'all'): RefusalRecord[] {
  const open = unrecovered(log?.records);
  return scope === 'all' ? open : open.filter((r) => r.resourceType === 'main_frame');
}

/**
 * The page marker's view of a tab: only what the page itself could know (see `pageReadable`), and
 * only the committed page's (a navigation's own refusal belongs to the page it has not shown yet).
 */
export function markerStatus(log: TabLog | undefined, scope: WarningScope = 'all'): PageStatus {
  const pending = log?.navigation?.requestId;
  const open = warnings(log, scope).filter((r) => r.pageReadable === true && r.requestId !== pending && !(log && notCommitted(log, r)));
  const statuses = [...new Set<RefusalStatus>(open.map((r) => r.status))].sort();
  return { refused: open.length, pageRefused: open.some((r) => r.resourceType === 'main_frame'), statuses };
}
