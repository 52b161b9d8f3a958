/** What the cookie causes read from a record's jar facts (capture/cookie-jar.ts): one reading for all three. */
import type { JarCookie } from '../capture/cookie-jar';
import { type CookieRequest, withheldReason, type WithheldReason } from './cookie-withheld-reason';
import type { RecordView } from './record-view';

/** The top-level page the request was made in: as the jar saw it when it was refused, else the tab's page. */
export function topOf(view: RecordView): string | null {
  return view.record.jar?.topOrigin ?? view.context.pageUrl;
}

export function cookieRequestOf(view: RecordView): CookieRequest {
  const { record } = view;
  return {
    url: record.url,
    method: record.method,
    resourceType: record.resourceType,
    initiator: record.initiator,
    topOrigin: topOf(view),
    unspecifiedIsLax: record.jar?.unspecifiedIsLax ?? true,
  };
}

/** Each sign-in cookie the jar holds for the request's site, with the reason the browser's rules kept it off (null: they did not). */
export function signInCookieReasons(view: RecordView): Array<{ cookie: JarCookie; reason: WithheldReason | null }> {
  const request = cookieRequestOf(view);
  return (view.record.jar?.signIn ?? []).map((cookie) => ({ cookie, reason: withheldReason(cookie, request) }));
}
