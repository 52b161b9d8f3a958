/**
 * Every storage key the extension uses, with its area and type.
 *
 * storage.session (memory only, cleared when the browser closes; survives worker restarts):
 *   `tab:<tabId>` → TabLog — refused requests of that tab's current page.
 *   `tab:-1`      → TabLog — refused requests that could not be tied to any tab.
 *   `diagnosis:<tabId>` → PublishedDiagnosis — the worker's diagnosis of `tab:<tabId>` (its page and
 *                   the previous page's evidence), written in the same `set` as the log (so the two
 *                   always agree), for the popup to draw without computing.
 *   `checklist:<tabId>` → string[] — checklist steps the person ticked in the popup.
 *   `details:<tabId>` → number — the tab showing the extension's page for that tab (opened from the page marker).
 *
 * storage.local (settings, kept across restarts): see settings.ts.
 */
import type { TabLog } from '../capture/types';
import type { Diagnosis } from '../diagnosis/types';

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

export function diagnosisKey(tabId: number): string {
  return `diagnosis:${tabId}`;
}

/** What the worker stores for the popup: the diagnosis of the tab's page and of the previous page's evidence. */
export interface PublishedDiagnosis {
  current: Diagnosis;
  previous: Diagnosis | null;
}

/** Guards a stored diagnosis the same way (its shape, not every field). */
export function isDiagnosis(value: unknown): value is Diagnosis {
  if (typeof value !== 'object' || value === null) return false;
  const diagnosis = value as Partial<Diagnosis>;
  return Array.isArray(diagnosis.causes) && Array.isArray(diagnosis.headerProblems) && typeof diagnosis.considered === 'number';
}

/** A tab's refused requests and the worker's diagnosis of them, as published together. */
export interface TabState {
  log: TabLog | null;
  diagnosis: Diagnosis;
  /** The diagnosis of the previous page's evidence (`log.previous`), when there is some. */
  previousDiagnosis: Diagnosis | null;
}

const NOTHING_REFUSED: Diagnosis = { causes: [], headerProblems: [], considered: 0 };

/**
 * The tab's state in a `storage.session.get` result. Missing or damaged data reads as "nothing
 * refused"; a log without its diagnosis (never written so by the worker) is shown undiagnosed.
 */
export function tabStateFrom(items: Record<string, unknown>, tabId: number): TabState {
  const log = items[tabKey(tabId)];
  if (!isTabLog(log)) return { log: null, diagnosis: NOTHING_REFUSED, previousDiagnosis: null };
  const stored = items[diagnosisKey(tabId)] as Partial<PublishedDiagnosis> | undefined;
  return {
    log,
    diagnosis: isDiagnosis(stored?.current) ? stored.current : NOTHING_REFUSED,
    previousDiagnosis: isDiagnosis(stored?.previous) ? stored.previous : null,
  };
}

export function checklistKey(tabId: number): string {
  return `checklist:${tabId}`;
}

export function detailsTabKey(tabId: number): string {
  return `details:${tabId}`;
}
