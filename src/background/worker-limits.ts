/**
 * The worker's timings and the bounds on what it holds in memory while requests are in flight
 * (the bounds on what a record and a tab log keep are the capture layer's: capture/limits.ts).
 */

/** Delay before a tab's new state is published (badge, storage, page marker): lets a quick retry recover first and coalesces floods. */
export const PUBLISH_DELAY_MS = 400;
/**
 * A tab that keeps changing within this time after each publish (more than once in a row) waits
 * twice as long for its next publish each time, up to MAX_PUBLISH_DELAY_MS: a flooding tab is
 * written a few times, not 2.5 times a second, and never ahead of another tab (see TabPublisher).
 */
export const PUBLISH_BACKOFF_WINDOW_MS = 1_000;
export const MAX_PUBLISH_DELAY_MS = 3_200;
/** A write storage refused is tried again after this long. */
export const STORAGE_RETRY_MS = 5_000;
/**
 * How long a refusal the browser may still answer by itself (its request has not completed: a
 * sign-in dialog, a Digest/NTLM/Negotiate handshake, a proxy sign-in) is held before it is shown.
 * A handshake the browser finishes within it never shows; a dialog left open shows after it.
 */
export const HANDSHAKE_GRACE_MS = 3_000;
/**
 * What the extension lets itself keep in storage.session, all tabs together. Chrome's quota is
 * 10 MB (QUOTA_BYTES); past this budget the oldest tabs' records lose their details (counts stay),
 * so a new refusal always fits and the badge and the popup always read the same stored state.
 */
export const SESSION_BUDGET_BYTES = 8 * 1024 * 1024;

/** Requests whose sent-credential facts are held between send and response (bounded against leaks). */
export const MAX_PENDING_REQUESTS = 2_000;
/** Redirects remembered per request in flight (to see an Authorization header dropped across origins). */
export const MAX_PENDING_REDIRECTS = 500;
/** Ends of requests remembered for a refusal delivered after them (a few ms apart at most). */
export const MAX_ENDED_REMEMBERED = 256;
/**
 * For this long after the worker starts, which requests' onSendHeaders it saw is noted: a browser
 * starting (tabs restored) delivers no event to listeners not registered yet, so a refusal whose
 * request was sent before then must not read as "nothing was sent".
 */
export const START_WINDOW_MS = 10_000;
/**
 * A restored page's timing report is taken this long after it arrives: a refusal the listeners did see
 * after all is held until its request ends (HANDSHAKE_GRACE_MS at most) and must be in the log by then,
 * so the report does not count it twice.
 */
export const TIMING_REPORT_DELAY_MS = 5_000;
/**
 * A top-level navigation whose request ended refused or failed, and that has not committed this long
 * after, ended without a page (a download; Firefox does not always report that with an error): its
 * refusal is no longer the tab's.
 */
export const NAVIGATION_END_GRACE_MS = 2_000;
/** Requests noted as seen sending during that window. */
export const MAX_SEEN_SENDING = 2_000;
/** Closed tabs remembered, so late events for them are dropped instead of reviving their state. */
export const MAX_CLOSED_TABS_REMEMBERED = 1_000;
