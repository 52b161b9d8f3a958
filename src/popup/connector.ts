import browser from 'webextension-polyfill';
import type { TabLog } from '../capture/types';
import { sendToWorker } from '../shared/messages';
import { isTabLog, tabKey } from '../shared/storage';

/** Everything the popup needs from the extension; `mock-connector.ts` fakes it for tests and previews. */
export interface Connector {
  /** The tab to explain: `?tabId=N` when given, else the active tab of this window. */
  tabId(): Promise<number | null>;
  loadTab(tabId: number): Promise<TabLog | null>;
  /** Calls back whenever the worker publishes a new state for the tab; returns the unsubscribe. */
  watchTab(tabId: number, onChange: (log: TabLog | null) => void): () => void;
}

export const extensionConnector: Connector = {
  async tabId() {
    const fromQuery = new URLSearchParams(location.search).get('tabId');
    if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  },
  loadTab(tabId) {
    return sendToWorker({ type: 'popup:get-tab', tabId });
  },
  watchTab(tabId, onChange) {
    const key = tabKey(tabId);
    const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area !== 'session' || !(key in changes)) return;
      const value = changes[key]!.newValue;
      onChange(isTabLog(value) ? value : null);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
