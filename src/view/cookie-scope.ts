/**
 * Which cookies a host receives, and what clearing them also touches: pure, so it is unit-tested.
 * A host-only cookie belongs to exactly its host; a domain cookie (Domain=bank.example) is sent to
 * that domain and every subdomain, so deleting it signs the person out there too.
 */

import type { CookieScope } from '../capture/site';

export { type CookieScope, hostReceives } from '../capture/site';

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
