import { HEADER_WATCHED_TYPES, SEND_WATCHED_TYPES } from '../capture/watched-types';

/**
 * Every webRequest listener the worker registers, as data: request-watcher.ts registers these, and
 * `npm run bench` registers the very same ones with empty bodies, to tell the cost of listening
 * (paid by the browser for each matching request) from the cost of our own work.
 */
export type WebRequestEvent = 'onBeforeRequest' | 'onSendHeaders' | 'onHeadersReceived' | 'onCompleted' | 'onErrorOccurred' | 'onAuthRequired';

export interface ListenerSpec {
  event: WebRequestEvent;
  /** Resource types; all types when absent. */
  types?: readonly string[];
  extraInfoSpec?: readonly string[];
}

/** The listeners registered at the worker's top level, always. None asks for Chrome's `extraHeaders` (see detail-capture.ts). */
export function listenerSpecs(): ListenerSpec[] {
  return [
    { event: 'onSendHeaders', types: SEND_WATCHED_TYPES, extraInfoSpec: ['requestHeaders'] },
    { event: 'onHeadersReceived', types: HEADER_WATCHED_TYPES, extraInfoSpec: ['responseHeaders'] },
    { event: 'onCompleted', extraInfoSpec: ['responseHeaders'] },
    // Firefox rejects an empty options list: no third argument at all when there are no options.
    { event: 'onErrorOccurred', types: HEADER_WATCHED_TYPES },
    { event: 'onBeforeRequest', types: ['main_frame'] },
    // Only observed (no blocking, so no extra permission): fires only when a challenge needs credentials.
    { event: 'onAuthRequired', types: HEADER_WATCHED_TYPES },
  ];
}

/** Chrome's detail listeners, added for a while after a refusal: the same two with `extraHeaders` (cookies, CORS preflights). */
export function detailListenerSpecs(): ListenerSpec[] {
  return [
    { event: 'onSendHeaders', types: SEND_WATCHED_TYPES, extraInfoSpec: ['requestHeaders', 'extraHeaders'] },
    { event: 'onHeadersReceived', types: HEADER_WATCHED_TYPES, extraInfoSpec: ['responseHeaders', 'extraHeaders'] },
  ];
}
