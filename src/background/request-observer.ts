import { boundEventUrls, buildRefusalRecord, initiatorOf, isRefusalStatus, type ResponseEvent } from '../capture/build-refusal-record';
import { originOf, redactUrl } from '../capture/redact-url';
import { NOT_OBSERVED, type RequestFacts } from '../capture/sent-credentials';
import type { RefusalRecord } from '../capture/types';
import { headersWatched } from '../capture/watched-types';
import { UNATTRIBUTED_TAB_ID } from '../shared/storage-schema';
import { InFlightRequests, type SendEvent } from './in-flight-requests';
import { RefusalHold } from './refusal-hold';
import type { TabStore } from './tab-store';
import { NAVIGATION_END_GRACE_MS } from './worker-limits';

export type { SendEvent };

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
   * Called on each 401/407, on each failed cross-origin API call (a refused CORS preflight fails the
   * call) and on each failed WebSocket upgrade: Chrome shows preflights and upgrade responses only
   * while detail capture is on.
   */
  onRefusalSeen?: () => void;
  /** The browser answers challenges with no second round of events (Chromium): see answered-out-of-sight.ts. */
  answersOutOfSight?: boolean;
}

/** onAuthRequired: the browser asks for credentials (a sign-in dialog, or whoever answers for it). */
export interface AuthRequiredEvent {
  requestId: string;
}

export interface NavigationStartEvent {
  requestId: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
  url?: string;
}

type RefusalEvent = ResponseEvent & { statusCode: 401 | 407 };

/** A request to another origin than its initiator's (a failed one may be a refused CORS preflight). */
function isCrossOrigin(event: { url: string; initiator?: string }): boolean {
  return event.initiator !== undefined && originOf(event.url) !== event.initiator;
}

/**
 * Turns webRequest events into store updates: the refusal records (who owns them, what was sent),
 * the successes that may recover them, and the start of navigations. Free of browser APIs (the
 * watcher wires it up through event-routes.ts), so the hot path can be unit-tested and benchmarked
 * in Node. What requests in flight sent is InFlightRequests' to keep; a refusal of a document or
 * API call goes through the RefusalHold until its request ends (the browser may answer it itself).
 * Images, scripts and styles are seen only at onCompleted, with their final status.
 *
 * Hot path: of all responses, only 401/407, redirects of requests that carried credentials, and
 * successes on tabs that await a recovery do any work.
 */
export class RequestObserver {
  private readonly inFlight = new InFlightRequests();
  private readonly hold: RefusalHold;
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
    this.hold = new RefusalHold(
      {
        record: (tabId, record) => store.recordRefusal(tabId, record),
        answered: (tabId, success) => store.recordSuccess(tabId, success),
      },
      options.answersOutOfSight,
    );
    void this.ready.then(() => (this.restored = true));
  }

  /** Runs now if the store is restored, else once it is (events can wake a stopped worker). */
  private afterRestore(work: () => void): void {
    if (this.restored) work();
    else void this.ready.then(work);
  }

  /** `cookiesVisible` is false for Chrome's listeners without `extraHeaders` (see detail-capture.ts). */
  onSendHeaders(event: SendEvent, cookiesVisible = true): void {
    this.inFlight.sent(event, cookiesVisible);
  }

  /** Documents and API calls (the watched types): the response of each hop, before the browser acts on it. */
  onHeadersReceived(raw: ResponseEvent, cookiesVisible = true): void {
    const facts = this.inFlight.takeFacts(raw.requestId);
    const status = raw.statusCode;
    if (isRefusalStatus(status)) {
      this.onRefusalSeen();
      const event = boundEventUrls(raw) as RefusalEvent;
      const redirect = this.inFlight.redirectOf(event.requestId);
      const sendSeen = this.inFlight.sawSending(event.requestId);
      this.afterRestore(() => {
        const built = this.build(event, facts, redirect, cookiesVisible, sendSeen);
        if (built) this.hold.hold(event.requestId, built.tabId, built.record);
      });
    } else if (status >= 300 && status < 400) {
      this.inFlight.redirected(raw, facts);
    } else if (status < 400 && (!this.restored || this.store.mayRecover(raw.tabId))) {
      const event = boundEventUrls(raw);
      this.afterRestore(() => this.recordRetry(event));
    }
  }

  /** The browser asks for credentials: a refusal it did not answer by itself (see answered-out-of-sight.ts). */
  onAuthRequired(event: AuthRequiredEvent): void {
    this.hold.askedForCredentials(event.requestId);
  }

  /** The end of any request (onCompleted, every type) or its failure (onErrorOccurred). */
  onCompleted(raw: CompletionEvent): void {
    const status = raw.statusCode;
    const successAt = status !== undefined && status < 400 ? raw.timeStamp : null;
    if (headersWatched(raw.type)) {
      this.inFlight.ended(raw.requestId);
      // Ended with another answer than a refusal (even 500): the browser's answer to the sign-in was accepted.
      const answeredAt = status !== undefined && !isRefusalStatus(status) ? raw.timeStamp : null;
      this.afterRestore(() => this.hold.end(raw.requestId, answeredAt));
      if (raw.type === 'main_frame' && successAt === null && raw.tabId >= 0) {
        setTimeout(() => this.store.navigationRequestEnded(raw.tabId, raw.requestId), NAVIGATION_END_GRACE_MS);
      }
      return;
    }
    // What it sent, for the types whose request headers are read (`other`: prefetches); none for the rest.
    const facts = this.inFlight.takeFacts(raw.requestId);
    this.inFlight.ended(raw.requestId);
    if (status === undefined) return;
    // Images, scripts, styles: their refusals are seen here, final.
    if (isRefusalStatus(status)) {
      this.onRefusalSeen();
      const event = boundEventUrls(raw as RefusalEvent);
      this.afterRestore(() => {
        const built = this.build(event, facts, undefined);
        if (built) this.store.recordRefusal(built.tabId, built.record);
      });
    } else if (status < 400 && (!this.restored || this.store.mayRecover(raw.tabId))) {
      const event = boundEventUrls(raw as ResponseEvent);
      this.afterRestore(() => this.recordRetry(event));
    }
  }

  onErrorOccurred(event: ErrorEvent): void {
    // A failed cross-origin API call may be a refused CORS preflight, a failed WebSocket upgrade a refused one:
    // Chrome shows both only to listeners with extraHeaders, so detail capture is turned on to see the next.
    if ((event.type === 'xmlhttprequest' && event.error === 'net::ERR_FAILED' && isCrossOrigin(event)) || event.type === 'websocket') this.onRefusalSeen();
    this.onCompleted({ ...event, statusCode: undefined });
  }

  onMainFrameRequest(event: NavigationStartEvent): void {
    if (event.frameId !== 0 || event.tabId < 0) return;
    const url = event.url === undefined ? undefined : boundEventUrls({ url: event.url }).url;
    this.afterRestore(() => this.store.startNavigation(event.tabId, event.requestId, event.timeStamp, url === undefined ? undefined : redactUrl(url)));
  }

  /** How many requests' facts are held right now (for tests and the benchmark). */
  get pendingCount(): number {
    return this.inFlight.size;
  }

  /** Routes a request without a tab (a site's service worker) to the tab showing its initiator's site. */
  private owningTab(event: Pick<ResponseEvent, 'tabId' | 'initiator' | 'originUrl' | 'documentUrl'>): { tabId: number; byInitiator: boolean } {
    if (event.tabId >= 0) return { tabId: event.tabId, byInitiator: false };
    const tabId = this.store.tabForOrigin(initiatorOf(event));
    return tabId === null ? { tabId: UNATTRIBUTED_TAB_ID, byInitiator: false } : { tabId, byInitiator: true };
  }

  /** The record of a refusal and the tab it belongs to; null for a closed tab or an ignored site. */
  private build(
    event: RefusalEvent,
    facts: RequestFacts | null,
    redirect: RefusalRecord['redirect'],
    cookiesVisible = true,
    /** False for a request sent before the worker was listening: what it sent is not known. */
    sendSeen = true,
  ): { tabId: number; record: RefusalRecord } | null {
    const { tabId, byInitiator } = this.owningTab(event);
    if (this.store.isClosed(tabId)) return null;
    if (this.isIgnored(event.url) || this.isIgnored(this.store.pageUrlOf(tabId))) return null;
    const record = buildRefusalRecord(event, facts, '', cookiesVisible);
    if (!sendSeen) record.sent = { ...NOT_OBSERVED };
    record.attributedByInitiator = byInitiator;
    // Where a frame's refusal belongs is read now, as it arrives: it may be held until its request ends, when its frame is long gone.
    const top = byInitiator ? undefined : this.store.frameOwner(tabId, event);
    if (top !== undefined) record.topDocumentId = top;
    if (redirect) record.redirect = { ...redirect };
    return { tabId, record };
  }

  /** A success that may answer earlier refusals of the same URL (a page that refreshed its token and retried). */
  private recordRetry(event: ResponseEvent): void {
    const { tabId } = this.owningTab(event);
    this.store.recordSuccess(tabId, { requestId: event.requestId, method: event.method.toUpperCase(), url: redactUrl(event.url), timeStamp: event.timeStamp });
  }
}
