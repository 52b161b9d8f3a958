import browser, { type WebRequest } from 'webextension-polyfill';
import { buildRefusalRecord, initiatorOf, isRefusalStatus, type ResponseEvent } from '../capture/build-refusal-record';
import { MAX_PENDING_REQUESTS } from '../capture/limits';
import { redactUrl } from '../capture/redact-url';
import { readRequestFacts, type RequestFacts } from '../capture/sent-credentials';
import { markRecovered, nextRecordId, startNavigation } from '../capture/tab-log';
import { UNATTRIBUTED_TAB_ID } from '../shared/storage';
import type { TabStore } from './tab-store';

/**
 * Chrome hides Cookie/Set-Cookie headers and CORS preflight requests from extensions unless a
 * listener asks for 'extraHeaders' (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests).
 * Firefox shows them anyway and has no such option, so it is added only where the browser defines it.
 */
function withExtraHeaders<T extends string>(options: T[], enumeration: Record<string, string> | undefined): T[] {
  return enumeration?.EXTRA_HEADERS ? [...options, enumeration.EXTRA_HEADERS as T] : options;
}

type Enums = { OnSendHeadersOptions?: Record<string, string>; OnHeadersReceivedOptions?: Record<string, string> };

/** Facts about requests in flight that carried credentials or cookies, keyed by requestId. */
const pendingFacts = new Map<string, RequestFacts>();

function takeFacts(requestId: string): RequestFacts | null {
  const facts = pendingFacts.get(requestId);
  if (facts === undefined) return null;
  pendingFacts.delete(requestId);
  return facts;
}

function rememberFacts(requestId: string, facts: RequestFacts): void {
  pendingFacts.set(requestId, facts);
  // Requests that never get a response or an error (rare) must not pile up.
  if (pendingFacts.size > MAX_PENDING_REQUESTS) pendingFacts.delete(pendingFacts.keys().next().value!);
}

/** Routes a request without a tab (a site's service worker) to the tab showing its initiator's site. */
function owningTab(store: TabStore, event: ResponseEvent): { tabId: number; byInitiator: boolean } {
  if (event.tabId >= 0) return { tabId: event.tabId, byInitiator: false };
  const tabId = store.tabForOrigin(initiatorOf(event));
  return tabId === null ? { tabId: UNATTRIBUTED_TAB_ID, byInitiator: false } : { tabId, byInitiator: true };
}

function recordRefusal(store: TabStore, event: ResponseEvent & { statusCode: 401 | 407 }, facts: RequestFacts | null): void {
  const { tabId, byInitiator } = owningTab(store, event);
  if (store.isClosed(tabId)) return;
  const record = buildRefusalRecord(event, facts, nextRecordId(store.getOrCreate(tabId)));
  record.attributedByInitiator = byInitiator;
  store.addRefusal(tabId, record);
}

function recordSuccess(store: TabStore, event: ResponseEvent): void {
  const { tabId } = owningTab(store, event);
  const log = store.get(tabId);
  if (!log) return;
  const success = { requestId: event.requestId, method: event.method.toUpperCase(), url: redactUrl(event.url), timeStamp: event.timeStamp };
  if (markRecovered(log, success)) store.changed(tabId);
}

/**
 * Registers the webRequest listeners. Must run synchronously at the worker's top level so a
 * restarted worker gets the event that woke it; each handler waits for the store's restore.
 *
 * Hot path: of all responses, only 401/407 and successes on tabs that await a recovery do any work.
 */
export function watchRequests(store: TabStore): void {
  let restored = false;
  void store.ready.then(() => (restored = true));
  const afterRestore = (work: () => void) => (restored ? work() : void store.ready.then(work));
  const filter: WebRequest.RequestFilter = { urls: ['<all_urls>'] };
  const enums = browser.webRequest as unknown as Enums;

  browser.webRequest.onSendHeaders.addListener(
    (details) => {
      const facts = readRequestFacts(details.requestHeaders);
      if (facts) rememberFacts(details.requestId, facts);
    },
    filter,
    withExtraHeaders<WebRequest.OnSendHeadersOptions>(['requestHeaders'], enums.OnSendHeadersOptions),
  );

  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      const event = details as ResponseEvent;
      const facts = takeFacts(event.requestId);
      if (isRefusalStatus(event.statusCode)) {
        const refusal = event as ResponseEvent & { statusCode: 401 | 407 };
        afterRestore(() => recordRefusal(store, refusal, facts));
      } else if (event.statusCode < 400 && (!restored || store.mayRecover(event.tabId))) {
        afterRestore(() => recordSuccess(store, event));
      }
      return undefined;
    },
    filter,
    withExtraHeaders<WebRequest.OnHeadersReceivedOptions>(['responseHeaders'], enums.OnHeadersReceivedOptions),
  );

  browser.webRequest.onErrorOccurred.addListener((details) => void pendingFacts.delete(details.requestId), filter);

  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.frameId !== 0 || details.tabId < 0) return;
      afterRestore(() => {
        if (!store.isClosed(details.tabId)) startNavigation(store.getOrCreate(details.tabId), details.requestId, details.timeStamp);
      });
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
}
