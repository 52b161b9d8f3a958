/**
 * The worker's picture of the cookie jar, without values: every cookie's name, scope and
 * attributes, kept in memory only (rebuilt from cookies.getAll when the worker starts) and
 * updated from cookies.onChanged. Pure: background/cookie-watcher.ts feeds it the browser's
 * cookies. It answers, at the moment a request is refused and without waiting on the browser,
 * what the jar held for that request (cookie-jar.ts), and it turns a sign-in cookie's removal
 * into a departure (cookie-departures.ts).
 */
import { type CookieDeparture, type DepartureLog, departuresFor, isDepartureReason } from './cookie-departures';
import { type CookieJarFacts, type CookieSameSite, type JarCookie, MAX_JAR_COOKIES, MAX_JAR_DEPARTURES } from './cookie-jar';
import { MAX_COOKIE_NAME_CHARS } from './limits';
import { originOf } from './redact-url';
import { keptCookieName, looksLikeSignInCookie } from './sign-in-cookie';
import { hostReceives, siteOfHost } from './site';

/** The parts of a browser cookie (chrome.cookies.Cookie / browser.cookies.Cookie) this reads; `value` is never read. */
export interface BrowserCookie {
  name: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  sameSite?: string;
  expirationDate?: number;
  /** Chrome and Firefox: set for a partitioned cookie. */
  partitionKey?: { topLevelSite?: string } | null;
  /** Firefox with first-party isolation: the top-level site it belongs to ("" otherwise). */
  firstPartyDomain?: string;
}

/** cookies.onChanged's details. */
export interface CookieChange {
  removed: boolean;
  cause: string;
  cookie: BrowserCookie;
}

/** A mirrored cookie: its facts, and when the extension saw it set (for its lifetime). */
interface Mirrored extends JarCookie {
  setAt: number | null;
}

/** Cookies mirrored at most: a jar past it is mirrored in part (the newest changes win). */
export const MAX_MIRRORED_COOKIES = 5_000;

const SAME_SITES: ReadonlySet<string> = new Set(['strict', 'lax', 'no_restriction', 'unspecified']);

function jarCookie(cookie: BrowserCookie, setAt: number | null): Mirrored {
  const partition = cookie.partitionKey?.topLevelSite || cookie.firstPartyDomain || null;
  return {
    name: cookie.name.slice(0, MAX_COOKIE_NAME_CHARS + 1),
    domain: cookie.domain.replace(/^\./, '').toLowerCase(),
    hostOnly: cookie.hostOnly,
    path: cookie.path || '/',
    secure: cookie.secure,
    sameSite: (SAME_SITES.has(cookie.sameSite ?? '') ? cookie.sameSite : 'unspecified') as CookieSameSite,
    partitionSite: partition ? siteOfHost(hostOf(partition)) : null,
    expires: typeof cookie.expirationDate === 'number' ? cookie.expirationDate * 1000 : null,
    setAt,
  };
}

/** The host of a partition key's site ("https://shop.example" or Firefox's FPI "shop.example"). */
function hostOf(site: string): string {
  try {
    return new URL(site.includes('://') ? site : `https://${site}`).hostname;
  } catch {
    return site;
  }
}

const keyOf = (c: Pick<JarCookie, 'name' | 'domain' | 'hostOnly' | 'path' | 'partitionSite'>) => `${c.domain}\n${c.hostOnly}\n${c.path}\n${c.partitionSite ?? ''}\n${c.name}`;

export class CookieMirror {
  /** Every mirrored cookie, oldest change first (the bound drops from the front). */
  private readonly cookies = new Map<string, Mirrored>();
  /** The keys of each site's cookies: a refusal reads its own site's, not the whole jar. */
  private readonly bySite = new Map<string, Set<string>>();

  get size(): number {
    return this.cookies.size;
  }

  /** Starts over from the browser's whole jar. */
  reset(cookies: readonly BrowserCookie[]): void {
    this.clear();
    for (const cookie of cookies.slice(0, MAX_MIRRORED_COOKIES)) this.add(jarCookie(cookie, null));
  }

  clear(): void {
    this.cookies.clear();
    this.bySite.clear();
  }

  private add(mirrored: Mirrored): void {
    const key = keyOf(mirrored);
    this.remove(key); // re-inserted last: the oldest go first when the jar is too big
    this.cookies.set(key, mirrored);
    const site = siteOfHost(mirrored.domain);
    const keys = this.bySite.get(site) ?? new Set<string>();
    keys.add(key);
    this.bySite.set(site, keys);
    if (this.cookies.size > MAX_MIRRORED_COOKIES) this.remove(this.cookies.keys().next().value!);
  }

  private remove(key: string): void {
    const mirrored = this.cookies.get(key);
    if (!mirrored) return;
    this.cookies.delete(key);
    const site = siteOfHost(mirrored.domain);
    const keys = this.bySite.get(site);
    keys?.delete(key);
    if (keys?.size === 0) this.bySite.delete(site);
  }

  /**
   * Applies one change; returns the departure it makes when a sign-in-looking cookie went away
   * (an `overwrite` is followed by the new cookie's own change, which puts it back).
   */
  changed(change: CookieChange, now: number): CookieDeparture | null {
    const mirrored = jarCookie(change.cookie, change.removed ? null : now);
    const key = keyOf(mirrored);
    const before = this.cookies.get(key);
    if (!change.removed) {
      this.add(mirrored);
      return null;
    }
    this.remove(key);
    if (!isDepartureReason(change.cause) || !looksLikeSignInCookie(mirrored.name)) return null;
    const expired = change.cause === 'expired' && mirrored.expires !== null && mirrored.expires <= now;
    const setAt = before?.setAt ?? null;
    const lifetime = setAt !== null && mirrored.expires !== null && mirrored.expires > setAt ? Math.round((mirrored.expires - setAt) / 1000) : null;
    return {
      name: keptCookieName(mirrored.name),
      domain: mirrored.domain,
      hostOnly: mirrored.hostOnly,
      at: expired ? mirrored.expires! : now,
      reason: change.cause,
      ...(lifetime !== null && change.cause === 'expired' ? { lifetimeSeconds: lifetime } : {}),
    };
  }

  /**
   * What the jar holds for a request to `url` from a page at `topOrigin`: the sign-in cookies of
   * its site, the count of other cookies its host receives, and the departures that still explain
   * something (the cookie has not come back since, or the site replaced it). A sign-in cookie past
   * its expiry that the browser has not reported yet counts as expired.
   */
  factsFor(url: string, topOrigin: string | null, departures: DepartureLog, now: number, unspecifiedIsLax = true): CookieJarFacts | null {
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      return null;
    }
    const site = siteOfHost(host);
    const signIn: JarCookie[] = [];
    const ended: CookieDeparture[] = [];
    let others = 0;
    // A host receives only cookies of its own site (its domain or a parent below the registrable one).
    for (const key of this.bySite.get(site) ?? []) {
      const cookie = this.cookies.get(key)!;
      const receives = hostReceives(host, cookie);
      if (!looksLikeSignInCookie(cookie.name)) {
        if (receives && cookie.partitionSite === null && !(cookie.expires !== null && cookie.expires <= now)) others++;
        continue;
      }
      if (cookie.expires !== null && cookie.expires <= now) {
        if (receives) ended.push({ name: keptCookieName(cookie.name), domain: cookie.domain, hostOnly: cookie.hostOnly, at: cookie.expires, reason: 'expired' });
        continue;
      }
      if (signIn.length < MAX_JAR_COOKIES) {
        const { setAt: _, ...facts } = cookie;
        signIn.push({ ...facts, name: keptCookieName(cookie.name) });
      }
    }
    const present = (d: CookieDeparture) => signIn.some((c) => c.name === d.name && c.domain === d.domain);
    const reported = departuresFor(departures, host, now).filter((d) => d.reason === 'overwrite' || !present(d));
    const all = [...reported, ...ended.filter((e) => !reported.some((d) => d.name === e.name && d.domain === e.domain))];
    return {
      topOrigin: topOrigin ? originOf(topOrigin) : originOf(url),
      signIn,
      others,
      departures: all.sort((a, b) => b.at - a.at).slice(0, MAX_JAR_DEPARTURES),
      unspecifiedIsLax,
    };
  }
}
