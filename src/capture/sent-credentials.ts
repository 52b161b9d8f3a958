import type { HttpHeader, SentCredentials } from './types';

/** An observed request that carried no credentials and no cookies. */
export const NOTHING_SENT: SentCredentials = { observed: true, authorizationScheme: null, cookies: false, cookieCount: 0 };
/** A request whose headers we chose not to observe. */
export const NOT_OBSERVED: SentCredentials = { observed: false, authorizationScheme: null, cookies: false, cookieCount: 0 };

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
    if (name !== 'authorization' && name !== 'cookie' && name !== 'access-control-request-method') continue;
    facts ??= { sent: { ...NOTHING_SENT }, preflight: false };
    const value = header.value ?? '';
    if (name === 'authorization') facts.sent.authorizationScheme = authorizationScheme(value);
    else if (name === 'cookie') {
      facts.sent.cookieCount += countCookies(value);
      facts.sent.cookies = facts.sent.cookieCount > 0;
    } else facts.preflight = true;
  }
  return facts;
}
