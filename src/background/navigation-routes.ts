import { redactUrl } from '../capture/redact-url';
import type { TabStore } from './tab-store';

/** What webNavigation.onCommitted reports, in both browsers (Chrome adds the lifecycle; both name documents). */
export interface CommitDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
  documentId?: string;
  parentDocumentId?: string;
  /** Chrome reports prerendered pages as commits in their future tab; they are not what the user sees yet. */
  documentLifecycle?: string;
}

/**
 * Where a commit goes: a top-level one is the tab's new page (its refusals are told from the old page's by
 * the documents, see tab-log attribute); a frame's is remembered with the page it is part of, so the
 * frame's late refusals find that page. Free of browser APIs: the watcher and the replay of recorded
 * browser sequences (tests/support/replay.ts) both deliver commits through here.
 */
export function routeCommit(store: TabStore, details: CommitDetails): void {
  if (details.tabId < 0 || details.documentLifecycle === 'prerender') return;
  if (details.frameId === 0) store.commitPage(details.tabId, redactUrl(details.url), details.timeStamp, details.documentId ?? null);
  else if (typeof details.documentId === 'string') store.commitFrame(details.tabId, details.frameId, details.documentId, details.parentDocumentId ?? null);
}
