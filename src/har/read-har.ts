import { redactText } from '../capture/redact-text';
import type { TokenFacts } from '../capture/token-facts';
import { truncate } from '../capture/truncate';
import { visible } from '../capture/visible-text';
import type { HarExchange, HarHeader } from './har-types';

/**
 * Reading a HAR someone hands us (a file dropped on the options page or the panel, or DevTools'
 * own entries): every field is checked before use, everything is bounded, nothing throws.
 */

/** Largest HAR text read at all (a bigger file is refused before parsing). */
export const MAX_HAR_CHARS = 30_000_000;
/** Most entries read from one HAR; the rest are counted, not read. */
export const MAX_HAR_ENTRIES = 5_000;
/** Most headers read per request or response. */
const MAX_HEADERS = 100;
/** Longest header name or value read (the capture layer cuts again to its own bounds). */
const MAX_HEADER_INPUT = 8_000;
/** Longest response body read for the server's stated error; a longer body is no short JSON error. */
export const MAX_BODY_INPUT = 8_000;
const MAX_FIELD_INPUT = 8_000;

export type HarReadError = 'too_large' | 'not_json' | 'not_har' | 'no_entries';

/** `entries` are the raw entries read (for a sanitized export), `exchanges` what the conversion reads of them. */
export type HarReadResult = { ok: true; entries: unknown[]; exchanges: HarExchange[]; skipped: number } | { ok: false; error: HarReadError };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max = MAX_FIELD_INPUT): string => (typeof value === 'string' ? value.slice(0, max) : '');
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function headersOf(value: unknown): HarHeader[] {
  if (!Array.isArray(value)) return [];
  const out: HarHeader[] = [];
  for (const header of value.slice(0, MAX_HEADERS)) {
    if (!isObject(header) || typeof header.name !== 'string') continue;
    out.push({ name: header.name.slice(0, 256), value: text(header.value, MAX_HEADER_INPUT) });
  }
  return out;
}

/** The body as text when it is text and short enough to be an error message (base64 bodies are not read). */
function bodyOf(content: unknown): string | null {
  if (!isObject(content) || typeof content.text !== 'string' || content.encoding === 'base64') return null;
  return content.text.length <= MAX_BODY_INPUT ? content.text : null;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const claim = (value: unknown): string | null => (typeof value === 'string' ? truncate(visible(redactText(value.slice(0, 400))), 200) : null);

/** The token facts an exported HAR carries (`_tokenFacts`), checked field by field. */
function tokenFactsOf(value: unknown): TokenFacts | null {
  if (!isObject(value) || (value.format !== 'jwt' && value.format !== 'opaque')) return null;
  return {
    format: value.format,
    algorithm: claim(value.algorithm),
    expiresAt: numberOrNull(value.expiresAt),
    notBefore: numberOrNull(value.notBefore),
    issuedAt: numberOrNull(value.issuedAt),
    issuerHost: claim(value.issuerHost),
    audience: claim(value.audience),
    audienceCount: Math.max(0, Math.min(1000, Math.trunc(numberOrNull(value.audienceCount) ?? 0))),
  };
}

/** One HAR entry as the conversion reads it, or null when it is not one. */
export function exchangeOf(entry: unknown): HarExchange | null {
  if (!isObject(entry) || !isObject(entry.request) || !isObject(entry.response)) return null;
  const { request, response } = entry;
  const url = text(request.url);
  const status = number(response.status);
  if (!url || !Number.isInteger(status) || status < 100 || status > 999) return null;
  const started = Date.parse(text(entry.startedDateTime, 64));
  return {
    startedMs: Number.isNaN(started) ? 0 : started,
    time: Math.max(0, number(entry.time)),
    method: text(request.method, 32) || 'GET',
    url,
    requestHeaders: headersOf(request.headers),
    status,
    statusText: text(response.statusText, 200),
    httpVersion: text(response.httpVersion, 32),
    responseHeaders: headersOf(response.headers),
    body: bodyOf(response.content),
    mimeType: isObject(response.content) ? text(response.content.mimeType, 200) : '',
    resourceType: typeof entry._resourceType === 'string' ? entry._resourceType.slice(0, 32) : null,
    tokenFacts: tokenFactsOf(entry._tokenFacts),
  };
}

/** Reads a HAR file's text: its exchanges, or why it cannot be read. */
export function readHar(source: string): HarReadResult {
  if (source.length > MAX_HAR_CHARS) return { ok: false, error: 'too_large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return { ok: false, error: 'not_json' };
  }
  if (!isObject(parsed) || !isObject(parsed.log) || !Array.isArray(parsed.log.entries)) return { ok: false, error: 'not_har' };
  const entries = parsed.log.entries;
  const read = entries.slice(0, MAX_HAR_ENTRIES);
  const exchanges: HarExchange[] = [];
  for (const entry of read) {
    const exchange = exchangeOf(entry);
    if (exchange) exchanges.push(exchange);
  }
  if (exchanges.length === 0) return { ok: false, error: 'no_entries' };
  return { ok: true, entries: read, exchanges, skipped: entries.length - exchanges.length };
}
