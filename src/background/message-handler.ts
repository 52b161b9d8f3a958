import browser, { type Runtime } from 'webextension-polyfill';
import { isToWorker, type ToWorker, type WorkerReply } from '../shared/messages';
import { popupPathForTab } from '../shared/paths';
import { pageStatus } from '../capture/tab-log';
import type { Settings } from '../shared/settings-schema';
import type { TabStore } from './tab-store';

type Handler<T extends ToWorker['type']> = (
  message: Extract<ToWorker, { type: T }>,
  sender: Runtime.MessageSender,
) => Promise<WorkerReply[T]>;

/** Messages only our own extension pages may send. */
const EXTENSION_PAGE_ONLY: ReadonlySet<ToWorker['type']> = new Set(['options:clear-data']);

function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

/** Content scripts ask about their own tab only, and only from the top-level frame. */
function senderTab(sender: Runtime.MessageSender): number | null {
  return sender.tab?.id !== undefined && sender.frameId === 0 ? sender.tab.id : null;
}

function handlers(store: TabStore, settings: () => Settings): { [T in ToWorker['type']]: Handler<T> } {
  return {
    'content:get-status': async (_message, sender) => {
      const tabId = senderTab(sender);
      // A sender without a tab learns nothing (never the log of requests that have no tab).
      return { status: tabId === null ? pageStatus(undefined) : store.shownStatus(tabId), showMarker: settings().showMarker };
    },
    'options:clear-data': async () => {
      for (const tabId of store.tabIds()) store.clearRecords(tabId);
      await store.flush();
    },
    'content:open-details': async (_message, sender) => {
      const tabId = senderTab(sender);
      if (tabId !== null) await browser.tabs.create({ url: browser.runtime.getURL(popupPathForTab(tabId)), openerTabId: tabId });
    },
  };
}

/** One handler table for every message the worker accepts; anything else is ignored. */
export function handleMessages(store: TabStore, settings: () => Settings): void {
  const table = handlers(store, settings);
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isToWorker(message) || sender.id !== browser.runtime.id) return undefined;
    if (EXTENSION_PAGE_ONLY.has(message.type) && !fromExtensionPage(sender)) return undefined;
    const handle = table[message.type] as Handler<typeof message.type>;
    return store.ready.then(() => handle(message as never, sender));
  });
}
