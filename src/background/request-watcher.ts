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
 * Chrome shows Cookie, Set-Cookie and CORS preflights (typed xmlhttprequest) only to an extension
 * whose listener asks for 'extraHeaders' (https://developer.chrome.com/docs/extensions/reference/api/webRequest).
 * That option costs each matching request a hop through the browser process, so it is used only for
 * documents and API calls (HEADER_WATCHED_TYPES); all other responses are read without it.
 * Firefox shows everything without it and has no such option (`EXTRA_HEADERS` is undefined there).
 */
export function watchRequests(store: TabStore, options: ObserverOptions = {}): RequestObserver {
  const observer = new RequestObserver(store, options);
  const enums = browser.webRequest as unknown as Enums;
  const extra = enums.OnSendHeadersOptions?.EXTRA_HEADERS as 'extraHeaders' | undefined;
  const watched: ResourceType[] = [...HEADER_WATCHED_TYPES];
  const onResponse = (details: WebRequest.OnHeadersReceivedDetailsType) => void observer.onHeadersReceived(details as ResponseEvent);

  browser.webRequest.onSendHeaders.addListener(
    (details) => observer.onSendHeaders(details),
    { urls: ALL_URLS, types: watched },
    extra ? ['requestHeaders', extra] : ['requestHeaders'],
  );
  if (extra && enums.ResourceType) {
    // Chrome: the watched types with extraHeaders (Set-Cookie names), every other type without.
    const others = Object.values(enums.ResourceType).filter((type) => !watched.includes(type));
    browser.webRequest.onHeadersReceived.addListener(onResponse, { urls: ALL_URLS, types: watched }, ['responseHeaders', extra]);
    browser.webRequest.onHeadersReceived.addListener(onResponse, { urls: ALL_URLS, types: others }, ['responseHeaders']);
  } else {
    browser.webRequest.onHeadersReceived.addListener(onResponse, { urls: ALL_URLS }, ['responseHeaders']);
  }
  browser.webRequest.onErrorOccurred.addListener((details) => observer.onErrorOccurred(details), { urls: ALL_URLS, types: watched });
  browser.webRequest.onBeforeRequest.addListener((details) => observer.onMainFrameRequest(details), { urls: ALL_URLS, types: ['main_frame'] });
  return observer;
}
