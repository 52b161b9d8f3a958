/**
 * What the browser's cookie jar held for a refused request, as facts without values: the sign-in
 * cookies the request's site has (name, scope and attributes), how many other cookies its host
 * receives, and the sign-in cookies that went away shortly before (cookie-departures.ts). Gathered
 * only with the person's consent (the optional `cookies` permission, background/cookie-watcher.ts);
 * the diagnosis reads why a cookie was not sent from these (diagnosis/cookie-withheld-reason.ts).
 */
import type { CookieDeparture } from './cookie-departures';

/** SameSite as both browsers' cookies API report it (`no_restriction` is None; Chrome says `unspecified` when the site set none). */
export type CookieSameSite = 'strict' | 'lax' | 'no_restriction' | 'unspecified';

/** A cookie of the jar, its value dropped. */
export interface JarCookie {
  /** Its name, as keptCookieName gives it (sign-in-looking names only are kept on a record). */
  name: string;
  /** Its domain, without a leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  sameSite: CookieSameSite;
  /** The top-level site it is partitioned under (CHIPS, Firefox's Total Cookie Protection); null when unpartitioned. */
  partitionSite: string | null;
  /** When it expires (ms since the epoch); null for a session cookie. */
  expires: number | null;
}

/** What the jar held for one refused request, when the person allowed the extension to look. */
export interface CookieJarFacts {
  /** The origin of the tab's top-level page when the request was refused (the request's own for a page). */
  topOrigin: string | null;
  /** Sign-in-looking cookies of the request's site (its host's and its parent domains', any partition), at most MAX_JAR_COOKIES. */
  signIn: JarCookie[];
  /** How many other unpartitioned cookies the request's host receives (names not kept). */
  others: number;
  /** Sign-in cookies of the request's site that went away in the day before, newest first, at most MAX_JAR_DEPARTURES. */
  departures: CookieDeparture[];
  /**
   * Whether this browser treats a cookie without SameSite as Lax (Chrome) or as None (Firefox, which
   * keeps third-party cookies apart by partitioning them instead): both report it as `unspecified`.
   */
  unspecifiedIsLax: boolean;
}

/** Most sign-in cookies and departures kept on one record. */
export const MAX_JAR_COOKIES = 8;
export const MAX_JAR_DEPARTURES = 4;
