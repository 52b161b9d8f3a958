/**
 * Every storage key the extension uses, with its area and type.
 *
 * storage.session (memory only, cleared when the browser closes; survives worker restarts):
 *   `tab:<tabId>` → TabLog — refused requests of that tab's current page.
 *   `tab:-1`      → TabLog — refused requests that could not be tied to any tab.
 *   `checklist:<tabId>` → string[] — checklist steps the person ticked in the popup.
 *
 * storage.local (settings, kept across restarts): see settings.ts.
 */
import type { TabLog } from '../capture/types';

export const TAB_KEY_PREFIX = 'tab:';
export const UNATTRIBUTED_TAB_ID = -1;

export function tabKey(tabId: number): string {
  return `${TAB_KEY_PREFIX}${tabId}`;
}

/** The tab id in a `tab:<id>` key, or null for any other key. */
export function tabIdFromKey(key: string): number | null {
  if (!key.startsWith(TAB_KEY_PREFIX)) return null;
  const id = Number(key.slice(TAB_KEY_PREFIX.length));
  return Number.isInteger(id) ? id : null;
}

/** Guards restored data: storage written by an older version, or damaged, is dropped, not trusted. */
export function isTabLog(value: unknown): value is TabLog {
  if (typeof value !== 'object' || value === null) return false;
  const log = value as Partial<TabLog>;
  return (
    typeof log.tabId === 'number' &&
    Array.isArray(log.records) &&
    typeof log.total === 'number' &&
    typeof log.dropped === 'number' &&
    typeof log.nextId === 'number'
  );
}

export function checklistKey(tabId: number): string {
  return `checklist:${tabId}`;
}
