import { boundEventUrls, buildRefusalRecord, initiatorOf, isRefusalStatus, type ResponseEvent } from '../capture/build-refusal-record';
import { originOf, redactUrl } from '../capture/redact-url';
import { readRequestFacts, type RequestFacts, sentAuthorization } from '../capture/sent-credentials';
import type { HttpHeader, RedirectFacts, RefusalRecord } from '../capture/types';
import { headersWatched } from '../capture/watched-types';
import { UNATTRIBUTED_TAB_ID } from '../shared/storage-schema';
import type { TabStore } from './tab-store';
import { HANDSHAKE_GRACE_MS, MAX_ENDED_REMEMBERED, MAX_PENDING_REDIRECTS, MAX_PENDING_REQUESTS } from './worker-limits';

export interface SendEvent {
  requestId: string;
  requestHeaders?: HttpHeader[];
}

/** The end of a request: onCompleted (with its final status) or onErrorOccurred (without one). */
export type CompletionEvent =
  | ResponseEvent
  | { requestId: string; tabId: number; type: string; url: string; method: string; timeStamp: number; initiator?: string; statusCode?: undefined };

/** onErrorOccurred: the end of a request without a response. */
export type ErrorEvent = Omit<Extract<CompletionEvent, { statusCode?: undefined }>, 'statusCode'> & { error?: string };

export interface ObserverOptions {
  /** Resolves when everything the observer depends on is loaded (defaults to the store's restore). */
  ready?: Promise<unknown>;
  /** URLs of sites the person chose to ignore. */
  isIgnored?: (url: string | null) => boolean;
  /**
   * Called on each 401/407, and on each failed cross-origin API call (a refused CORS preflight
   * fails the call, and Chrome shows preflights only while detail capture is on).
   */
  onRefusalSeen?: () => void;
}

export interface NavigationStartEvent {
  requestId: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
}

/** Refusals of a request that has not completed yet: the browser may still answer it by itself. */
interface Handshake {
  tabId: number;
  /** The request's redacted URL and method, to recover earlier refusals of the same URL too. */
  url: string;
  method: string;
  records: RefusalRecord[];
  timer: ReturnType<typeof setTimeout> | null;
}

/** A request to another origin than its initiator's (a failed one may be a refused CORS preflight). */
function isCrossOrigin(event: { url: string; initiator?: string }): boolean {
  return event.initiator !== undefined && originOf(event.url) !== event.initiator;
}

/** Keeps a Map no larger than `max` by dropping its oldest entry. */
function boundedSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

/**
 * Turns webRequest events into store updates. Free of browser APIs (the watcher wires it up),
 * so the hot path can be unit-tested and benchmarked in Node.
 *
 * What real browsers do (recorded in tests/fixtures/event-sequences): when the browser answers a
 * 401/407 by itself (saved credentials, a Digest stale nonce, NTLM/Negotiate rounds, a proxy
 * sign-in) there is no second onHeadersReceived: the success arrives as onCompleted of the same
 * request. So a refusal of a document or API call is held until its request completes: a success
 * makes it recovered (never shown), a final refusal shows at once, and one still open after
 * HANDSHAKE_GRACE_MS (a sign-in dialog the person has not answered) shows then.
 * Images, scripts and styles are seen only at onCompleted, with their final status.
 *
 * Hot path: of all responses, only 401/407, redirects of requests that carried credentials, and
 * successes on tabs that await a recovery do any work.
 */
export class RequestObserver {
  /** Facts about requests in flight that carried credentials or cookies, keyed by requestId. */
  private readonly pendingFacts = new Map<string, RequestFacts>();
  /** Requests redirected from another origin, keyed by requestId: what the hop before sent. */
  private readonly redirects = new Map<string, RedirectFacts & { to: string }>();
  private readonly handshakes = new Map<string, Handshake>();
  /**
   * How recent documents and API calls ended (requestId → when they succeeded, or null), so a refusal
   * whose request's end arrived first is judged by it instead of waiting out the grace time.
   */
  private readonly ended = new Map<string, number | null>();
  private restored = false;
  private readonly ready: Promise<unknown>;
  private readonly isIgnored: (url: string | null) => boolean;
  private readonly onRefusalSeen: () => void;

  constructor(
    private readonly store: TabStore,
    options: ObserverOptions = {},
  ) {
    this.ready = options.ready ?? store.ready;
    this.isIgnored = options.isIgnored ?? (() => false);
    this.onRefusalSeen = options.onRefusalSeen ?? (() => {});
    void this.ready.then(() => (this.restored = true));
  }

  /** Runs now if the store is restored, else once it is (events can wake a stopped worker). */
  private afterRestore(work: () => void): void {
    if (this.restored) work();
    else void this.ready.then(work);
  }

  /** `cookiesVisible` is false for Chrome's listeners without `extraHeaders` (see detail-capture.ts). */
  onSendHeaders(event: SendEvent, cookiesVisible = true): void {
    const facts = readRequestFacts(event.requestHeaders, cookiesVisible);
    if (!facts) return;
    // Requests that never get a response or an error (rare) must not pile up.
    boundedSet(this.pendingFacts, event.requestId, facts, MAX_PENDING_REQUESTS);
  }

  /** Documents and API calls (the watched types): the response of each hop, before the browser acts on it. */
  onHeadersReceived(raw: ResponseEvent, cookiesVisible = true): void {
    const facts = this.takeFacts(raw.requestId);
    const status = raw.statusCode;
    if (isRefusalStatus(status)) {
      this.onRefusalSeen();
      const event = boundEventUrls(raw);
      const redirect = this.redirects.get(event.requestId);
      this.afterRestore(() => this.holdRefusal(event as ResponseEvent & { statusCode: 401 | 407 }, facts, redirect, cookiesVisible));
    } else if (status >= 300 && status < 400) {
      this.noteRedirect(raw, facts);
    } else if (status < 400 && (!this.restored || this.store.mayRecover(raw.tabId))) {
      const event = boundEventUrls(raw);
      this.afterRestore(() => this.recordRetry(event));
    }
  }

  /** The end of any request (onCompleted, every type) or its failure (onErrorOccurred). */
  onCompleted(raw: CompletionEvent): void {
    this.pendingFacts.delete(raw.requestId);
    this.redirects.delete(raw.requestId);
    const status = raw.statusCode;
    const successAt = status !== undefined && status < 400 ? raw.timeStamp : null;
    if (headersWatched(raw.type)) {
      this.afterRestore(() => {
        if (this.handshakes.has(raw.requestId)) this.settle(raw.requestId, successAt);
        else boundedSet(this.ended, raw.requestId, successAt, MAX_ENDED_REMEMBERED);
      });
      return;
    }
    if (status === undefined) return;
    // Images, scripts, styles: their refusals are seen here, final.
    if (isRefusalStatus(status)) {
      this.onRefusalSeen();
      const event = boundEventUrls(raw as ResponseEvent & { statusCode: 401 | 407 });
      this.afterRestore(() => this.record(event, null, undefined));
    } else if (status < 400 && (!this.restored || this.store.mayRecover(raw.tabId))) {
      const event = boundEventUrls(raw as ResponseEvent);
      this.afterRestore(() => this.recordRetry(event));
    }
  }

  onErrorOccurred(event: ErrorEvent): void {
    if (event.type === 'xmlhttprequest' && event.error === 'net::ERR_FAILED' && isCrossOrigin(event)) this.onRefusalSeen();
    this.onCompleted({ ...event, statusCode: undefined });
  }

  onMainFrameRequest(event: NavigationStartEvent): void {
    if (event.frameId !== 0 || event.tabId < 0) return;
    this.afterRestore(() => this.store.startNavigation(event.tabId, event.requestId, event.timeStamp));
  }

  /** How many requests' facts are held right now (for tests and the benchmark). */
  get pendingCount(): number {
    return this.pendingFacts.size;
  }

  private takeFacts(requestId: string): RequestFacts | null {
    const facts = this.pendingFacts.get(requestId);
    if (facts === undefined) return null;
    this.pendingFacts.delete(requestId);
    return facts;
  }

  /**
   * A redirect to another origin: browsers drop Authorization on it (Chrome 119, Firefox 111;
   * whatwg/fetch#1544), so the next hop's refusal may be that. Noted only for requests that
   * carried credentials or cookies (the others have nothing to lose).
   */
  private noteRedirect(event: ResponseEvent, facts: RequestFacts | null): void {
    if (!facts) return;
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (!location) return;
    let to: string | null;
    try {
      to = originOf(new URL(location.slice(0, 4_000), event.url.slice(0, 4_000)).href);
    } catch {
      to = null;
    }
    const from = originOf(event.url);
    if (!to || !from || to === from) return;
    const redirect = { from, to, sentAuthorization: sentAuthorization(facts.sent), authorizationScheme: facts.sent.authorizationScheme };
    boundedSet(this.redirects, event.requestId, redirect, MAX_PENDING_REDIRECTS);
  }

  /** Routes a request without a tab (a site's service worker) to the tab showing its initiator's site. */
  private owningTab(event: Pick<ResponseEvent, 'tabId' | 'initiator' | 'originUrl' | 'documentUrl'>): { tabId: number; byInitiator: boolean } {
    if (event.tabId >= 0) return { tabId: event.tabId, byInitiator: false };
    const tabId = this.store.tabForOrigin(initiatorOf(event));
    return tabId === null ? { tabId: UNATTRIBUTED_TAB_ID, byInitiator: false } : { tabId, byInitiator: true };
  }

  private build(
    event: ResponseEvent & { statusCode: 401 | 407 },
    facts: RequestFacts | null,
    redirect: RedirectFacts | undefined,
    cookiesVisible = true,
  ): { tabId: number; record: RefusalRecord } | null {
    const { tabId, byInitiator } = this.owningTab(event);
    if (this.store.isClosed(tabId)) return null;
    if (this.isIgnored(event.url) || this.isIgnored(this.store.pageUrlOf(tabId))) return null;
    const record = buildRefusalRecord(event, facts, '', cookiesVisible);
    record.attributedByInitiator = byInitiator;
    if (redirect) record.redirect = { from: redirect.from, sentAuthorization: redirect.sentAuthorization, authorizationScheme: redirect.authorizationScheme };
    return { tabId, record };
  }

  private record(event: ResponseEvent & { statusCode: 401 | 407 }, facts: RequestFacts | null, redirect: RedirectFacts | undefined): void {
    const built = this.build(event, facts, redirect);
    if (built) this.store.recordRefusal(built.tabId, built.record);
  }

  /** A refusal of a request still in flight: held until it completes, or until the grace time ends. */
  private holdRefusal(
    event: ResponseEvent & { statusCode: 401 | 407 },
    facts: RequestFacts | null,
    redirect: RedirectFacts | undefined,
    cookiesVisible: boolean,
  ): void {
    const built = this.build(event, facts, redirect, cookiesVisible);
    if (!built) return;
    if (this.ended.has(event.requestId)) {
      // The request's end was delivered first: judge the refusal by it at once.
      const successAt = this.ended.get(event.requestId)!;
      this.ended.delete(event.requestId);
      if (successAt !== null) built.record.recovered = { at: successAt, how: 'same-request' };
      this.store.recordRefusal(built.tabId, built.record);
      return;
    }
    const held = this.handshakes.get(event.requestId);
    if (held) {
      held.records.push(built.record); // another round of the same handshake (NTLM, Negotiate)
      return;
    }
    const handshake: Handshake = { tabId: built.tabId, url: built.record.url, method: built.record.method, records: [built.record], timer: null };
    handshake.timer = setTimeout(() => this.release(event.requestId), HANDSHAKE_GRACE_MS);
    this.handshakes.set(event.requestId, handshake);
  }

  /** The grace time ended with the request still open (a sign-in dialog): show its refusals; a later success still recovers them. */
  private release(requestId: string): void {
    const held = this.handshakes.get(requestId);
    if (!held) return;
    held.timer = null;
    for (const record of held.records) this.store.recordRefusal(held.tabId, record);
    held.records = [];
  }

  /** The request ended: with a success (`successAt`) its refusals were answered by the browser; otherwise they stand. */
  private settle(requestId: string, successAt: number | null): void {
    const held = this.handshakes.get(requestId);
    if (!held) return;
    this.handshakes.delete(requestId);
    if (held.timer !== null) clearTimeout(held.timer);
    for (const record of held.records) {
      if (successAt !== null) record.recovered = { at: successAt, how: 'same-request' };
      this.store.recordRefusal(held.tabId, record);
    }
    // Records released earlier (a dialog answered after the grace time) are in the log already, and
    // earlier refusals of the same URL are answered too (the page retried, the browser signed in).
    if (successAt !== null) this.store.recordSuccess(held.tabId, { requestId, method: held.method, url: held.url, timeStamp: successAt });
  }

  /** A success that may answer earlier refusals of the same URL (a page that refreshed its token and retried). */
  private recordRetry(event: ResponseEvent): void {
    const { tabId } = this.owningTab(event);
    this.store.recordSuccess(tabId, { requestId: event.requestId, method: event.method.toUpperCase(), url: redactUrl(event.url), timeStamp: event.timeStamp });
  }
}
