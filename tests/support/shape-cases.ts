/**
 * The 401 shapes the end-to-end suites open in a real browser, each with the cause the popup must
 * rank first and the first fix it shows: our own pages plus every server shape (server-shapes.ts).
 * Chromium and Firefox run the same table, each shape with the site's cookie jar empty and with
 * unrelated cookies in it (Chromium also with detail capture off and on).
 */
import type { CauseId, FixId } from '../../src/diagnosis/types';
import { SERVER_SHAPES, type WithoutDetail } from '../../dev/server-shapes';

export interface ShapeCase {
  path: string;
  expectCause: CauseId;
  expectFix: FixId;
  /** Open the page on this host instead of 127.0.0.1 (keeps the port). */
  host?: string;
  /** The page stays at the browser's sign-in prompt: it never reports back. */
  holdsAtDialog?: boolean;
  /** Chromium with detail capture off, when it reads otherwise (server-shapes.ts). */
  withoutDetail?: WithoutDetail;
}

export const SHAPE_CASES: ShapeCase[] = [
  { path: '/basic', expectCause: 'no-credentials', expectFix: 'sign-in-again', holdsAtDialog: true },
  { path: '/fetch-bearer', expectCause: 'token-expired', expectFix: 'reload' },
  {
    path: '/cors-preflight',
    expectCause: 'cors-preflight',
    expectFix: 'copy-report',
    // The failed call turns detail capture on: after a reload the refused preflight is seen.
    withoutDetail: { notSeen: 'Chrome shows CORS preflights only to extraHeaders listeners' },
  },
  ...SERVER_SHAPES.map(({ path, expectCause, expectFix, host, mainFrame, withoutDetail }) => ({ path, expectCause, expectFix, host, holdsAtDialog: mainFrame !== undefined, withoutDetail })),
];

/** The address of a case on the test site. */
export function shapeUrl({ path, host }: ShapeCase, siteOrigin: string): string {
  const url = new URL(path, siteOrigin);
  if (host) url.hostname = host;
  return url.href;
}

/** What the site's cookie jar holds when the shape opens: nothing, or cookies that have nothing to do with signing in. */
export type CookieJar = 'empty' | 'unrelated cookies';
export const COOKIE_JARS: CookieJar[] = ['empty', 'unrelated cookies'];

/** The pages to visit, in order, to leave the shape's host with that jar (the test server clears and sets cookies). */
export function cookieJarPages(shape: ShapeCase, siteOrigin: string, jar: CookieJar): string[] {
  const on = (path: string) => shapeUrl({ ...shape, path }, siteOrigin);
  return [on('/clear-cookies'), ...(jar === 'unrelated cookies' ? [on('/set-cookie?name=theme'), on('/set-cookie?name=_ga')] : [])];
}
