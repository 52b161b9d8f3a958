/**
 * Every bound the capture layer applies to what it keeps (records, tab logs), in one place. The
 * worker's timings and in-flight bounds are in background/worker-limits.ts.
 */

/** Distinct refused requests kept per tab; past it the oldest record is dropped and counted in `TabLog.dropped`. */
export const MAX_RECORDS_PER_TAB = 100;
/** Records kept for requests that could not be tied to any tab (e.g. from a site's service worker). */
export const MAX_UNATTRIBUTED_RECORDS = 50;
/** A 401 followed within this time by a success on the same URL and method counts as recovered. */
export const RECOVERY_WINDOW_MS = 60_000;
/** Longest URL kept (after redaction). */
export const MAX_URL_CHARS = 1_000;
/**
 * Longest raw URL that is parsed at all. A hostile page can send megabyte URLs; they are cut
 * before any parsing so one event never costs more than a small, fixed amount of work.
 */
export const MAX_URL_INPUT = 4 * MAX_URL_CHARS;
/** Longest header value kept. */
export const MAX_HEADER_CHARS = 1_000;
/** Longest hint header kept (Via, X-Powered-By); Content-Type is shorter. */
export const MAX_HINT_CHARS = 200;
export const MAX_CONTENT_TYPE_CHARS = 100;
/** Longest Set-Cookie name kept (a longer one is no name a site chose, and is dropped). */
export const MAX_COOKIE_NAME_CHARS = 128;
/** Longest method and document id kept (both come from the page). */
export const MAX_METHOD_CHARS = 16;
export const MAX_DOCUMENT_ID_CHARS = 64;
/** Most challenge header lines kept per record. */
export const MAX_CHALLENGE_LINES = 8;
/** Most Set-Cookie names kept per record. */
export const MAX_COOKIE_NAMES = 20;
/**
 * A page the tab leaves keeps its refusals as "the previous page" when the newest came this shortly
 * before the tab left it (a page that sends you to its sign-in page after a 401 does so within a
 * moment), and a page that is itself left this soon passes that evidence on.
 */
export const PREVIOUS_PAGE_WINDOW_MS = 10_000;
/** Refusals kept of the previous page. */
export const MAX_PREVIOUS_RECORDS = 20;
/** Frame documents remembered per tab (to tie a frame's late refusals to their page). */
export const MAX_FRAME_DOCUMENTS = 32;
