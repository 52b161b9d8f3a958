import browser, { type WebRequest } from 'webextension-polyfill';
import type { ResponseEvent } from '../capture/build-refusal-record';
import { HEADER_WATCHED_TYPES } from '../capture/watched-types';
import { type ObserverOptions, RequestObserver } from './request-observer';
import type { TabStore } from './tab-store';

type ResourceType = WebRequest.ResourceType;
type Enums = { ResourceType?: Record<string, ResourceType>; OnSendHeadersOptions?: { EXTRA_HEADERS?: string } };

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
  const enums = browser.webRequest as unknown as Enums;
  const extra = enums.OnSendHeadersOptions?.EXTRA_HEADERS as 'extraHeaders' | undefined;
  const watched: ResourceType[] = [...HEADER_WATCHED_TYPES];
  const withExtra = <T extends string>(spec: T[]) => (extra ? [...spec, extra] : spec);

  browser.webRequest.onSendHeaders.addListener((details) => observer.onSendHeaders(details), { urls: ALL_URLS, types: watched }, withExtra(['requestHeaders']));
  browser.webRequest.onHeadersReceived.addListener(
    (details) => void observer.onHeadersReceived(details as ResponseEvent),
    { urls: ALL_URLS, types: watched },
    withExtra(['responseHeaders']),
  );
  browser.webRequest.onCompleted.addListener((details) => void observer.onCompleted(details as ResponseEvent), { urls: ALL_URLS }, ['responseHeaders']);
  browser.webRequest.onErrorOccurred.addListener((details) => observer.onErrorOccurred(details), { urls: ALL_URLS, types: watched });
  browser.webRequest.onBeforeRequest.addListener((details) => observer.onMainFrameRequest(details), { urls: ALL_URLS, types: ['main_frame'] });
  return observer;
}
