import browser, { type WebRequest } from 'webextension-polyfill';
import type { ResponseEvent } from '../capture/build-refusal-record';
import { DetailCapture, type DetailEventName, type ListenerSource } from './detail-capture';
import { detailListenerSpecs, type ListenerSpec, listenerSpecs, type WebRequestEvent } from './listener-spec';
import { type ErrorEvent, type NavigationStartEvent, type ObserverOptions, RequestObserver, type SendEvent } from './request-observer';
import type { TabStore } from './tab-store';

type ResourceType = WebRequest.ResourceType;
type Enums = { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } };
type Listener = (details: never) => void;
type Target = { addListener(callback: unknown, filter: unknown, extraInfoSpec?: unknown): void; removeListener(callback: unknown): void };

const ALL_URLS = ['<all_urls>'];

function addListener(spec: ListenerSpec, listener: Listener): void {
  const filter = { urls: ALL_URLS, ...(spec.types ? { types: [...spec.types] as ResourceType[] } : {}) };
  const target = browser.webRequest[spec.event] as unknown as Target;
  if (spec.extraInfoSpec) target.addListener(listener, filter, [...spec.extraInfoSpec]);
  else target.addListener(listener, filter);
}

function removeListener(spec: ListenerSpec, listener: Listener): void {
  (browser.webRequest[spec.event] as unknown as Target).removeListener(listener);
}

export interface WatcherOptions extends ObserverOptions {
  onError: (message: string, error: unknown) => void;
  /** storage.session access for detail capture's end time (Chrome). */
  loadDetailUntil: () => Promise<number>;
  saveDetailUntil: (until: number) => Promise<void>;
}

/**
 * Registers the webRequest listeners. Must run synchronously at the worker's top level so a
 * restarted worker gets the event that woke it.
 *
 * Documents and API calls (HEADER_WATCHED_TYPES), where sign-in happens: what the request sent
 * (onSendHeaders), each hop's response (onHeadersReceived: refusals, redirects, retries) and how the
 * request ended (onCompleted / onErrorOccurred: answered by the browser, or not). Every other type
 * (images, scripts, styles, fonts…) is seen once, at onCompleted, with its final status: one event
 * per request, and a refusal the browser answered by itself never shows.
 * Chrome shows Cookie, Set-Cookie and CORS preflights only to listeners that ask for 'extraHeaders'
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest), which DetailCapture adds
 * for a while after a refusal; Firefox shows everything to every listener (it has no such option).
 */
export function watchRequests(store: TabStore, options: WatcherOptions): { observer: RequestObserver; detail: DetailCapture | null } {
  const isChrome = (browser.webRequest as unknown as Enums).OnSendHeadersOptions?.EXTRA_HEADERS === 'extraHeaders';
  let detail: DetailCapture | null = null;
  const observer = new RequestObserver(store, { ...options, onRefusalSeen: () => detail?.trigger() });

  /** Handlers for onSendHeaders and onHeadersReceived from one pair of listeners. */
  const headerHandlers = (source: ListenerSource): Record<DetailEventName, Listener> => {
    if (!isChrome) {
      return {
        onSendHeaders: (details: SendEvent) => observer.onSendHeaders(details),
        onHeadersReceived: (details: ResponseEvent) => observer.onHeadersReceived(details),
      };
    }
    const cookiesVisible = DetailCapture.cookiesVisible(source);
    return {
      onSendHeaders: (details: SendEvent & { timeStamp: number }) => {
        if (detail!.accept(source, 'onSendHeaders', details.requestId, details.timeStamp)) observer.onSendHeaders(details, cookiesVisible);
      },
      onHeadersReceived: (details: ResponseEvent) => {
        if (detail!.accept(source, 'onHeadersReceived', details.requestId, details.timeStamp)) observer.onHeadersReceived(details, cookiesVisible);
      },
    };
  };

  const handlers: Record<WebRequestEvent, Listener> = {
    ...headerHandlers('plain'),
    onCompleted: (details: ResponseEvent) => observer.onCompleted(details),
    onErrorOccurred: (details: ErrorEvent) => observer.onErrorOccurred(details),
    onBeforeRequest: (details: NavigationStartEvent) => observer.onMainFrameRequest(details),
  };
  for (const spec of listenerSpecs()) addListener(spec, handlers[spec.event]);

  if (isChrome) {
    const detailHandlers = headerHandlers('detail');
    detail = new DetailCapture({
      addDetailListeners: () => {
        for (const spec of detailListenerSpecs()) addListener(spec, detailHandlers[spec.event as DetailEventName]);
      },
      removeDetailListeners: () => {
        for (const spec of detailListenerSpecs()) removeListener(spec, detailHandlers[spec.event as DetailEventName]);
      },
      loadUntil: options.loadDetailUntil,
      saveUntil: options.saveDetailUntil,
      now: Date.now,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      onError: options.onError,
    });
  }
  return { observer, detail };
}
