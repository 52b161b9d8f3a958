import type { ResponseEvent } from '../capture/build-refusal-record';
import type { ListenerSpec, WebRequestEvent } from './listener-spec';
import type { AuthRequiredEvent, CompletionEvent, ErrorEvent, NavigationStartEvent, RequestObserver, SendEvent } from './request-observer';

/** What one webRequest event does with its details. */
export type Route = (details: never) => void;
export type EventRoutes = Record<WebRequestEvent, Route>;

/**
 * Where each webRequest event the worker listens to goes, keyed by listener-spec.ts's event names:
 * the worker's listeners (request-watcher.ts) and the replay of recorded browser sequences
 * (tests/support/replay.ts) both deliver through these routes, so an event added to the specs
 * without a route fails to type-check, and a test checks every spec has one.
 * `cookiesVisible` is false for Chrome's listeners without `extraHeaders` (see detail-capture.ts).
 */
export function routesTo(observer: RequestObserver, cookiesVisible = true): EventRoutes {
  return {
    onBeforeRequest: (details: NavigationStartEvent) => observer.onMainFrameRequest(details),
    onSendHeaders: (details: SendEvent) => observer.onSendHeaders(details, cookiesVisible),
    onHeadersReceived: (details: ResponseEvent) => observer.onHeadersReceived(details, cookiesVisible),
    onCompleted: (details: CompletionEvent) => observer.onCompleted(details),
    onErrorOccurred: (details: ErrorEvent) => observer.onErrorOccurred(details),
    onAuthRequired: (details: AuthRequiredEvent) => observer.onAuthRequired(details),
  };
}

/** Whether a listener registered from `spec` receives an event of this resource type (its filter's `types`). */
export function specReceives(spec: ListenerSpec, resourceType: string | undefined): boolean {
  return spec.types === undefined || (resourceType !== undefined && spec.types.includes(resourceType));
}
