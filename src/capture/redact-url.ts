import { MAX_URL_CHARS, MAX_URL_INPUT } from './limits';
import { isSecretName, looksLikeSecret, REDACTED, redactShapes, tooPlainForSecrets } from './secret-shapes';
import { truncate } from './truncate';
import { visible } from './visible-text';

export { REDACTED };

/** URLs and JSON nested in URLs (`redirect_uri=…?code=…`, `variables={…}`) are redacted this deep; deeper ones become "redacted". */
const MAX_NESTING = 3;

/** Path segments after which an id-like segment is a one-time secret (`/reset/<token>`, `/invite/<code>`). */
const SECRET_PATH_PARENT = /^(?:reset|reset-password|password|passwords|token|tokens|verify|verification|confirm|confirmation|invite|invitation|invitations|activate|activation|magic|magic-link|login|auth|unsubscribe|share|session|sessions|key|keys|s|t|k)$/i;

/** A URL with a scheme and an authority: `https://`, `myapp://`, `ftp://`. */
const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** A relative URL that can carry a query or secrets in its path: `/x`, `./x`, `../x`, `?a=b`, `x/y?a=b`. */
const RELATIVE_URL = /^(?:\/|\.{1,2}\/|\?)|^[^\s?#:=]*\?[^\s]*=/;
/** URLs inside text: with a scheme and `//`, or protocol-relative. */
const URL_IN_TEXT = /(?:(?<![\w+.-])[a-z][a-z0-9+.-]{0,30}:)?\/\/[^\s"'<>`]*[^\s"'<>`.,;:!?)\]]/gi;

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

const countRedacted = (text: string) => text.split(REDACTED).length - 1;

/**
 * A value found inside a URL (query value, matrix parameter, JSON string), as it may be kept: a
 * URL in it is redacted as a URL, JSON field by field; anything else is kept whole or, when a
 * secret shape occurs anywhere in it (an address among others, a token in a sentence), redacted
 * whole (a display name goes with its address).
 */
function redactValue(name: string, value: string, depth: number): string {
  if (value === '') return value;
  if (isSecretName(name)) return REDACTED;
  if (tooPlainForSecrets(value)) return value;
  const nested = redactNestedUrl(value, depth) ?? redactJson(value, depth);
  if (nested !== null) return nested;
  // A literal "+" in a query reads as a space once decoded: check the whole with it again.
  if (looksLikeSecret(value) || looksLikeSecret(value.replace(/ /g, '+'))) return REDACTED;
  // Encoded twice (`https%253A%252F…` once decoded): judged decoded again; anything found takes it whole.
  if (/%[0-9a-f]{2}/i.test(value) && decoded(value) !== value && (depth >= MAX_NESTING || redactValue(name, decoded(value), depth + 1) !== decoded(value))) return REDACTED;
  const text = redactProse(value, depth);
  if (text === value) return value;
  // A secret somewhere in it: the whole value goes (a display name with its address). A URL in it
  // that only lost its credentials or fragment keeps the rest.
  return countRedacted(text) > countRedacted(value) ? REDACTED : text;
}

/** A value that is a URL (any scheme, protocol-relative or relative), redacted as one; null when it is not a URL. */
function redactNestedUrl(value: string, depth: number): string | null {
  const absolute = SCHEME_URL.test(value);
  const protocolRelative = !absolute && value.startsWith('//');
  if (!absolute && !protocolRelative && !RELATIVE_URL.test(value)) return null;
  if (depth >= MAX_NESTING) return REDACTED;
  if (absolute) return redactUrlAt(value, depth + 1);
  if (protocolRelative) {
    const redacted = redactUrlAt(`https:${value}`, depth + 1);
    return redacted.startsWith('https://') ? redacted.slice('https:'.length) : REDACTED;
  }
  // Relative: its path and query, without a fragment.
  const [path = '', ...query] = value.split('#', 1)[0]!.split('?');
  return truncate(redactPath(path, depth + 1) + (query.length ? redactQuery(query.join('?'), depth + 1, '?') : ''), MAX_URL_CHARS);
}

/** A value that is JSON (GraphQL `variables=`, a state object), redacted field by field; null when it is not JSON. */
function redactJson(value: string, depth: number): string | null {
  const text = value.trim();
  if (!/^[[{]/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // not JSON after all (or cut short): read as text, where `"password": …` is still found
  }
  if (depth >= MAX_NESTING) return REDACTED;
  const walk = (node: unknown, key: string): unknown => {
    if (node === null || typeof node === 'boolean') return node;
    if (key !== '' && isSecretName(key)) return REDACTED;
    if (typeof node === 'string') return redactValue(key, node, depth + 1);
    if (typeof node === 'number') return looksLikeSecret(String(node)) ? REDACTED : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [looksLikeSecret(k) ? REDACTED : k, walk(v, k)]));
  };
  return JSON.stringify(walk(parsed, ''));
}

/** A query name: a token sent as the bare query (`?<40 hex>`) or an address as a name is redacted like a value. */
function redactName(name: string): string {
  if (tooPlainForSecrets(name)) return encodeURIComponent(name);
  return looksLikeSecret(name) || redactProse(name, MAX_NESTING) !== name ? REDACTED : encodeURIComponent(name);
}

/** A query (without its `?`), pairs split at `&` and at `;`, each redacted by name and by shape. */
function redactQuery(query: string, depth: number, prefix: string): string {
  const parts = query.split(/([&;])/);
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const pair = parts[i]!;
    if (pair === '') continue;
    const separator = kept.length ? (parts[i - 1] ?? '&') : '';
    const eq = pair.indexOf('=');
    const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
    if (eq < 0) kept.push(`${separator}${redactName(name)}`);
    else kept.push(`${separator}${redactName(name)}=${encodeURIComponent(redactValue(name, decoded(pair.slice(eq + 1)), depth))}`);
  }
  return kept.length ? `${prefix}${kept.join('')}` : '';
}

function redactSegment(segment: string, previous: string | undefined, depth: number): string {
  if (tooPlainForSecrets(segment)) return segment;
  // Matrix parameters (`;jsessionid=…`) are name/value pairs like a query's.
  const [head = '', ...params] = segment.split(';');
  const text = decoded(head);
  const idLike = /^[\w-]{8,}$/.test(text) && (/\d/.test(text) || (/[a-z]/.test(text) && /[A-Z]/.test(text)));
  let kept = head;
  // A URL nested in a segment (`/redirect/https%3A%2F%2F…`) is redacted as a URL.
  const nested = text.includes('/') || text.includes('?') ? redactNestedUrl(text, depth) : null;
  if (nested !== null) kept = nested === text ? head : encodeURIComponent(nested);
  else if (looksLikeSecret(text) || (previous !== undefined && SECRET_PATH_PARENT.test(decoded(previous)) && idLike) || redactProse(text, depth) !== text) kept = REDACTED;
  const matrix = params.map((param) => {
    const eq = param.indexOf('=');
    if (eq < 0) return looksLikeSecret(decoded(param)) ? REDACTED : param;
    const value = decoded(param.slice(eq + 1));
    const redacted = redactValue(decoded(param.slice(0, eq)), value, depth);
    return `${param.slice(0, eq)}=${redacted === value ? param.slice(eq + 1) : encodeURIComponent(redacted)}`;
  });
  return [kept, ...matrix].join(';');
}

function redactPath(path: string, depth: number): string {
  const segments = path.split('/');
  return segments.map((segment, i) => redactSegment(segment, segments[i - 1], depth)).join('/');
}

function redactUrlAt(raw: string, depth: number): string {
  const input = boundUrl(raw);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    // Not a URL (a parsed one has every invisible or bidi character percent-encoded): secrets by shape out, invisible characters made visible.
    return truncate(visible(redactShapes(input.split(/[?#]/, 1)[0] ?? '')), MAX_URL_CHARS);
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  const path = redactPath(url.pathname, depth);
  const query = url.search ? redactQuery(url.search.slice(1), depth, '?') : '';
  // Built by hand: assigning `pathname` would percent-encode the redacted segments again.
  const prefix = url.href.slice(0, url.href.length - url.pathname.length - url.search.length);
  return truncate(`${prefix}${path}${query}`, MAX_URL_CHARS);
}

/** A URL found in text (with a scheme, or protocol-relative). */
function redactUrlInText(found: string, depth: number): string {
  if (depth >= MAX_NESTING) return REDACTED;
  return found.startsWith('//') ? (redactNestedUrl(found, depth) ?? REDACTED) : redactUrlAt(found, depth + 1);
}

/**
 * Free text with every secret in it replaced: URLs in it (any scheme, protocol-relative) redacted
 * as URLs (one named like a secret, `token=https://…`, whole), and the shapes of secret-shapes.ts
 * everywhere else. `depth` counts the URLs this text is nested in.
 */
export function redactProse(text: string, depth = 0): string {
  if (!text.includes('//')) return redactShapes(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const before = text.slice(last, match.index);
    const name = /([^\s"'<>`()[\]{},;&?=]+)=$/.exec(before)?.[1];
    out += redactShapes(before) + (name !== undefined && isSecretName(name) ? REDACTED : redactUrlInText(match[0], depth));
    last = match.index + match[0].length;
  }
  return out + redactShapes(text.slice(last));
}

/**
 * Returns a URL safe to store and show: user name and password removed, fragment dropped
 * (it can carry OAuth tokens), and query values, path segments and matrix parameters that are
 * secret by name or by shape replaced by "redacted"; URLs (absolute, protocol-relative, relative,
 * any scheme) and JSON nested in the query or the path are redacted too, and a value with a
 * secret shape anywhere in it is redacted whole. Never throws: a string that is not a URL comes
 * back truncated, without anything after `?` or `#`.
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
