/**
 * Service worker (Chrome) / background script (Firefox) entry point.
 * Every listener is registered synchronously here, before any await, so an event that wakes
 * a stopped worker is delivered; state comes back from storage.session behind `store.ready`.
 */
import browser from 'webextension-polyfill';
import { pageStatus } from '../capture/tab-log';
import type { TabLog } from '../capture/types';
import type { ToContent } from '../shared/messages';
import { showBadge } from './badge';
import { handleMessages } from './message-handler';
import { forgetVanishedTabs, watchNavigation } from './navigation-watcher';
import { watchRequests } from './request-watcher';
import { TabStore } from './tab-store';

function logError(message: string, error: unknown): void {
  console.warn(`401 Explainer: ${message}`, error);
}

async function publish(tabId: number, log: TabLog | undefined): Promise<void> {
  if (tabId < 0) return;
  await showBadge(tabId, log);
  const message: ToContent = { type: 'bg:status', status: pageStatus(log) };
  // The page may have no content script (browser pages, still loading): nothing to tell then.
  await browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => {});
}

const session = browser.storage.session;
const store = new TabStore(
  {
    get: () => session.get(null),
    set: (items) => session.set(items),
    remove: (keys) => session.remove(keys),
  },
  publish,
  logError,
);

watchRequests(store);
watchNavigation(store);
handleMessages(store);

// A restarted worker re-applies badges (Chrome keeps them, Firefox may not) and drops closed tabs.
void forgetVanishedTabs(store)
  .then(() => Promise.all(store.tabIds().map((tabId) => showBadge(tabId, store.get(tabId)))))
  .catch((error: unknown) => logError('could not restore badges', error));
