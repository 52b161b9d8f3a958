import type { ResponseEvent } from '../capture/build-refusal-record';
import { boundUrl, originOf } from '../capture/redact-url';
import { readRequestFacts, type RequestFacts, sentAuthorization } from '../capture/sent-credentials';
import type { HttpHeader, RedirectFacts } from '../capture/types';
import { setBounded } from './bounded-map';
import { MAX_PENDING_REDIRECTS, MAX_PENDING_REQUESTS, MAX_SEEN_SENDING, START_WINDOW_MS } from './worker-limits';

export interface SendEvent {
  requestId: string;
  requestHeaders?: HttpHeader[];
}

/**
 * What requests in flight sent (kept only for those that carried credentials or cookies) and which
 * of them were redirected from another origin, keyed by requestId, until each ends. Bounded: a
 * request that never ends (rare) does not pile up.
 */
export class InFlightRequests {
  private readonly facts = new Map<string, RequestFacts>();
  private readonly redirects = new Map<string, RedirectFacts>();
  /** While the worker is starting: every request seen sending (then null: all are, as listeners are registered). */
  private seenSending: Set<string> | null = new Set();

  constructor() {
    setTimeout(() => (this.seenSending = null), START_WINDOW_MS);
  }

  /** Whether this request's onSendHeaders was seen: false only for one sent before the worker was listening. */
  sawSending(requestId: string): boolean {
    return this.seenSending === null || this.seenSending.has(requestId);
  }

  /** `cookiesVisible` is false for Chrome's listeners without `extraHeaders` (see detail-capture.ts). */
  sent(event: SendEvent, cookiesVisible: boolean): void {
    if (this.seenSending) {
      this.seenSending.add(event.requestId);
      if (this.seenSending.size > MAX_SEEN_SENDING) this.seenSending.delete(this.seenSending.values().next().value!);
    }
    const facts = readRequestFacts(event.requestHeaders, cookiesVisible);
    if (facts) setBounded(this.facts, event.requestId, facts, MAX_PENDING_REQUESTS);
  }

  /** What the request sent on its latest hop, handed over once (the next hop sends again). */
  takeFacts(requestId: string): RequestFacts | null {
    const facts = this.facts.get(requestId);
    if (facts === undefined) return null;
    this.facts.delete(requestId);
    return facts;
  }

  /**
   * A redirect to another origin: browsers drop Authorization on it (Chrome 119, Firefox 111;
   * whatwg/fetch#1544), so the next hop's refusal may be that. Noted only for requests that
   * carried credentials or cookies (the others have nothing to lose).
   */
  redirected(event: ResponseEvent, facts: RequestFacts | null): void {
    if (!facts) return;
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (!location) return;
    let to: string | null;
    try {
      to = originOf(new URL(boundUrl(location), boundUrl(event.url)).href);
    } catch {
      to = null;
    }
    const from = originOf(event.url);
    if (!to || !from || to === from) return;
    setBounded(this.redirects, event.requestId, { from, sentAuthorization: sentAuthorization(facts.sent), authorizationScheme: facts.sent.authorizationScheme }, MAX_PENDING_REDIRECTS);
  }

  /** The cross-origin redirect the request went through, if any. */
  redirectOf(requestId: string): RedirectFacts | undefined {
    return this.redirects.get(requestId);
  }

  /** The request ended: nothing of it is kept. */
  ended(requestId: string): void {
    this.facts.delete(requestId);
    this.redirects.delete(requestId);
  }

  /** How many requests' facts are held right now (for tests and the benchmark). */
  get size(): number {
    return this.facts.size;
  }
}
