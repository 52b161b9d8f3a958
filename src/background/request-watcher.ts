import browser, { type WebRequest } from 'webextension-polyfill';
import type { ResponseEvent } from '../capture/build-refusal-record';
import { listenerSpecs, type WebRequestEvent } from './listener-spec';
import { type CompletionEvent, type NavigationStartEvent, type ObserverOptions, RequestObserver, type SendEvent } from './request-observer';
import type { TabStore } from './tab-store';

type ResourceType = WebRequest.ResourceType;
type Enums = { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } };

const ALL_URLS = ['<all_urls>'];

/**
 * Registers the webRequest listeners. Must run synchronously at the worker's top level so a
 * restarted worker gets the event that woke it.
 *
 * Documents and API calls (HEADER_WATCHED_TYPES), where sign-in happens: what the request sent
 * (onSendHeaders), each hop's response (onHeadersReceived: refusals, redirects, retries) and how the
 * request ended (onCompleted / onErrorOccurred: answered by the browser, or not). Chrome shows
 * Cookie, Set-Cookie and CORS preflights only to listeners that ask for 'extraHeaders'
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest); Firefox shows
 * everything and has no such option (`EXTRA_HEADERS` is undefined there).
 * Every other type (images, scripts, styles, fonts…) is seen once, at onCompleted, with its final
 * status: one event per request, and a refusal the browser answered by itself never shows.
 */
export function watchRequests(store: TabStore, options: ObserverOptions = {}): RequestObserver {
  const observer = new RequestObserver(store, options);
  const extra = (browser.webRequest as unknown as Enums).OnSendHeadersOptions?.EXTRA_HEADERS as 'extraHeaders' | undefined;
  const handlers: Record<WebRequestEvent, (details: never) => void> = {
    onSendHeaders: (details: SendEvent) => observer.onSendHeaders(details),
    onHeadersReceived: (details: ResponseEvent) => observer.onHeadersReceived(details),
    onCompleted: (details: ResponseEvent) => observer.onCompleted(details),
    onErrorOccurred: (details: CompletionEvent) => observer.onErrorOccurred(details),
    onBeforeRequest: (details: NavigationStartEvent) => observer.onMainFrameRequest(details),
  };
  for (const { event, types, extraInfoSpec } of listenerSpecs(extra)) {
    const filter = { urls: ALL_URLS, ...(types ? { types: [...types] as ResourceType[] } : {}) };
    const target = browser.webRequest[event] as unknown as { addListener(callback: unknown, filter: unknown, extraInfoSpec?: unknown): void };
    if (extraInfoSpec) target.addListener(handlers[event], filter, [...extraInfoSpec]);
    else target.addListener(handlers[event], filter);
  }
  return observer;
}
