import { isRefusalStatus } from '../capture/build-refusal-record';
import { MAX_HEADER_CHARS, MAX_URL_CHARS, RECOVERY_WINDOW_MS } from '../capture/limits';
import { redactChallenge, redactText } from '../capture/redact-text';
import { originOf, redactUrl } from '../capture/redact-url';
import { isSecretName, looksLikeSecret, REDACTED } from '../capture/secret-shapes';
import { authorizationScheme } from '../capture/sent-credentials';
import { readTokenFacts, type TokenFacts } from '../capture/token-facts';
import { truncate } from '../capture/truncate';
import { visible } from '../capture/visible-text';
import { readBodyError } from './body-error';
import type { Har, HarEntry, HarExchange, HarHeader } from './har-types';
import { exchangeOf } from './read-har';

/**
 * A HAR safe to hand to a support desk: only the auth-relevant exchanges, each rebuilt field by
 * field from what the extension reads (so nothing a tool added survives unread), with every secret
 * removed by the same redaction the report uses, and a list of what was removed: names and places,
 * never a value.
 */

/** Most exchanges one export holds (the newest DevTools log is bounded too: see src/devtools/use-entries.ts). */
const MAX_EXPORT_ENTRIES = 500;

/** Where a removed value was. */
export type RemovedWhere = 'request_header' | 'response_header' | 'query' | 'url' | 'request_body' | 'response_body' | 'cookie';

export interface Removed {
  /** The header, cookie or parameter name (itself redacted when it looks like a secret). */
  name: string;
  where: RemovedWhere;
  /** In how many exchanges. */
  count: number;
}

export interface SanitizedHar {
  har: Har;
  removed: Removed[];
}

/** Request headers whose value is a credential whatever its shape: only their presence (or scheme) is kept. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'cookie', 'authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-auth-token', 'x-access-token', 'x-csrf-token',
  'x-xsrf-token', 'x-wp-nonce', 'dpop', 'x-amz-security-token', 'x-goog-iap-jwt-assertion', 'x-ms-token-aad-id-token',
]);
const SECRET_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'dpop-nonce', 'x-csrf-token', 'x-xsrf-token', 'x-wp-nonce', 'authentication-info', 'proxy-authentication-info']);
const CHALLENGE_HEADERS: ReadonlySet<string> = new Set(['www-authenticate', 'proxy-authenticate']);
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'referer', 'content-location', 'origin', 'link']);
/** Set-Cookie attributes kept: they say what the cookie was for and whether it was cleared, never its value. */
const COOKIE_ATTRIBUTES = /^(?:max-age|expires|path|domain|secure|httponly|samesite|partitioned)$/i;
const TOKEN_SCHEMES: ReadonlySet<string> = new Set(['bearer', 'dpop']);

/** A name as it may be shown: text, visible, short; a secret-shaped name is itself removed. */
function safeName(name: string): string {
  const cut = name.slice(0, 100).trim();
  return looksLikeSecret(cut) ? REDACTED : truncate(visible(redactText(cut)), 64);
}

/** Free server or page text as it may be kept (the report's redaction, bounded, escapes for the invisible). */
function cleanText(value: string, max = MAX_HEADER_CHARS): string {
  return truncate(visible(redactText(value.slice(0, max * 2))), max);
}

class RemovedList {
  private readonly seen = new Map<string, Removed>();
  /** Notes one removal, once per exchange for each name and place. */
  note(name: string, where: RemovedWhere, exchange: Set<string>): void {
    const key = `${where}\u0000${name.toLowerCase()}`;
    if (exchange.has(key)) return;
    exchange.add(key);
    const entry = this.seen.get(key) ?? { name, where, count: 0 };
    entry.count++;
    this.seen.set(key, entry);
  }
  list(): Removed[] {
    return [...this.seen.values()];
  }
}

function cookiePairsNames(value: string): string[] {
  return value
    .split(';')
    .map((pair) => pair.split('=', 1)[0]!.trim())
    .filter(Boolean)
    .slice(0, 50);
}

/** Set-Cookie kept as its name, no value, and the attributes that say whether it was cleared. */
function sanitizeSetCookie(value: string): string {
  return value
    .split('\n')
    .slice(0, 20)
    .map((line) => {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = eq < 0 ? '' : safeName(pair.slice(0, eq));
      const kept = attributes.map((a) => a.trim()).filter((a) => COOKIE_ATTRIBUTES.test(a.split('=', 1)[0]!.trim()));
      return [`${name || REDACTED}=${REDACTED}`, ...kept.map((a) => cleanText(a, 100))].join('; ');
    })
    .join('\n');
}

interface HeaderResult {
  headers: HarHeader[];
  token: TokenFacts | null;
}

function sanitizeRequestHeaders(headers: readonly HarHeader[], removed: RemovedList, noted: Set<string>): HeaderResult {
  let token: TokenFacts | null = null;
  const out: HarHeader[] = [];
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    const shown = safeName(name);
    if (key === 'authorization' || key === 'proxy-authorization') {
      const scheme = authorizationScheme(value);
      if (scheme && TOKEN_SCHEMES.has(scheme.toLowerCase())) token = readTokenFacts(value.slice(value.indexOf(scheme) + scheme.length));
      out.push({ name: shown, value: scheme ? `${scheme} ${REDACTED}` : REDACTED });
      removed.note(shown, 'request_header', noted);
    } else if (key === 'cookie') {
      const names = cookiePairsNames(value).map(safeName);
      out.push({ name: shown, value: names.map((n) => `${n}=${REDACTED}`).join('; ') });
      for (const cookie of names) removed.note(cookie, 'cookie', noted);
    } else if (SECRET_HEADERS.has(key) || isSecretName(key)) {
      out.push({ name: shown, value: REDACTED });
      removed.note(shown, 'request_header', noted);
    } else out.push({ name: shown, value: sanitizeValue(key, value, 'request_header', shown, removed, noted) });
  }
  return { headers: out, token };
}

function sanitizeValue(key: string, value: string, where: RemovedWhere, shown: string, removed: RemovedList, noted: Set<string>): string {
  const cut = value.slice(0, MAX_HEADER_CHARS);
  const redacted = URL_HEADERS.has(key) && key !== 'link' ? redactUrl(cut) : CHALLENGE_HEADERS.has(key) ? redactChallenge(cut) : redactText(cut);
  if (redacted !== cut && redacted.includes(REDACTED)) removed.note(shown, where, noted);
  return truncate(visible(redacted), MAX_HEADER_CHARS);
}

function sanitizeResponseHeaders(headers: readonly HarHeader[], removed: RemovedList, noted: Set<string>): HarHeader[] {
  return headers.map(({ name, value }) => {
    const key = name.toLowerCase();
    const shown = safeName(name);
    if (key === 'set-cookie') {
      for (const cookie of cookiePairsNames(value.split('\n').map((l) => l.split(';', 1)[0]).join(';')).map(safeName)) removed.note(cookie, 'cookie', noted);
      return { name: shown, value: sanitizeSetCookie(value) };
    }
    // Challenges keep their structure (scheme, realm, error, scope) with secrets redacted inside: the diagnosis reads them.
    if (CHALLENGE_HEADERS.has(key)) return { name: shown, value: sanitizeValue(key, value, 'response_header', shown, removed, noted) };
    if (SECRET_RESPONSE_HEADERS.has(key) || isSecretName(key)) {
      removed.note(shown, 'response_header', noted);
      return { name: shown, value: REDACTED };
    }
    return { name: shown, value: sanitizeValue(key, value, 'response_header', shown, removed, noted) };
  });
}

/** Notes which parts of the address redaction changed: query parameters by name, else the address. */
function noteUrl(raw: string, redacted: string, removed: RemovedList, noted: Set<string>): void {
  const plain = raw.split('#', 1)[0]!;
  if (plain === redacted) return;
  const query = (url: string) => new Map((url.split('?')[1] ?? '').split(/[&;]/).filter(Boolean).map((pair) => [pair.split('=', 1)[0]!, pair.slice(pair.indexOf('=') + 1)] as const));
  const before = query(plain);
  let named = false;
  for (const [name, value] of query(redacted)) {
    if (value.includes(REDACTED) && before.get(name) !== value) {
      removed.note(safeName(decodeSafely(name)), 'query', noted);
      named = true;
    }
  }
  if (!named || plain.split('?', 1)[0] !== redacted.split('?', 1)[0]) removed.note(raw.includes('#') && plain.split('?', 1)[0] === redacted.split('?', 1)[0] ? 'fragment' : 'address', 'url', noted);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Which exchanges matter for sign-in: refusals, 400/403, retries of a refused request, and the hops (redirects, pages) around a refusal. */
function authRelevant(exchanges: readonly HarExchange[]): boolean[] {
  const refusals = exchanges.filter((e) => isRefusalStatus(e.status));
  const refusedOrigins = new Set(refusals.map((e) => originOf(e.url)));
  const refused = new Set(refusals.map((e) => `${e.method.toUpperCase()} ${e.url.split('#', 1)[0]}`));
  const near = (e: HarExchange) => refusals.some((r) => Math.abs(e.startedMs - r.startedMs) <= RECOVERY_WINDOW_MS);
  return exchanges.map((e) => {
    if (isRefusalStatus(e.status) || e.status === 400 || e.status === 403) return true;
    if (refused.has(`${e.method.toUpperCase()} ${e.url.split('#', 1)[0]}`)) return true;
    const hop = (e.status >= 300 && e.status < 400) || /^(document|main_frame)$/i.test(e.resourceType ?? '');
    return hop && near(e) && (refusedOrigins.has(originOf(e.url)) || e.status < 400);
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether the raw entry carried a body or cookies the rebuilt entry leaves out. */
function noteDropped(raw: unknown, exchange: HarExchange, removed: RemovedList, noted: Set<string>): void {
  if (!isObject(raw) || !isObject(raw.request) || !isObject(raw.response)) return;
  const post = raw.request.postData;
  if (isObject(post) && ((typeof post.text === 'string' && post.text !== '') || Array.isArray(post.params))) removed.note('body', 'request_body', noted);
  const content = raw.response.content;
  if (exchange.body || (isObject(content) && typeof content.text === 'string' && content.text !== '')) removed.note('body', 'response_body', noted);
}

function rebuild(exchange: HarExchange, removed: RemovedList, noted: Set<string>): HarEntry {
  const url = redactUrl(exchange.url);
  noteUrl(exchange.url, url, removed, noted);
  const { headers, token } = sanitizeRequestHeaders(exchange.requestHeaders, removed, noted);
  const location = exchange.responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value;
  // The body is dropped; what it stated as an error (redacted like every server string) stays, as JSON.
  const stated = readBodyError(exchange.body, exchange.mimeType);
  const started = exchange.startedMs > 0 && exchange.startedMs < 8.64e15 ? new Date(exchange.startedMs).toISOString() : new Date(0).toISOString();
  return {
    startedDateTime: started,
    time: exchange.time,
    request: {
      method: truncate(visible(exchange.method.toUpperCase()), 16),
      url: truncate(url, MAX_URL_CHARS),
      httpVersion: 'HTTP/1.1',
      headers,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: exchange.status,
      statusText: cleanText(exchange.statusText, 200),
      httpVersion: /^http\/[\d.]+$/i.test(exchange.httpVersion) ? exchange.httpVersion : 'HTTP/1.1',
      headers: sanitizeResponseHeaders(exchange.responseHeaders, removed, noted),
      cookies: [],
      content: { size: 0, mimeType: cleanText(exchange.mimeType, 100), ...(stated ? { text: JSON.stringify(stated) } : {}) },
      redirectURL: location ? truncate(redactUrl(location), MAX_URL_CHARS) : '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: exchange.time, receive: 0 },
    ...(exchange.resourceType && /^[a-z]{1,20}$/i.test(exchange.resourceType) ? { _resourceType: exchange.resourceType } : {}),
    ...(token ? { _tokenFacts: token } : {}),
  };
}

/**
 * The auth-relevant exchanges of `entries` (HAR entries from DevTools or a file) as a sanitized
 * HAR 1.2, with the list of what was removed. Never throws; an entry that is no HAR entry is skipped.
 */
export function sanitizeHar(entries: readonly unknown[], creator: { name: string; version: string }): SanitizedHar {
  const pairs = entries.map((raw) => ({ raw, exchange: exchangeOf(raw) })).filter((p): p is { raw: unknown; exchange: HarExchange } => p.exchange !== null);
  const keep = authRelevant(pairs.map((p) => p.exchange));
  const removed = new RemovedList();
  const out: HarEntry[] = [];
  pairs.forEach(({ raw, exchange }, i) => {
    if (!keep[i] || out.length >= MAX_EXPORT_ENTRIES) return;
    const noted = new Set<string>();
    noteDropped(raw, exchange, removed, noted);
    out.push(rebuild(exchange, removed, noted));
  });
  const har: Har = {
    log: {
      version: '1.2',
      creator: { name: cleanText(creator.name, 100), version: cleanText(creator.version, 40) },
      entries: out,
      comment: 'Sanitized: credentials, cookie values, tokens, secret query values and bodies removed (names kept).',
    },
  };
  return { har, removed: removed.list() };
}
