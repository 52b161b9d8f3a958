/**
 * What kind of sign-in a challenge asks for. A scheme whose credentials travel in a header
 * (`Authorization`, `Proxy-Authorization`) is answered by that header and never by cookies, so
 * cookies the site happens to have say nothing about such a refusal. Without such a scheme (no
 * challenge, or only a scheme of the site's own) the sign-in is the site's: a cookie session, a
 * form, an app's token.
 */

/** The IANA HTTP Authentication Scheme Registry's schemes, plus NTLM and Kerberos (lower-cased). */
const HEADER_SCHEMES: ReadonlySet<string> = new Set([
  'basic',
  'bearer',
  'concealed',
  'digest',
  'dpop',
  'gnap',
  'hoba',
  'mutual',
  'negotiate',
  'ntlm',
  'kerberos',
  'oauth',
  'privatetoken',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
]);

import { sentAuthorization } from '../capture/sent-credentials';
import type { RefusalRecord } from '../capture/types';

export type SignInKind = 'header' | 'site';

/** `header` when the challenge names a scheme answered by a header; `site` otherwise (cookies may answer). */
export function signInKind(schemes: ReadonlySet<string>): SignInKind {
  for (const scheme of schemes) if (HEADER_SCHEMES.has(scheme)) return 'header';
  return 'site';
}

/**
 * Whether the cookies a request sent can be what the server refused: they were sent, and the
 * sign-in is the site's own, or the server deleted a cookie as it refused (it treats a cookie as
 * the session, whatever its challenge says).
 */
export function cookiesAnswer(record: Pick<RefusalRecord, 'sent' | 'clearedCookieNames'>, schemes: ReadonlySet<string>): boolean {
  return record.sent.cookies && (signInKind(schemes) === 'site' || record.clearedCookieNames.length > 0);
}

/**
 * What the request sent that answers the sign-in the server asked for: the middle of the three columns
 * every cause reads (what the server asked for: `signInKind` and the schemes; what was sent that answers
 * it: this; what the server said: stated-error.ts).
 * - `authorization`: an Authorization header (set by the page, or shown as the browser's answer in Firefox);
 * - `browser`: a password Chromium gave by itself, out of sight, and had refused (answered-out-of-sight.ts);
 * - `cookies`: cookies, where the sign-in is the site's own or the server cleared one as it refused;
 * - `nothing`: the request's headers were seen, and nothing in them answers what was asked;
 * - `unknown`: its headers were not seen, or Chrome hid the cookies of a site's own sign-in.
 */
export type Answer = 'authorization' | 'browser' | 'cookies' | 'nothing' | 'unknown';

export function answerOf(record: Pick<RefusalRecord, 'sent' | 'clearedCookieNames' | 'answeredOutOfSight'>, schemes: ReadonlySet<string>): Answer {
  if (record.answeredOutOfSight) return 'browser';
  if (!record.sent.observed) return 'unknown';
  if (sentAuthorization(record.sent)) return 'authorization';
  if (cookiesAnswer(record, schemes)) return 'cookies';
  if (record.sent.cookiesHidden && signInKind(schemes) === 'site') return 'unknown';
  return 'nothing';
}
