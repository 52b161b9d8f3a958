/**
 * Why the browser did not send a cookie of its jar with a request: the cookie rules of RFC 6265bis
 * and of the browsers (SameSite, Secure, Path, Domain, partitions, blocked third-party cookies),
 * read from the cookie's attributes (never its value) and the request's address, initiator and
 * type. Pure, for the diagnosis of a refusal that carried no sign-in cookie the jar has.
 */
import type { JarCookie } from '../capture/cookie-jar';
import { isLoopbackHost } from '../capture/redact-url';
import { hostReceives, siteOfHost } from '../capture/site';

/**
 * - `domain`: the cookie belongs to another host of the site (host-only, or a sibling's domain).
 * - `path`: the request's path is outside the cookie's Path.
 * - `secure`: a Secure cookie, and the request goes over plain http (loopback addresses excepted).
 * - `same-site-strict`: SameSite=Strict, and the request comes from another site.
 * - `same-site-lax`: SameSite=Lax (or none given, which Chrome reads as Lax; Firefox as None), and the request comes
 *   from another site other than as a top-level GET navigation.
 * - `partitioned`: the cookie was set inside another top-level site (CHIPS, Total Cookie Protection).
 * - `third-party`: a cookie the request would carry as a first party, but the page around it is
 *   another site: the browser blocks or partitions third-party cookies (Chrome's setting, Firefox's
 *   Total Cookie Protection, private windows).
 */
export type WithheldReason = 'domain' | 'path' | 'secure' | 'same-site-strict' | 'same-site-lax' | 'partitioned' | 'third-party';

/** The request, as a refusal record knows it. */
export interface CookieRequest {
  url: string;
  method: string;
  /** webRequest resource type: main_frame, sub_frame, xmlhttprequest … */
  resourceType: string;
  /** Origin of the document that made it (for a frame's navigation, the page holding the frame). */
  initiator: string | null;
  /** Origin of the tab's top-level page (the request's own for a page). */
  topOrigin: string | null;
  /** Whether the browser reads a cookie without SameSite as Lax (Chrome) rather than None (Firefox). */
  unspecifiedIsLax: boolean;
}

function parse(url: string | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** RFC 6265 §5.1.4 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** The site of an origin, with its scheme (browsers compare sites schemefully). */
function schemefulSite(url: URL): string {
  return `${url.protocol}//${siteOfHost(url.hostname)}`;
}

/** Whether the request leaves its own site: from a page of another site, or from another site's document. */
function crossSite(request: CookieRequest, target: URL): { fromTop: boolean; fromInitiator: boolean } {
  const site = schemefulSite(target);
  const top = parse(request.resourceType === 'main_frame' ? request.url : request.topOrigin);
  const initiator = parse(request.initiator);
  return { fromTop: top !== null && schemefulSite(top) !== site, fromInitiator: initiator !== null && schemefulSite(initiator) !== site };
}

/** The reason the browser withheld `cookie` from `request`, or null when nothing in these rules withholds it. */
export function withheldReason(cookie: JarCookie, request: CookieRequest): WithheldReason | null {
  const target = parse(request.url);
  if (!target) return null;
  if (!hostReceives(target.hostname, cookie)) return 'domain';
  if (!pathMatches(target.pathname || '/', cookie.path)) return 'path';
  if (cookie.secure && target.protocol === 'http:' && !isLoopbackHost(target.hostname)) return 'secure';
  const cross = crossSite(request, target);
  const isCross = cross.fromTop || cross.fromInitiator;
  if (isCross && cookie.sameSite === 'strict') return 'same-site-strict';
  const topLevelSafe = request.resourceType === 'main_frame' && /^(GET|HEAD)$/i.test(request.method);
  const lax = cookie.sameSite === 'lax' || (cookie.sameSite === 'unspecified' && request.unspecifiedIsLax);
  if (isCross && lax && !topLevelSafe) return 'same-site-lax';
  const topSite = request.topOrigin ? parse(request.topOrigin) : null;
  if (cookie.partitionSite !== null) {
    const top = request.resourceType === 'main_frame' ? target : topSite;
    return top && siteOfHost(top.hostname) !== cookie.partitionSite ? 'partitioned' : null;
  }
  if (cross.fromTop && request.resourceType !== 'main_frame') return 'third-party';
  return null;
}
