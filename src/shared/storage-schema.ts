/**
 * Every storage key the extension uses, with its area, its type and its guard: plain code, no
 * browser API (storage.ts reads and writes them; the popup's prefetch script uses the same keys).
 *
 * storage.session (memory only, cleared when the browser closes; survives worker restarts):
 *   `tab:<tabId>` → TabLog — refused requests of that tab's current page.
 *   `tab:-1`      → TabLog — refused requests that could not be tied to any tab.
 *   `diagnosis:<tabId>` → PublishedDiagnosis — the worker's diagnosis of `tab:<tabId>` (its page and
 *                   the previous page's evidence), written in the same `set` as the log (so the two
 *                   always agree), for the popup to draw without computing.
 *   `checklist:<tabId>` → string[] — checklist steps the person ticked in the popup.
 *   `details:<tabId>` → number — the tab showing the extension's page for that tab (opened from the page marker).
 *   `cookieDepartures` → DepartureLog — with the person's consent only (`settings.cookieWatch`): names, times
 *                   and the browser's reasons of sign-in cookies that went away (capture/cookie-departures.ts).
 *                   In memory like the tabs: it explains the minutes and hours after, and no site the person
 *                   visits is written to disk.
 *
 * storage.local (kept across restarts):
 *   `settings` → Settings — the person's choices, with a version for migrations (below).
 */
import type { TabLog } from '../capture/types';
import type { Diagnosis } from '../diagnosis/types';
import type { WarningScope } from '../view/page-status';

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

/** Every storage.session key that belongs to one tab: all of them go when the tab closes. */
export function tabStateKeys(tabId: number): string[] {
  return [tabKey(tabId), diagnosisKey(tabId), checklistKey(tabId), detailsTabKey(tabId)];
}

/** The slice of `storage.session` the worker's tab state needs (storage.ts gives the real one). */
export interface SessionArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** What the browser counts for these keys, where it says (Chrome): the publisher's budget checks its own count against it. */
  getBytesInUse?(keys: string[]): Promise<number>;
}

/** storage.session: sign-in cookies that went away (consent only; see the header). */
export const COOKIE_DEPARTURES_KEY = 'cookieDepartures';

/** storage.session: until when Chrome's detail listeners stay on (ms since the epoch; see background/detail-capture.ts). */
export const DETAIL_CAPTURE_KEY = 'detailCapture:until';

export function readTicks(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/* Settings ------------------------------------------------------------------------------------ */

/** The person's settings as they start: the Settings type is derived from these. */
export const DEFAULT_SETTINGS = {
  /** The shape of this object; normalizeSettings migrates older ones. */
  version: 1,
  /** Show the notice on pages with refused requests. */
  showMarker: true,
  /** Warn (badge and marker) for every refused request, or only when the page itself was refused. */
  badgeScope: 'all' as WarningScope,
  /** Hosts to ignore entirely (a host also covers its subdomains). */
  ignoredSites: [] as string[],
  /**
   * Watch the cookie jar (the optional `cookies` permission): remember which sign-in cookies went
   * away and read why a cookie was not sent. Off until the person turns it on.
   */
  cookieWatch: false,
};

export type Settings = typeof DEFAULT_SETTINGS;

export const SETTINGS_KEY = 'settings';
const MAX_IGNORED_SITES = 500;

/** Migrations from each older version to the next (none yet: version 1 is the first that has one). */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Lower-cased host from "https://www.example.com/x", "example.com" or "*.example.com"; null if none. */
export function normalizeHost(input: string): string | null {
  const text = input.trim().toLowerCase().replace(/^\*\./, '');
  if (!text) return null;
  try {
    return new URL(text.includes('://') ? text : `http://${text}`).hostname || null;
  } catch {
    return null;
  }
}

/** Settings as stored, migrated and validated: damaged or missing fields fall back to their defaults. */
export function normalizeSettings(value: unknown): Settings {
  let raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  for (let version = typeof raw.version === 'number' ? raw.version : 0; version < DEFAULT_SETTINGS.version; version++) {
    raw = MIGRATIONS[version]?.(raw) ?? raw;
  }
  const sites = Array.isArray(raw.ignoredSites) ? raw.ignoredSites.filter((s): s is string => typeof s === 'string') : [];
  return {
    version: DEFAULT_SETTINGS.version,
    showMarker: typeof raw.showMarker === 'boolean' ? raw.showMarker : DEFAULT_SETTINGS.showMarker,
    badgeScope: raw.badgeScope === 'main-frame' ? 'main-frame' : 'all',
    ignoredSites: [...new Set(sites.map(normalizeHost).filter((h): h is string => h !== null))].slice(0, MAX_IGNORED_SITES),
    cookieWatch: raw.cookieWatch === true,
  };
}

/** Whether a URL's host is one of the ignored sites or under one. */
export function isIgnoredUrl(settings: Settings, url: string | null): boolean {
  if (!url || settings.ignoredSites.length === 0) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return settings.ignoredSites.some((site) => host === site || host.endsWith(`.${site}`));
}
