import { boundUrl, redactUrl } from '../capture/redact-url';
import type { TabStore } from './tab-store';

/** What webNavigation.onCommitted and onErrorOccurred report, in both browsers (Chrome adds the lifecycle; both name documents). */
export interface CommitDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
  documentId?: string;
  parentDocumentId?: string;
  /** Chrome reports prerendered pages as commits in their future tab; they are not what the user sees yet. */
  documentLifecycle?: string;
  /** onErrorOccurred: the error. */
  error?: string;
}

/**
 * Where a commit goes: a top-level one is the tab's new page (its refusals are told from the old page's by
 * the documents, see tab-log attribute); a frame's is remembered with the page it is part of, so the
 * frame's late refusals find that page. Free of browser APIs: the watcher and the replay of recorded
 * browser sequences (tests/support/replay.ts) both deliver commits through here.
 */
export function routeCommit(store: TabStore, details: CommitDetails): void {
  if (details.tabId < 0 || details.documentLifecycle === 'prerender') return;
  if (details.frameId === 0) store.commitPage(details.tabId, redactUrl(boundUrl(details.url)), details.timeStamp, details.documentId ?? null);
  else if (typeof details.documentId === 'string') store.commitFrame(details.tabId, details.frameId, details.documentId, details.parentDocumentId ?? null);
}

/**
 * A top-level navigation failed: an error page of its own now shows (Chromium, also under its sign-in
 * dialog), or the tab still shows its page and the navigation's refusals never were that page's.
 */
export function routeNavigationError(store: TabStore, details: CommitDetails): void {
  if (details.tabId < 0 || details.frameId !== 0 || details.documentLifecycle === 'prerender') return;
  store.navigationFailed(details.tabId, redactUrl(boundUrl(details.url)), details.timeStamp, details.documentId ?? null, details.error);
}
