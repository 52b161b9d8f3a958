import { AUTH_SCHEMES } from './auth-schemes';
import { looksLikeSecret } from './secret-shapes';
import { readTokenFacts } from './token-facts';
import type { HttpHeader, SentCredentials } from './types';

/** An observed request that carried no credentials and no cookies. */
export const NOTHING_SENT: SentCredentials = {
  observed: true,
  authorizationScheme: null,
  authorizationWithoutScheme: false,
  cookies: false,
  cookieCount: 0,
  token: null,
  notableHeaders: [],
};
/** A request whose headers we chose not to observe. */
export const NOT_OBSERVED: SentCredentials = { ...NOTHING_SENT, observed: false };

/** Request headers whose presence (never value) helps the diagnosis. */
const NOTABLE_HEADERS: ReadonlySet<string> = new Set(['x-wp-nonce', 'dpop', 'x-csrf-token', 'x-xsrf-token', 'x-api-key', 'api-key', 'x-requested-with']);
const TOKEN_SCHEMES: ReadonlySet<string> = new Set(['bearer', 'dpop']);
/** Headers that say why the browser made a request (a prefetch, not something the page needs now). */
const PURPOSE_HEADERS: ReadonlySet<string> = new Set(['sec-purpose', 'purpose', 'x-moz']);

/** What we hold about a request between sending it and its response. */
export interface RequestFacts {
  sent: SentCredentials;
  /** The request carried `Access-Control-Request-Method`: a CORS preflight. */
  preflight: boolean;
  /** The browser fetched it ahead of time (`Sec-Purpose`/`Purpose: prefetch`, Firefox's older `X-Moz: prefetch`). */
  prefetch?: true;
  /**
   * The `Origin` header it carried (bounded), null when none was seen: browsers send it on every CORS
   * request and on other methods than GET and HEAD, never on a no-cors GET. Chrome shows it only to
   * listeners with `extraHeaders`.
   */
  origin?: string | null;
  /** Its `Sec-Fetch-Mode` (cors, no-cors, navigate, same-origin), sent to https and other trustworthy origins; null when none was seen. */
  fetchMode?: string | null;
}

/** Longest Origin or Sec-Fetch-Mode value kept (an origin is a scheme, a host and a port). */
const MAX_MODE_HEADER_CHARS = 300;
/** A scheme we do not know must read like a word ("Custom", "X-Token"), never like a key. */
const WORDLIKE_SCHEME = /^[A-Za-z]{2,20}(?:-[A-Za-z0-9]{1,20}){0,3}$/;
const MAX_SCHEME_CHARS = 32;

/**
 * The scheme of an Authorization value ("Bearer", "Basic", ...), or null when the value has none.
 * Only `<scheme> <credentials>` with a plausible scheme yields one: a raw API key (`sk_live_…`,
 * no space) must never be taken for a scheme, since the scheme is stored and shown.
 * A known scheme alone ("Bearer" with nothing after) is still that scheme.
 */
export function authorizationScheme(value: string): string | null {
  const match = /^\s*([!#$%&'*+.^_`|~\w-]{1,64})(\s+\S)?/.exec(value.slice(0, MAX_SCHEME_CHARS * 2 + 2));
  const scheme = match?.[1];
  if (!scheme || scheme.length > MAX_SCHEME_CHARS) return null;
  if (AUTH_SCHEMES.has(scheme.toLowerCase())) return scheme;
  return match[2] && WORDLIKE_SCHEME.test(scheme) && !looksLikeSecret(scheme) ? scheme : null;
}

function countCookies(value: string): number {
  let count = 0;
  for (const part of value.split(';')) if (part.trim() !== '') count++;
  return count;
}

/** Whether the page sent an Authorization header at all (with or without a recognisable scheme). */
export function sentAuthorization(sent: Pick<SentCredentials, 'authorizationScheme' | 'authorizationWithoutScheme'>): boolean {
  return sent.authorizationScheme !== null || sent.authorizationWithoutScheme;
}

/** Whether cookies could be seen: known to be absent unless `cookiesHidden`. */
export function knownNoCookies(sent: SentCredentials): boolean {
  return !sent.cookies && sent.cookiesHidden !== true;
}

/**
 * Reads what a request carried, keeping facts only. Returns null when it carried no
 * credentials, no cookies and was no preflight, so the common case stores nothing.
 * `cookiesVisible` is false when the browser hid the Cookie header from this listener.
 */
export function readRequestFacts(headers: readonly HttpHeader[] | undefined, cookiesVisible = true): RequestFacts | null {
  if (!headers) return null;
  let facts: RequestFacts | null = null;
  let origin: string | null = null;
  let fetchMode: string | null = null;
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (name === 'origin') {
      origin = (header.value ?? '').slice(0, MAX_MODE_HEADER_CHARS).trim();
      continue;
    }
    if (name === 'sec-fetch-mode') {
      fetchMode = (header.value ?? '').slice(0, MAX_MODE_HEADER_CHARS).trim().toLowerCase();
      continue;
    }
    const notable = NOTABLE_HEADERS.has(name);
    const purpose = PURPOSE_HEADERS.has(name);
    if (!notable && !purpose && name !== 'authorization' && name !== 'cookie' && name !== 'access-control-request-method') continue;
    facts ??= emptyFacts(cookiesVisible);
    const value = header.value ?? '';
    if (purpose) {
      if (/\bprefetch\b/i.test(value.slice(0, 100))) facts.prefetch = true;
    } else if (notable) {
      if (!facts.sent.notableHeaders.includes(name)) facts.sent.notableHeaders.push(name);
    } else if (name === 'authorization') {
      const scheme = authorizationScheme(value);
      facts.sent.authorizationScheme = scheme;
      facts.sent.authorizationWithoutScheme = scheme === null;
      // Read what the token says and drop it: only the facts leave this function.
      if (scheme && TOKEN_SCHEMES.has(scheme.toLowerCase())) facts.sent.token = readTokenFacts(value.slice(value.indexOf(scheme) + scheme.length));
    } else if (name === 'cookie') {
      facts.sent.cookieCount += countCookies(value);
      facts.sent.cookies = facts.sent.cookieCount > 0;
    } else facts.preflight = true;
  }
  // The mode is kept only for requests that carry an Origin (CORS calls, and other methods than GET):
  // it tells whether the page may read another origin's answer (build-refusal-record.ts). A plain GET stores nothing.
  if (origin !== null) facts ??= emptyFacts(cookiesVisible);
  if (facts) Object.assign(facts, { origin, fetchMode });
  return facts;
}

function emptyFacts(cookiesVisible: boolean): RequestFacts {
  return { sent: { ...NOTHING_SENT, notableHeaders: [], ...(cookiesVisible ? {} : { cookiesHidden: true as const }) }, preflight: false };
}
