import { buildRefusalRecord, initiatorOf, isRefusalStatus, type ResponseEvent } from '../capture/build-refusal-record';
import { MAX_PENDING_REQUESTS } from '../capture/limits';
import { redactUrl } from '../capture/redact-url';
import { readRequestFacts, type RequestFacts } from '../capture/sent-credentials';
import { markRecovered, nextRecordId, startNavigation } from '../capture/tab-log';
import type { HttpHeader } from '../capture/types';
import { UNATTRIBUTED_TAB_ID } from '../shared/storage';
import type { TabStore } from './tab-store';

export interface SendEvent {
  requestId: string;
  requestHeaders?: HttpHeader[];
}

export interface ObserverOptions {
  /** Resolves when everything the observer depends on is loaded (defaults to the store's restore). */
  ready?: Promise<unknown>;
  /** URLs of sites the person chose to ignore. */
  isIgnored?: (url: string | null) => boolean;
}

export interface NavigationStartEvent {
  requestId: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
}

/**
 * Turns webRequest events into store updates. Free of browser APIs (the watcher wires it up),
 * so the hot path can be unit-tested and benchmarked in Node.
 *
 * Hot path: of all responses, only 401/407 and successes on tabs that await a recovery do any work.
 */
export class RequestObserver {
  /** Facts about requests in flight that carried credentials or cookies, keyed by requestId. */
  private readonly pendingFacts = new Map<string, RequestFacts>();
  private restored = false;
  private readonly ready: Promise<unknown>;
  private readonly isIgnored: (url: string | null) => boolean;

  constructor(
    private readonly store: TabStore,
    options: ObserverOptions = {},
  ) {
    this.ready = options.ready ?? store.ready;
    this.isIgnored = options.isIgnored ?? (() => false);
    void this.ready.then(() => (this.restored = true));
  }

  /** Runs now if the store is restored, else once it is (events can wake a stopped worker). */
  private afterRestore(work: () => void): void {
    if (this.restored) work();
    else void this.ready.then(work);
  }

  onSendHeaders(event: SendEvent): void {
    const facts = readRequestFacts(event.requestHeaders);
    if (!facts) return;
    this.pendingFacts.set(event.requestId, facts);
    // Requests that never get a response or an error (rare) must not pile up.
    if (this.pendingFacts.size > MAX_PENDING_REQUESTS) this.pendingFacts.delete(this.pendingFacts.keys().next().value!);
  }

  onHeadersReceived(event: ResponseEvent): void {
    const facts = this.takeFacts(event.requestId);
    if (isRefusalStatus(event.statusCode)) {
      const refusal = event as ResponseEvent & { statusCode: 401 | 407 };
      this.afterRestore(() => this.recordRefusal(refusal, facts));
    } else if (event.statusCode < 400 && (!this.restored || this.store.mayRecover(event.tabId))) {
      this.afterRestore(() => this.recordSuccess(event));
    }
  }

  onErrorOccurred(event: { requestId: string }): void {
    this.pendingFacts.delete(event.requestId);
  }

  onMainFrameRequest(event: NavigationStartEvent): void {
    if (event.frameId !== 0 || event.tabId < 0) return;
    this.afterRestore(() => {
      if (!this.store.isClosed(event.tabId)) startNavigation(this.store.getOrCreate(event.tabId), event.requestId, event.timeStamp);
    });
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

  /** Routes a request without a tab (a site's service worker) to the tab showing its initiator's site. */
  private owningTab(event: ResponseEvent): { tabId: number; byInitiator: boolean } {
    if (event.tabId >= 0) return { tabId: event.tabId, byInitiator: false };
    const tabId = this.store.tabForOrigin(initiatorOf(event));
    return tabId === null ? { tabId: UNATTRIBUTED_TAB_ID, byInitiator: false } : { tabId, byInitiator: true };
  }

  private recordRefusal(event: ResponseEvent & { statusCode: 401 | 407 }, facts: RequestFacts | null): void {
    const { tabId, byInitiator } = this.owningTab(event);
    if (this.store.isClosed(tabId)) return;
    if (this.isIgnored(event.url) || this.isIgnored(this.store.get(tabId)?.pageUrl ?? null)) return;
    const record = buildRefusalRecord(event, facts, nextRecordId(this.store.getOrCreate(tabId)));
    record.attributedByInitiator = byInitiator;
    this.store.addRefusal(tabId, record);
  }

  private recordSuccess(event: ResponseEvent): void {
    const { tabId } = this.owningTab(event);
    const log = this.store.get(tabId);
    if (!log) return;
    const success = { requestId: event.requestId, method: event.method.toUpperCase(), url: redactUrl(event.url), timeStamp: event.timeStamp };
    if (markRecovered(log, success)) this.store.changed(tabId);
  }
}
