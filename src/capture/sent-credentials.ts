import { readTokenFacts } from './token-facts';
import type { HttpHeader, SentCredentials } from './types';

/** An observed request that carried no credentials and no cookies. */
export const NOTHING_SENT: SentCredentials = { observed: true, authorizationScheme: null, cookies: false, cookieCount: 0, token: null, notableHeaders: [] };
/** A request whose headers we chose not to observe. */
export const NOT_OBSERVED: SentCredentials = { ...NOTHING_SENT, observed: false };

/** Request headers whose presence (never value) helps the diagnosis. */
const NOTABLE_HEADERS: ReadonlySet<string> = new Set(['x-wp-nonce', 'dpop', 'x-csrf-token', 'x-xsrf-token', 'x-api-key', 'api-key', 'x-requested-with']);
const TOKEN_SCHEMES: ReadonlySet<string> = new Set(['bearer', 'dpop']);

/** What we hold about a request between sending it and its response. */
export interface RequestFacts {
  sent: SentCredentials;
  /** The request carried `Access-Control-Request-Method`: a CORS preflight. */
  preflight: boolean;
}

/** The first word of an Authorization value ("Bearer", "Basic", ...); never any of the credential. */
export function authorizationScheme(value: string): string {
  const scheme = /^\s*([!#$%&'*+.^_`|~\w-]{1,32})(?:\s|$)/.exec(value)?.[1];
  return scheme ?? 'unknown';
}

function countCookies(value: string): number {
  let count = 0;
  for (const part of value.split(';')) if (part.trim() !== '') count++;
  return count;
}

/**
 * Reads what a request carried, keeping facts only. Returns null when it carried no
 * credentials, no cookies and was no preflight, so the common case stores nothing.
 */
export function readRequestFacts(headers: readonly HttpHeader[] | undefined): RequestFacts | null {
  if (!headers) return null;
  let facts: RequestFacts | null = null;
  for (const header of headers) {
    const name = header.name.toLowerCase();
    const notable = NOTABLE_HEADERS.has(name);
    if (!notable && name !== 'authorization' && name !== 'cookie' && name !== 'access-control-request-method') continue;
    facts ??= { sent: { ...NOTHING_SENT, notableHeaders: [] }, preflight: false };
    const value = header.value ?? '';
    if (notable) {
      if (!facts.sent.notableHeaders.includes(name)) facts.sent.notableHeaders.push(name);
    } else if (name === 'authorization') {
      const scheme = authorizationScheme(value);
      facts.sent.authorizationScheme = scheme;
      // Read what the token says and drop it: only the facts leave this function.
      if (TOKEN_SCHEMES.has(scheme.toLowerCase())) facts.sent.token = readTokenFacts(value.slice(value.indexOf(scheme) + scheme.length));
    } else if (name === 'cookie') {
      facts.sent.cookieCount += countCookies(value);
      facts.sent.cookies = facts.sent.cookieCount > 0;
    } else facts.preflight = true;
  }
  return facts;
}
