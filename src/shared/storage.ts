/**
 * Reading, writing and watching what the extension stores (keys and types in storage-schema.ts).
 * Every context goes through these functions; the worker's tab state reads and writes through
 * `sessionArea`.
 */
import browser from 'webextension-polyfill';
import {
  checklistKey,
  DETAIL_CAPTURE_KEY,
  detailsTabKey,
  diagnosisKey,
  normalizeSettings,
  readTicks,
  type SessionArea,
  SETTINGS_KEY,
  type Settings,
  tabKey,
  type TabState,
  tabStateFrom,
} from './storage-schema';

/** storage.session as the worker's tab state (TabStore, TabPublisher) uses it. */
export const sessionArea: SessionArea = {
  get: () => browser.storage.session.get(null),
  set: (items) => browser.storage.session.set(items),
  remove: (keys) => browser.storage.session.remove(keys),
  // Not every browser has it for storage.session: then the publisher's own count stands alone.
  ...(typeof browser.storage.session.getBytesInUse === 'function' ? { getBytesInUse: (keys: string[]) => browser.storage.session.getBytesInUse(keys) } : {}),
};

/** A tab's refused requests and diagnosis, as the worker last published them. */
export async function readTabState(tabId: number): Promise<TabState> {
  return tabStateFrom(await browser.storage.session.get([tabKey(tabId), diagnosisKey(tabId)]), tabId);
}

/** Calls back with the tab's state whenever the worker publishes it; returns the unsubscribe. */
export function watchTabState(tabId: number, onChange: (state: TabState) => void): () => void {
  const keys = [tabKey(tabId), diagnosisKey(tabId)];
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'session' || !keys.some((key) => key in changes)) return;
    // The worker writes both keys in one set; reading them back keeps a partial change from mixing states.
    void readTabState(tabId).then(onChange, () => {});
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export async function readChecklistTicks(tabId: number): Promise<string[]> {
  return readTicks((await browser.storage.session.get(checklistKey(tabId)))[checklistKey(tabId)]);
}

export async function writeChecklistTicks(tabId: number, ticks: string[]): Promise<void> {
  await browser.storage.session.set({ [checklistKey(tabId)]: ticks });
}

/** The tab showing the extension's page for `tabId` (opened from the page marker), if one was opened. */
export async function readDetailsTab(tabId: number): Promise<number | null> {
  const value = (await browser.storage.session.get(detailsTabKey(tabId)))[detailsTabKey(tabId)];
  return typeof value === 'number' ? value : null;
}

export async function writeDetailsTab(tabId: number, detailsTabId: number): Promise<void> {
  await browser.storage.session.set({ [detailsTabKey(tabId)]: detailsTabId });
}

/** Until when detail capture runs (0 when it is off). */
export async function readDetailCaptureUntil(): Promise<number> {
  const value = (await browser.storage.session.get(DETAIL_CAPTURE_KEY))[DETAIL_CAPTURE_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export async function writeDetailCaptureUntil(until: number): Promise<void> {
  if (until > 0) await browser.storage.session.set({ [DETAIL_CAPTURE_KEY]: until });
  else await browser.storage.session.remove(DETAIL_CAPTURE_KEY);
}

export async function loadSettings(): Promise<Settings> {
  return normalizeSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: normalizeSettings(settings) });
}

/** Calls back with the new settings whenever they change, in any context. Returns the unsubscribe. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) onChange(normalizeSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
