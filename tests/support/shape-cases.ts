/**
 * The 401 shapes the end-to-end suites open in a real browser, each with the cause the popup must
 * rank first: our own pages plus every server shape (server-shapes.ts). Chromium and Firefox run
 * the same table.
 */
import type { CauseId } from '../../src/diagnosis/types';
import { SERVER_SHAPES } from '../../dev/server-shapes';

export interface ShapeCase {
  path: string;
  expectCause: CauseId;
  /** Open the page on this host instead of 127.0.0.1 (keeps the port). */
  host?: string;
  /** The page stays at the browser's sign-in prompt: it never reports back. */
  holdsAtDialog?: boolean;
}

export const SHAPE_CASES: ShapeCase[] = [
  { path: '/basic', expectCause: 'no-credentials', holdsAtDialog: true },
  { path: '/fetch-bearer', expectCause: 'token-expired' },
  { path: '/cors-preflight', expectCause: 'cors-preflight' },
  ...SERVER_SHAPES.map((shape) => ({ path: shape.path, expectCause: shape.expectCause, host: shape.host, holdsAtDialog: shape.mainFrame !== undefined })),
];

/** The address of a case on the test site. */
export function shapeUrl({ path, host }: ShapeCase, siteOrigin: string): string {
  const url = new URL(path, siteOrigin);
  if (host) url.hostname = host;
  return url.href;
}
