import { MAX_URL_CHARS, MAX_URL_INPUT } from './limits';
import { isSecretPair, looksLikeSecret, REDACTED } from './secret-shapes';
import { truncate } from './truncate';
import { visible } from './visible-text';

export { REDACTED };

/** URLs nested in URLs (`redirect_uri=…?code=…`) are redacted this deep; deeper ones become "redacted". */
const MAX_NESTING = 3;

/** Path segments after which an id-like segment is a one-time secret (`/reset/<token>`, `/invite/<code>`). */
const SECRET_PATH_PARENT = /^(?:reset|reset-password|password|passwords|token|tokens|verify|verification|confirm|confirmation|invite|invitation|invitations|activate|activation|magic|magic-link|login|auth|unsubscribe|share|session|sessions|key|keys|s|t|k)$/i;

/** Bounds a raw URL before anything parses it. */
export function boundUrl(raw: string): string {
  return raw.length > MAX_URL_INPUT ? raw.slice(0, MAX_URL_INPUT) : raw;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactValue(name: string, value: string, depth: number): string {
  if (/^https?:\/\//i.test(value)) return depth < MAX_NESTING ? redactUrlAt(value, depth + 1) : REDACTED;
  return isSecretPair(name, value) ? REDACTED : value;
}

function redactSegment(segment: string, previous: string | undefined): string {
  // Matrix parameters (`;jsessionid=…`) are name/value pairs like a query's.
  const [head = '', ...params] = segment.split(';');
  const text = decoded(head);
  const idLike = /^[\w-]{8,}$/.test(text) && (/\d/.test(text) || (/[a-z]/.test(text) && /[A-Z]/.test(text)));
  const kept = looksLikeSecret(text) || (previous !== undefined && SECRET_PATH_PARENT.test(decoded(previous)) && idLike) ? REDACTED : head;
  const matrix = params.map((param) => {
    const eq = param.indexOf('=');
    return eq < 0 ? param : `${param.slice(0, eq)}=${isSecretPair(decoded(param.slice(0, eq)), decoded(param.slice(eq + 1))) ? REDACTED : param.slice(eq + 1)}`;
  });
  return [kept, ...matrix].join(';');
}

function redactUrlAt(raw: string, depth: number): string {
  const input = boundUrl(raw);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    // Not a URL (a parsed one has every invisible or bidi character percent-encoded): make them visible.
    return truncate(visible(input.split(/[?#]/, 1)[0] ?? ''), MAX_URL_CHARS);
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  const segments = url.pathname.split('/');
  const path = segments.map((segment, i) => redactSegment(segment, segments[i - 1])).join('/');
  let query = '';
  if (url.search) {
    const kept: string[] = [];
    new URLSearchParams(url.search).forEach((value, name) => {
      kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(redactValue(name, value, depth))}`);
    });
    query = kept.length ? `?${kept.join('&')}` : '';
  }
  // Built by hand: assigning `pathname` would percent-encode the redacted segments again.
  const prefix = url.href.slice(0, url.href.length - url.pathname.length - url.search.length);
  return truncate(`${prefix}${path}${query}`, MAX_URL_CHARS);
}

/**
 * Returns a URL safe to store and show: user name and password removed, fragment dropped
 * (it can carry OAuth tokens), and query values, path segments and matrix parameters that are
 * secret by name or by shape replaced by "redacted"; URLs nested in the query are redacted too.
 * Never throws: a string that is not a URL comes back truncated, without anything after `?` or `#`.
 */
export function redactUrl(raw: string): string {
  return redactUrlAt(raw, 0);
}

/** Loopback hosts: browsers treat them as secure even over http, and they rarely serve https. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127(?:\.\d+){3}|\[::1\])$/.test(hostname);
}

/** The origin of a URL, or null for URLs without one (data:, about:, garbage). */
export function originOf(raw: string | undefined | null): string | null {
  if (!raw) return null;
  try {
    const origin = new URL(boundUrl(raw)).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
