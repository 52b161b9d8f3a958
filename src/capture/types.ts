import type { CookieJarFacts } from './cookie-jar';
import type { TokenFacts } from './token-facts';

/**
 * The data model shared by capture, storage, the popup and the diagnosis core.
 * Plain data only: everything here is stored in `storage.session` and sent in messages.
 */

/** Statuses we record: 401 from the site, 407 from a proxy. */
export type RefusalStatus = 401 | 407;

/** What the request carried, as facts only: never a header value. */
export interface SentCredentials {
  /** Whether the request's headers were observed at all; false for images, scripts, styles (see watched-types.ts). */
  observed: boolean;
  /** Scheme of the Authorization header the page sent, e.g. "Bearer"; null when none was seen or it had no plausible scheme. */
  authorizationScheme: string | null;
  /** An Authorization header was sent whose value has no scheme (a raw key, say): its value is not recorded. */
  authorizationWithoutScheme: boolean;
  /** Whether a Cookie header was sent (false also when `cookiesHidden`: then nobody knows). */
  cookies: boolean;
  /**
   * Chrome did not show this request's Cookie header, nor its response's Set-Cookie, to the extension:
   * it shows them only to listeners that ask for `extraHeaders`, which the worker does only for a while
   * after a refusal (src/background/detail-capture.ts). Whether cookies were sent is then unknown.
   */
  cookiesHidden?: true;
  /** How many cookies it held (names and values are never kept). */
  cookieCount: number;
  /** Facts from a bearer/DPoP JWT (expiry, issuer host, ...); the token itself is never kept. */
  token: TokenFacts | null;
  /** Lower-case names of auth-related request headers that were present (X-WP-Nonce, DPoP, X-API-Key, ...), never their values. */
  notableHeaders: string[];
}

export interface RecoveryInfo {
  /** When the successful follow-up was seen. */
  at: number;
  /** `same-request`: the browser answered this very request itself (saved credentials, Digest/NTLM/Negotiate handshake, sign-in dialog). `retry`: a new request to the same URL succeeded. */
  how: 'same-request' | 'retry';
}

/** The request was redirected to another origin before this hop was refused. */
export interface RedirectFacts {
  /** Origin of the hop that redirected. */
  from: string;
  /** Whether that hop carried an Authorization header (one the page set, so one we could see). */
  sentAuthorization: boolean;
  /** Its scheme, when it had a plausible one. */
  authorizationScheme: string | null;
}

/** One refused request (or a run of identical ones, counted in `count`). */
export interface RefusalRecord {
  /** Unique within a tab log; stable across restarts. */
  id: string;
  requestId: string;
  firstSeen: number;
  lastSeen: number;
  /** How many identical refusals this record stands for. */
  count: number;
  status: RefusalStatus;
  /** The response's status line as the browser reported it, truncated. */
  statusLine: string;
  method: string;
  /** Redacted URL: no credentials, no fragment, secret-looking query values replaced. */
  url: string;
  /** webRequest resource type (main_frame, sub_frame, xmlhttprequest, image, ...). */
  resourceType: string;
  frameId: number;
  /** Origin that started the request, when known. */
  initiator: string | null;
  /**
   * Whether the page could learn of this refusal by itself (its own document, or a same-origin or
   * CORS-readable request of its top frame): only these show in the page marker, which page script can read.
   */
  pageReadable: boolean;
  /** True for a CORS preflight (OPTIONS sent by the browser, not the page). */
  preflight: boolean;
  /**
   * A request the page does not need now: a prefetch (fetched ahead in case it is opened) or a
   * beacon (sent as a page goes). Listed, never a warning or a diagnosis (see `unrecovered`).
   */
  background?: 'prefetch' | 'beacon';
  /** `WWW-Authenticate` (401) or `Proxy-Authenticate` (407) values, one per header line, truncated. */
  challenges: string[];
  server: string | null;
  date: string | null;
  sent: SentCredentials;
  /** Names of cookies the response set or cleared; values are dropped. */
  setCookieNames: string[];
  /** Of those, the ones the response deleted (Max-Age=0 or an Expires in the past): a server ending a session. */
  clearedCookieNames: string[];
  /** Response facts that hint at the software or path involved. */
  hints: ResponseHints;
  /** Set when the request came from outside any tab (e.g. a page's service worker) and was tied to this tab by its initiator. */
  attributedByInitiator: boolean;
  /** The document that made the request (absent for navigations); ties the record to its page. */
  documentId?: string;
  /**
   * A frame's request: the top-level document its frame was part of when the refusal arrived (from the
   * request's `parentDocumentId`, or the frames the tab reported committing); absent when unknown.
   */
  topDocumentId?: string;
  /** Set when an earlier hop of this request was redirected from another origin. */
  redirect?: RedirectFacts;
  /**
   * The browser answered an earlier refusal of this same request itself (a second round: saved or
   * typed credentials, as Firefox shows) and the server refused again: what was given was not accepted.
   */
  retriedByBrowser?: true;
  /**
   * Chromium answered this password challenge by itself, out of every listener's sight, and the server
   * refused the answer: see answered-out-of-sight.ts.
   */
  answeredOutOfSight?: true;
  /**
   * Found after the fact in the page's own timing data (the browser restored the tab as it started,
   * before the extension was watching): its status and URL are known, what was asked and sent is not.
   */
  seenAfterStart?: true;
  /**
   * What the cookie jar held for this request when it was refused (sign-in cookie names and
   * attributes, departures; never a value): only with the person's consent (cookie-watcher.ts).
   */
  jar?: CookieJarFacts;
  /**
   * What the response body said, when DevTools or a HAR file showed it (the worker never reads
   * bodies): a JSON error's code and message, redacted and cut like every server string.
   */
  bodyError?: BodyError;
  /** Its details were shortened to make room in the browser's storage for newer refusals (see trim-log.ts). */
  trimmed?: boolean;
  recovered: RecoveryInfo | null;
}

/** A response body's own error, e.g. `{"code":"rest_not_logged_in"}`, `{"message":"Bad credentials"}`, `{"error":"invalid_grant"}`. */
export interface BodyError {
  /** A short code (`invalid_grant`, `rest_not_logged_in`), when it gave one. */
  code: string | null;
  /** Its sentence (`Bad credentials`), when it gave one. */
  message: string | null;
}

/** The refused requests of the page a tab showed before its current one, kept only as evidence (no badge, no marker). */
export interface PreviousPage {
  /** Redacted URL of that page. */
  url: string | null;
  /** Its document, so late refusals of it join it here instead of the new page. */
  documentId: string | null;
  /** When the tab left it. */
  leftAt: number;
  /** Its refusals that had not recovered when the tab left, oldest first. */
  records: RefusalRecord[];
}

/** The page a tab showed before its current one, refused or not: late refusals of its documents join its evidence. */
export interface LeftPage {
  /** Redacted URL of that page, when known. */
  url: string | null;
  documentId: string | null;
  /** When it committed (null when the tab was not seen committing it). */
  committedAt: number | null;
  /** When the tab left it. */
  leftAt: number;
}

/** A document a frame of the tab committed, and the top-level document it was part of. */
export interface FrameDocument {
  frameId: number;
  documentId: string;
  top: string;
}

/** Everything we know about one tab's current page. */
export interface TabLog {
  tabId: number;
  /** Redacted URL of the committed top-level page, when known. */
  pageUrl: string | null;
  /** When that page committed (ms since epoch); null before the first commit we saw. */
  committedAt: number | null;
  /** The committed top-level document (webNavigation's documentId); null when unknown. */
  documentId: string | null;
  /** Documents this tab showed before the previous page, newest last (bounded): their late refusals are dropped. */
  retiredDocuments: string[];
  /** The page the tab showed before this one (with or without refusals); null before the second commit. */
  left: LeftPage | null;
  /** Documents committed in frames of this page and of the page before, newest last (bounded). */
  frames: FrameDocument[];
  /** The top-level navigation in flight (its latest address, redacted): its records belong to the page it will commit. */
  navigation: { requestId: string; start: number; url?: string } | null;
  /** The page before this one, when it had refusals that did not recover shortly before the tab left it. */
  previous: PreviousPage | null;
  /** Oldest first; at most MAX_RECORDS_PER_TAB. */
  records: RefusalRecord[];
  /** Records evicted because the log was full (their refusals still count in `total`). */
  dropped: number;
  /** Every 401/407 response seen on this page, including coalesced and dropped ones. */
  total: number;
  /** Increases with every record added; gives each record a unique id. */
  nextId: number;
}

export interface ResponseHints {
  /** `Via` header: a proxy or CDN passed the response on. */
  via: string | null;
  /** `X-Powered-By` header. */
  poweredBy: string | null;
  contentType: string | null;
  /** A `DPoP-Nonce` header was sent (its value is not kept). */
  dpopNonce: boolean;
  /** The response advertised a WordPress REST API (`Link: <…/wp-json/>; rel="https://api.w.org/"`) or WordPress headers. */
  wordpress: boolean;
  /** Platform recognised from vendor headers (Cloudflare, AWS, Azure, Google, Kong, Envoy, Akamai, Fastly). */
  platform: string | null;
}

/** A header as webRequest reports it (`binaryValue` is ignored). */
export interface HttpHeader {
  name: string;
  value?: string;
}

/** What the page marker needs to know about its tab: counts only, no server text. */
export interface PageStatus {
  /** Refused requests that did not recover. */
  refused: number;
  /** Whether the page itself (the top-level document) was refused. */
  pageRefused: boolean;
  /** The statuses involved, for the marker's wording. */
  statuses: RefusalStatus[];
}

/** The header a refusal's challenge comes in: a proxy's (407) or the site's (401). */
export function challengeHeaderName(status: RefusalStatus): 'Proxy-Authenticate' | 'WWW-Authenticate' {
  return status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
}
