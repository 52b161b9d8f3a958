/** Every bound the capture layer applies, in one place. */

/** Distinct refused requests kept per tab; past it the oldest record is dropped and counted in `TabLog.dropped`. */
export const MAX_RECORDS_PER_TAB = 100;
/** Records kept for requests that could not be tied to any tab (e.g. from a site's service worker). */
export const MAX_UNATTRIBUTED_RECORDS = 50;
/** A 401 followed within this time by a success on the same URL and method counts as recovered. */
export const RECOVERY_WINDOW_MS = 60_000;
/** Longest URL kept (after redaction). */
export const MAX_URL_CHARS = 1_000;
/** Longest header value kept. */
export const MAX_HEADER_CHARS = 1_000;
/** Most challenge header lines kept per record. */
export const MAX_CHALLENGE_LINES = 8;
/** Most Set-Cookie names kept per record. */
export const MAX_COOKIE_NAMES = 20;
/** Requests whose sent-credential facts are held between send and response (bounded against leaks). */
export const MAX_PENDING_REQUESTS = 2_000;
/** Delay before a tab's new state is published (badge, storage, page marker): lets a quick retry recover first and coalesces floods. */
export const PUBLISH_DELAY_MS = 400;
/**
 * A page the tab leaves keeps its refusals as "the previous page" when the newest came this shortly
 * before the tab left it (a page that sends you to its sign-in page after a 401 does so within a
 * moment), and a page that is itself left this soon passes that evidence on.
 */
export const PREVIOUS_PAGE_WINDOW_MS = 10_000;
/** Refusals kept of the previous page. */
export const MAX_PREVIOUS_RECORDS = 20;
/**
 * How long a refusal the browser may still answer by itself (its request has not completed: a
 * sign-in dialog, a Digest/NTLM/Negotiate handshake, a proxy sign-in) is held before it is shown.
 * A handshake the browser finishes within it never shows; a dialog left open shows after it.
 */
export const HANDSHAKE_GRACE_MS = 3_000;
/** Redirects remembered per request in flight (to see an Authorization header dropped across origins). */
export const MAX_PENDING_REDIRECTS = 500;
/**
 * What the extension lets itself keep in storage.session, all tabs together. Chrome's quota is
 * 10 MB (QUOTA_BYTES); past this budget the oldest tabs' records lose their details (counts stay),
 * so a new refusal always fits and the badge and the popup always read the same stored state.
 */
export const SESSION_BUDGET_BYTES = 8 * 1024 * 1024;
