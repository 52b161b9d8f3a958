import browser from 'webextension-polyfill';
import { type CommitDetails, routeCommit, routeNavigationError } from './navigation-routes';
import type { TabStore } from './tab-store';

/**
 * Clears a tab's state when it shows a new page, remembers which page each frame's document is part
 * of, notes navigations that end without a page of their own, and forgets closed tabs. Registered synchronously at top level, like every listener.
 */
export function watchNavigation(store: TabStore): void {
  browser.webNavigation.onCommitted.addListener((details: CommitDetails) => {
    void store.ready.then(() => routeCommit(store, details));
  });
  browser.webNavigation.onErrorOccurred.addListener((details: CommitDetails) => {
    void store.ready.then(() => routeNavigationError(store, details));
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
