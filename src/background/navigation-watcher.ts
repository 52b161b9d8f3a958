import browser from 'webextension-polyfill';
import { redactUrl } from '../capture/redact-url';
import type { TabStore } from './tab-store';

/** Chrome reports prerendered pages as commits in their future tab; they are not what the user sees yet. */
type CommitDetails = { tabId: number; frameId: number; url: string; timeStamp: number; documentLifecycle?: string; documentId?: string };

/**
 * Clears a tab's state when it shows a new page, and forgets closed tabs.
 * Registered synchronously at top level, like every listener.
 */
export function watchNavigation(store: TabStore): void {
  browser.webNavigation.onCommitted.addListener((details: CommitDetails) => {
    if (details.frameId !== 0 || details.tabId < 0 || details.documentLifecycle === 'prerender') return;
    // Chrome names the new document; its refusals are told from the old page's by it (see tab-log attribute).
    void store.ready.then(() => store.commitPage(details.tabId, redactUrl(details.url), details.timeStamp, details.documentId ?? null));
  });

  browser.tabs.onRemoved.addListener((tabId) => void store.ready.then(() => store.remove(tabId)));
  browser.tabs.onReplaced.addListener((_added, removed) => void store.ready.then(() => store.remove(removed)));
}

/** After a restart, drops saved state of tabs that closed while the worker was asleep. */
export async function forgetVanishedTabs(store: TabStore): Promise<void> {
  await store.ready;
  const open = new Set((await browser.tabs.query({})).map((tab) => tab.id));
  await Promise.all(store.tabIds().filter((id) => id >= 0 && !open.has(id)).map((id) => store.remove(id)));
}
