/**
 * Request types whose request headers we read (Authorization scheme, cookie count) and whose every
 * hop's response we see: documents, API calls and WebSocket upgrades, where sign-in happens. A
 * refused WebSocket upgrade never completes (it ends in an error), so only onHeadersReceived sees
 * its 401. Chrome shows cookies and CORS preflights only to listeners that ask for 'extraHeaders',
 * which costs every matching request a hop through the browser process (measured by `npm run
 * bench`), so images, scripts, styles and fonts are left out: they are seen at onCompleted, with
 * their final status.
 */
export const HEADER_WATCHED_TYPES = ['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket'] as const;

/**
 * Request types whose request headers we read: the header-watched ones and `other`, where the
 * browser's prefetches are (their `Sec-Purpose: prefetch` makes their refusal a quiet one). Their
 * response is seen at onCompleted, as for every other type.
 */
export const SEND_WATCHED_TYPES = [...HEADER_WATCHED_TYPES, 'other'] as const;

const WATCHED: ReadonlySet<string> = new Set(HEADER_WATCHED_TYPES);
const SEND_WATCHED: ReadonlySet<string> = new Set(SEND_WATCHED_TYPES);

/** Whether what requests of this type sent is read (so "nothing was sent" can be said of them). */
export function sendWatched(resourceType: string): boolean {
  return SEND_WATCHED.has(resourceType);
}

/** Resource types of requests the page does not wait for: beacons and pings (Chrome says `ping`, Firefox `beacon`). */
export function isBeaconType(resourceType: string): boolean {
  return resourceType === 'ping' || resourceType === 'beacon';
}

export function headersWatched(resourceType: string): boolean {
  return WATCHED.has(resourceType);
}
