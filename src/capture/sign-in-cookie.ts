/**
 * Which cookie names look like a sign-in: a session id, an auth or remember-me cookie, a token.
 * Only such names are ever remembered (never a value), and only with the person's consent
 * (background/cookie-watcher.ts). A guess by name: sites choose their names freely, so a name
 * this misses is simply not explained, and one it takes wrongly only adds a possible cause.
 */
import { MAX_COOKIE_NAME_CHARS } from './limits';
import { looksLikeSecret, REDACTED } from './secret-shapes';
import { visible } from './visible-text';

/** Parts that name a sign-in wherever they stand in a name ("connect.sid", "wordpress_logged_in_1a", "AuthToken"). */
const SIGN_IN_PARTS = /sess|auth|token|jwt|remember|login|logged|signin|sign_in|identity|credential|saml|oidc|shib/;
/** Short words that name one only as a whole word of the name ("sid", "SSO", not "side" or "lasso"). */
const SIGN_IN_WORDS: ReadonlySet<string> = new Set(['sid', 'ssid', 'hsid', 'sso', 'idp', 'uid', 'sess']);
/** Words that name a cookie about sign-in that is not the sign-in itself (a CSRF token, a consent banner's choice). */
const NOT_SIGN_IN = /csrf|xsrf|consent|nonce|state|pkce|verifier|redirect|return|lang|theme|tracking|analytics/;

/** The words of a cookie name: split at punctuation and at a lower-to-upper case change, lower-cased. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a cookie name looks like it holds a sign-in (a session id, an auth or remember-me token). */
export function looksLikeSignInCookie(name: string): boolean {
  if (name.length === 0 || name.length > MAX_COOKIE_NAME_CHARS) return false;
  const lower = name.toLowerCase();
  if (NOT_SIGN_IN.test(lower)) return false;
  return SIGN_IN_PARTS.test(lower) || wordsOf(name).some((word) => SIGN_IN_WORDS.has(word));
}

/** A cookie name as it may be kept and shown: secret-shaped names redacted, invisible characters made visible. */
export function keptCookieName(name: string): string {
  return looksLikeSecret(name) ? REDACTED : visible(name.slice(0, MAX_COOKIE_NAME_CHARS));
}
