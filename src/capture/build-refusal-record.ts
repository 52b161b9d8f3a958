import {
  MAX_CHALLENGE_LINES,
  MAX_CONTENT_TYPE_CHARS,
  MAX_COOKIE_NAME_CHARS,
  MAX_COOKIE_NAMES,
  MAX_DOCUMENT_ID_CHARS,
  MAX_HEADER_CHARS,
  MAX_HINT_CHARS,
  MAX_METHOD_CHARS,
  MAX_URL_INPUT,
} from './limits';
import { redactChallenge, redactText } from './redact-text';
import { boundUrl, originOf, redactUrl } from './redact-url';
import { looksLikeSecret, REDACTED } from './secret-shapes';
import { NOT_OBSERVED, NOTHING_SENT, type RequestFacts } from './sent-credentials';
import { truncate } from './truncate';
import { visible } from './visible-text';
import { challengeHeaderName, type HttpHeader, type RefusalRecord, type RefusalStatus, type ResponseHints, type SentCredentials } from './types';
import { isBeaconType, sendWatched } from './watched-types';

/** The parts of a webRequest response event we use; both Chrome's and Firefox's details fit. */
export interface ResponseEvent {
  requestId: string;
  url: string;
  method: string;
  type: string;
  frameId: number;
  tabId: number;
  timeStamp: number;
  statusCode: number;
  statusLine?: string;
  responseHeaders?: HttpHeader[];
  /** Chrome: origin that started the request. */
  initiator?: string;
  /** Firefox: URL of the resource that started the request. */
  originUrl?: string;
  /** Firefox: URL of the document the request belongs to. */
  documentUrl?: string;
  /** The document that made the request (absent for navigations; Firefox's keepalive calls lack it too). */
  documentId?: string;
  /** A frame's request: its parent frame's document (for a frame's own navigation, the document holding the frame). */
  parentDocumentId?: string;
}

export function isRefusalStatus(status: number): status is RefusalStatus {
  return status === 401 || status === 407;
}

/** The origin that started the request, whichever browser reported it. */
export function initiatorOf(event: Pick<ResponseEvent, 'initiator' | 'originUrl' | 'documentUrl'>): string | null {
  return originOf(event.initiator) ?? originOf(event.documentUrl) ?? originOf(event.originUrl);
}

/**
 * Whether the page in the tab could learn this refusal by itself: its own document, or a request
 * its top frame made whose status it may read (same origin, or readable under CORS). The page marker
 * lives in the page's DOM, where page script can read it, so it reflects only these; anything else
 * (a third-party image, an intranet probe, a call whose answer the browser withheld) would make the
 * marker an oracle of the person's login state at other sites.
 */
function readableByPage(event: ResponseEvent, initiator: string | null, facts: RequestFacts | null): boolean {
  if (event.frameId !== 0) return false;
  if (event.type === 'main_frame') return true;
  if (event.statusCode === 407) return false; // a proxy's refusal of a request reaches the page as a network error
  if (initiator === null) return false;
  if (originOf(event.url) === initiator) return true;
  return corsReadable(event, initiator, facts);
}

/** The values of a response header, one per header line (Firefox joins repeated headers with newlines). */
function headerValues(event: ResponseEvent, name: string): string[] {
  return (event.responseHeaders ?? [])
    .filter((h) => h.name.toLowerCase() === name)
    .flatMap((h) => (h.value ?? '').slice(0, MAX_HEADER_CHARS).split('\n'))
    .map((v) => v.trim());
}

/**
 * Whether another origin's answer reached the page, by the CORS rules (Fetch standard, CORS check):
 * - only fetch/XHR in CORS mode: a no-cors call gets an opaque answer, an image or a script no status,
 *   a preflight's answer never reaches the page. The mode is seen in `Sec-Fetch-Mode` (sent to
 *   trustworthy origins) or, without it, in the `Origin` header a CORS GET carries and a no-cors GET
 *   does not; a request whose headers were not seen (Chrome shows them only with `extraHeaders`) is
 *   taken as unreadable;
 * - whether the call was made with credentials (`credentials: 'include'`) is not visible: a page may
 *   ask for them and have none to send (signed out), and then `Access-Control-Allow-Origin: *`, or
 *   the origin without `Access-Control-Allow-Credentials: true`, hands it a network error. So only an
 *   answer readable in every credentials mode counts: exactly one Allow-Origin equal to the page's
 *   origin, and Allow-Credentials exactly `true`.
 * When unsure, unreadable: the refusal still goes to the badge and the popup, not to the marker.
 */
function corsReadable(event: ResponseEvent, initiator: string, facts: RequestFacts | null): boolean {
  if (event.type !== 'xmlhttprequest' || !facts || facts.preflight) return false;
  const method = event.method.toUpperCase();
  const corsMode = facts.fetchMode ? facts.fetchMode === 'cors' : method === 'GET' || method === 'HEAD';
  if (!corsMode || facts.origin !== initiator) return false;
  const allowOrigin = headerValues(event, 'access-control-allow-origin');
  const allowCredentials = headerValues(event, 'access-control-allow-credentials');
  return allowOrigin.length === 1 && allowOrigin[0] === initiator && allowCredentials.length === 1 && allowCredentials[0] === 'true';
}

/** Cuts every URL of an event before anything parses it (see MAX_URL_INPUT). */
export function boundEventUrls<T extends Pick<ResponseEvent, 'url' | 'originUrl' | 'documentUrl'>>(event: T): T {
  const { url, originUrl, documentUrl } = event;
  const long = url.length > MAX_URL_INPUT || (originUrl?.length ?? 0) > MAX_URL_INPUT || (documentUrl?.length ?? 0) > MAX_URL_INPUT;
  if (!long) return event;
  return { ...event, url: boundUrl(url), originUrl: originUrl && boundUrl(originUrl), documentUrl: documentUrl && boundUrl(documentUrl) };
}

/**
 * A server-controlled header value as it may be stored: cut first (a hostile server can send
 * megabytes), control characters replaced, secrets it echoes redacted, invisible and bidi
 * characters made visible (`\u202E`), then bounded.
 */
function cleanHeaderValue(value: string | undefined, redact: (text: string) => string = redactText): string {
  const cut = (value ?? '').slice(0, MAX_HEADER_CHARS + 1);
  return truncate(visible(redact(cut.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ' ').trim())), MAX_HEADER_CHARS);
}

/** At most `max` non-empty lines of a header value (Firefox joins repeated headers with newlines), without splitting all of it. */
function headerLines(value: string | undefined, max: number): string[] {
  const lines: string[] = [];
  const text = value ?? '';
  let start = 0;
  while (start <= text.length && lines.length < max) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? Math.min(text.length, start + MAX_HEADER_CHARS + 1) : Math.min(end, start + MAX_HEADER_CHARS + 1));
    if (line.trim()) lines.push(line);
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/**
 * The name of the cookie a Set-Cookie sets. A pair without "=" is a nameless cookie whose text is
 * its value (RFC 6265bis §5.6): nothing to keep. A secret-shaped name is redacted like a value.
 */
function cookieName(setCookie: string): string | null {
  const pair = setCookie.split(';', 1)[0] ?? '';
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  if (!name || name.length > MAX_COOKIE_NAME_CHARS) return null;
  return looksLikeSecret(name) ? REDACTED : visible(redactText(name));
}

/** A Set-Cookie that deletes its cookie: empty or any value with Max-Age <= 0 or an Expires in the past. */
function deletesCookie(setCookie: string, now: number): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(setCookie);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(setCookie);
  return expires ? Date.parse(expires[1]!) < now : false;
}

/** Vendor headers that name the platform in front of the server. */
const PLATFORM_HEADERS: Array<[RegExp, string]> = [
  [/^cf-ray$/, 'Cloudflare'],
  [/^x-amz(n)?-/, 'AWS'],
  [/^x-ms-|^x-azure-/, 'Azure'],
  [/^x-goog-|^x-cloud-trace-context$/, 'Google Cloud'],
  [/^x-kong-/, 'Kong gateway'],
  [/^x-envoy-/, 'Envoy'],
  [/^x-akamai-/, 'Akamai'],
  [/^x-fastly-|^fastly-/, 'Fastly'],
];

function emptyHints(): ResponseHints {
  return { via: null, poweredBy: null, contentType: null, dpopNonce: false, wordpress: false, platform: null };
}

/** Fills `hints` from one response header (raw value; only the kept ones are cleaned). */
function noteHint(hints: ResponseHints, name: string, value: string | undefined): void {
  if (name === 'via') hints.via = truncate(cleanHeaderValue(value), MAX_HINT_CHARS);
  else if (name === 'x-powered-by') hints.poweredBy = truncate(cleanHeaderValue(value), MAX_HINT_CHARS);
  else if (name === 'content-type') hints.contentType = truncate(cleanHeaderValue(value), MAX_CONTENT_TYPE_CHARS);
  else if (name === 'dpop-nonce') hints.dpopNonce = true;
  else if ((name === 'link' && (value ?? '').slice(0, MAX_HEADER_CHARS).includes('api.w.org')) || name.startsWith('x-wp-')) hints.wordpress = true;
  else hints.platform ??= PLATFORM_HEADERS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/** A request whose onSendHeaders kept nothing: it sent nothing notable, or it was not watched. */
function sentWithoutFacts(type: string, cookiesVisible: boolean): SentCredentials {
  if (!sendWatched(type)) return { ...NOT_OBSERVED };
  return cookiesVisible ? { ...NOTHING_SENT } : { ...NOTHING_SENT, cookiesHidden: true };
}

/**
 * Turns a 401/407 response into a record holding evidence but no secrets.
 * Server-controlled strings are kept as plain text, bounded in length and count.
 */
export function buildRefusalRecord(
  event: ResponseEvent & { statusCode: RefusalStatus },
  facts: RequestFacts | null,
  id: string,
  /** Whether the response's Set-Cookie (and, without facts, the request's Cookie) could be seen. */
  cookiesVisible = true,
): RefusalRecord {
  const challengeHeader = challengeHeaderName(event.statusCode).toLowerCase();
  const challenges: string[] = [];
  const setCookieNames: string[] = [];
  const clearedCookieNames: string[] = [];
  const hints = emptyHints();
  let server: string | null = null;
  let date: string | null = null;
  for (const header of event.responseHeaders ?? []) {
    const name = header.name.toLowerCase();
    if (name === challengeHeader) {
      // Firefox joins repeated headers with newlines; keep one entry per header line.
      for (const line of headerLines(header.value, MAX_CHALLENGE_LINES - challenges.length)) challenges.push(cleanHeaderValue(line, redactChallenge));
    } else if (name === 'set-cookie') {
      // Repeated Set-Cookie headers may arrive folded into one value separated by newlines.
      for (const line of headerLines(header.value, MAX_COOKIE_NAMES * 2)) {
        const cookie = cookieName(line);
        if (!cookie || setCookieNames.length >= MAX_COOKIE_NAMES || setCookieNames.includes(cookie)) continue;
        setCookieNames.push(cookie);
        if (deletesCookie(line, event.timeStamp)) clearedCookieNames.push(cookie);
      }
    } else if (name === 'server') server = cleanHeaderValue(header.value);
    else if (name === 'date') date = cleanHeaderValue(header.value);
    else noteHint(hints, name, header.value);
  }
  const method = truncate(visible(event.method.toUpperCase()), MAX_METHOD_CHARS);
  const initiator = initiatorOf(event);
  return {
    id,
    requestId: event.requestId,
    firstSeen: event.timeStamp,
    lastSeen: event.timeStamp,
    count: 1,
    status: event.statusCode,
    statusLine: cleanHeaderValue(event.statusLine),
    method,
    url: redactUrl(event.url),
    resourceType: event.type,
    frameId: event.frameId,
    initiator,
    pageReadable: readableByPage(event, initiator, facts),
    preflight: method === 'OPTIONS' && (facts?.preflight ?? true),
    ...(facts?.prefetch ? { background: 'prefetch' as const } : isBeaconType(event.type) ? { background: 'beacon' as const } : {}),
    challenges,
    server,
    date,
    sent: facts?.sent ?? sentWithoutFacts(event.type, cookiesVisible),
    setCookieNames,
    clearedCookieNames,
    hints,
    attributedByInitiator: false,
    ...(typeof event.documentId === 'string' ? { documentId: event.documentId.slice(0, MAX_DOCUMENT_ID_CHARS) } : {}),
    recovered: null,
  };
}
