/**
 * Request types whose request headers we read (Authorization scheme, cookie count): documents and
 * API calls, where sign-in happens. Chrome shows cookies and CORS preflights only to listeners that
 * ask for 'extraHeaders', which costs every matching request a hop through the browser process
 * (measured by `npm run bench`), so images, scripts, styles and fonts are left out.
 * Response headers (the challenge) are read for every type without that option.
 */
export const HEADER_WATCHED_TYPES = ['main_frame', 'sub_frame', 'xmlhttprequest'] as const;

const WATCHED: ReadonlySet<string> = new Set(HEADER_WATCHED_TYPES);

export function headersWatched(resourceType: string): boolean {
  return WATCHED.has(resourceType);
}
