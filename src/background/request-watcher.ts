import browser, { type WebRequest } from 'webextension-polyfill';
import { DetailCapture, type DetailEventName, type ListenerSource } from './detail-capture';
import { type EventRoutes, type Route, routesTo } from './event-routes';
import { detailListenerSpecs, type ListenerSpec, listenerSpecs } from './listener-spec';
import { type ObserverOptions, RequestObserver } from './request-observer';
import type { TabStore } from './tab-store';

type ResourceType = WebRequest.ResourceType;
type Enums = { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } };
type Target = { addListener(callback: unknown, filter: unknown, extraInfoSpec?: unknown): void; removeListener(callback: unknown): void };

const ALL_URLS = ['<all_urls>'];

function addListener(spec: ListenerSpec, listener: Route): void {
  const filter = { urls: ALL_URLS, ...(spec.types ? { types: [...spec.types] as ResourceType[] } : {}) };
  const target = browser.webRequest[spec.event] as unknown as Target;
  if (spec.extraInfoSpec) target.addListener(listener, filter, [...spec.extraInfoSpec]);
  else target.addListener(listener, filter);
}

function removeListener(spec: ListenerSpec, listener: Route): void {
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
  const observer = new RequestObserver(store, { ...options, answersOutOfSight: isChrome, onRefusalSeen: () => detail?.trigger() });

  /** The routes for one pair of header listeners: in Chrome, only the copy of each event DetailCapture picks is delivered. */
  const routesFor = (source: ListenerSource): EventRoutes => {
    if (!isChrome) return routesTo(observer);
    const routes = routesTo(observer, DetailCapture.cookiesVisible(source));
    const picked = (event: DetailEventName) => (details: { requestId: string; timeStamp: number }) => {
      if (detail!.accept(source, event, details.requestId, details.timeStamp)) (routes[event] as (details: unknown) => void)(details);
    };
    return { ...routes, onSendHeaders: picked('onSendHeaders'), onHeadersReceived: picked('onHeadersReceived') };
  };

  const routes = routesFor('plain');
  for (const spec of listenerSpecs()) addListener(spec, routes[spec.event]);

  if (isChrome) {
    const detailRoutes = routesFor('detail');
    detail = new DetailCapture({
      addDetailListeners: () => {
        for (const spec of detailListenerSpecs()) addListener(spec, detailRoutes[spec.event]);
      },
      removeDetailListeners: () => {
        for (const spec of detailListenerSpecs()) removeListener(spec, detailRoutes[spec.event]);
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
