/**
 * The user's settings, their defaults and validation: plain code, no browser API.
 * Stored as one object in storage.local under `settings` (see settings.ts); damaged data falls back to defaults.
 */
export interface Settings {
  /** Show the notice on pages with refused requests. */
  showMarker: boolean;
  /** Warn (badge and marker) for every refused request, or only when the page itself was refused. */
  badgeScope: 'all' | 'main-frame';
  /** Hosts to ignore entirely (a host also covers its subdomains). */
  ignoredSites: string[];
}

export const DEFAULT_SETTINGS: Settings = { showMarker: true, badgeScope: 'all', ignoredSites: [] };

export const SETTINGS_KEY = 'settings';
const MAX_IGNORED_SITES = 500;

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

export function normalizeSettings(value: unknown): Settings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof Settings, unknown>>;
  const sites = Array.isArray(raw.ignoredSites) ? raw.ignoredSites.filter((s): s is string => typeof s === 'string') : [];
  return {
    showMarker: typeof raw.showMarker === 'boolean' ? raw.showMarker : DEFAULT_SETTINGS.showMarker,
    badgeScope: raw.badgeScope === 'main-frame' ? 'main-frame' : 'all',
    ignoredSites: [...new Set(sites.map(normalizeHost).filter((h): h is string => h !== null))].slice(0, MAX_IGNORED_SITES),
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

