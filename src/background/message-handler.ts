import browser, { type Runtime } from 'webextension-polyfill';
import { isToWorker, type ToWorker, type WorkerReply } from '../shared/messages';
import { popupPathForTab } from '../shared/paths';
import { readDetailsTab, writeDetailsTab } from '../shared/storage';
import type { TabState } from './tab-state';
import type { UnwatchedTabs } from './unwatched-tabs';

type Handler<T extends ToWorker['type']> = (
  message: Extract<ToWorker, { type: T }>,
  sender: Runtime.MessageSender,
) => Promise<WorkerReply[T]>;

/** The only messages a content script (living in a page, which may be hostile) may send; all others only our own pages may. */
const CONTENT_SCRIPT_MAY_SEND: ReadonlySet<ToWorker['type']> = new Set(['content:open-details', 'content:timing-refusals']);

function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

/** Content scripts ask about their own tab only, and only from the top-level frame. */
function senderTab(sender: Runtime.MessageSender): number | null {
  return sender.tab?.id !== undefined && sender.frameId === 0 ? sender.tab.id : null;
}

/**
 * Opens the extension's page for a tab, or brings forward the one already open for it: one details
 * tab per page tab, however often the marker's button is pressed. The id is kept in storage.session,
 * so a restarted worker still finds it.
 */
async function openDetailsTab(sourceTabId: number): Promise<void> {
  const url = browser.runtime.getURL(popupPathForTab(sourceTabId));
  const known = await readDetailsTab(sourceTabId);
  if (known !== null) {
    const tab = await browser.tabs.get(known).catch(() => null);
    // The tab may have been navigated elsewhere since; the URL is visible for our own pages.
    if (tab?.id !== undefined && (tab.url === undefined || tab.url === url)) {
      await browser.tabs.update(tab.id, { active: true });
      // Firefox for Android has no windows API (one window): there the tab is all there is to bring forward.
      if (tab.windowId !== undefined && browser.windows) await browser.windows.update(tab.windowId, { focused: true }).catch(() => {});
      return;
    }
  }
  const created = await browser.tabs.create({ url, openerTabId: sourceTabId });
  if (created.id !== undefined) await writeDetailsTab(sourceTabId, created.id);
}

/** What other parts of the worker do on a message (the sign-in flows are kept apart from the tab state). */
export interface MessageHooks {
  clearData?: () => Promise<void>;
}

function handlers({ store, publisher }: TabState, unwatched: UnwatchedTabs, hooks: MessageHooks): { [T in ToWorker['type']]: Handler<T> } {
  return {
    'options:clear-data': async () => {
      for (const tabId of store.tabIds()) store.clearRecords(tabId);
      await Promise.all([publisher.flush(), hooks.clearData?.()]);
    },
    'content:timing-refusals': async (message, sender) => {
      const tabId = senderTab(sender);
      if (tabId !== null) unwatched.receive(tabId, (sender as { documentId?: string }).documentId, message.entries);
    },
    'content:open-details': async (_message, sender) => {
      const tabId = senderTab(sender);
      if (tabId !== null) await openDetailsTab(tabId);
    },
  };
}

/** One handler table for every message the worker accepts; anything else is ignored. */
export function handleMessages(tabs: TabState, unwatched: UnwatchedTabs, hooks: MessageHooks = {}): void {
  const table = handlers(tabs, unwatched, hooks);
  const { store } = tabs;
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isToWorker(message) || sender.id !== browser.runtime.id) return undefined;
    if (!CONTENT_SCRIPT_MAY_SEND.has(message.type) && !fromExtensionPage(sender)) return undefined;
    const handle = table[message.type] as Handler<typeof message.type>;
    return store.ready.then(() => handle(message as never, sender));
  });
}
