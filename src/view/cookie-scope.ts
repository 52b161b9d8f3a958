/**
 * Which cookies a host receives, and what clearing them also touches: pure, so it is unit-tested.
 * A host-only cookie belongs to exactly its host; a domain cookie (Domain=bank.example) is sent to
 * that domain and every subdomain, so deleting it signs the person out there too.
 */

/** The parts of a browser cookie this needs (chrome.cookies.Cookie / browser.cookies.Cookie). */
export interface CookieScope {
  domain: string;
  hostOnly: boolean;
}

/** Whether `host` receives this cookie (RFC 6265 domain matching). */
export function hostReceives(host: string, cookie: CookieScope): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const name = host.toLowerCase();
  return cookie.hostOnly ? name === domain : name === domain || name.endsWith(`.${domain}`);
}

/** The domains other than `host` whose sites also lose these cookies (domain cookies of a parent), sorted. */
export function sharedWith(host: string, cookies: readonly CookieScope[]): string[] {
  const name = host.toLowerCase();
  const others = cookies.filter((c) => !c.hostOnly).map((c) => c.domain.replace(/^\./, '').toLowerCase()).filter((d) => d !== name);
  return [...new Set(others)].sort();
}

/** What "Clear cookies and site data" will delete, shown before it does. */
export interface ClearPlan {
  /** The page the popup explained, and so the only site acted on. */
  origin: string;
  host: string;
  /** Cookies this host receives. */
  cookies: number;
  /** Parent domains some of them belong to: their sites are signed out too. */
  sharedWith: string[];
}
