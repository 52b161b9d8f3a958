import { hostOf, quote, siteOf } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const LOCAL_HOSTS = /^(localhost|127(?:\.\d+){3}|\[::1\])$/;

/** A proxy between this browser and the site wants its own sign-in (407). */
export function proxyAuth(view: RecordView): Finding[] {
  if (view.record.status !== 407) return [];
  const offered = view.challenges.map((c) => c.scheme).join(', ');
  return [
    {
      cause: 'proxy-auth',
      score: 96,
      evidence: [`Status 407: a proxy refused the request${offered ? ` and asks for ${offered}` : ''}.`, ...(view.challenges[0]?.params.realm ? [`Proxy realm: ${quote(view.challenges[0].params.realm)}.`] : [])],
    },
  ];
}

/** The browser's CORS preflight (OPTIONS) was refused: servers must answer it without credentials. */
export function corsPreflight(view: RecordView): Finding[] {
  if (!view.record.preflight) return [];
  return [
    {
      cause: 'cors-preflight',
      score: 95,
      evidence: [
        `The browser's CORS preflight (OPTIONS ${quote(view.record.url)}) got ${view.record.status}.`,
        'Browsers never send credentials on a preflight, so a server that demands them there refuses every cross-site call.',
      ],
    },
  ];
}

/** A request to another site than the one that made it. */
export function thirdParty(view: RecordView): Finding[] {
  const { record } = view;
  if (record.preflight || record.resourceType === 'main_frame') return [];
  const requestSite = siteOf(record.url);
  const initiatorSite = siteOf(record.initiator);
  if (!requestSite || !initiatorSite || requestSite === initiatorSite) return [];
  const evidence = [`${quote(hostOf(record.initiator) ?? '')} asked ${quote(hostOf(record.url) ?? '')}: a third-party request.`];
  const noCookies = record.sent.observed && !record.sent.cookies && !record.sent.authorizationScheme;
  if (noCookies) evidence.push('It carried no cookies: the browser may be blocking third-party cookies, so a sign-in on that site does not count here.');
  return [{ cause: 'third-party', score: noCookies ? 78 : 52, evidence }];
}

/** Plain http: passwords travel readable, and Secure cookies are not sent at all. */
export function insecureHttp(view: RecordView): Finding[] {
  const { record } = view;
  let url: URL;
  try {
    url = new URL(record.url);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' || LOCAL_HOSTS.test(url.hostname)) return [];
  const evidence = [`The request used plain http: ${quote(record.url)}.`];
  let score = 50;
  if (view.schemes.has('basic')) {
    evidence.push('Basic sign-in over http sends the password readable by anyone on the network.');
    score = 70;
  }
  if (record.sent.observed && !record.sent.cookies) {
    evidence.push('No cookies were sent: cookies marked Secure are only sent over https, so a session made on https is invisible here.');
    score = Math.max(score, 76);
  }
  return [{ cause: 'insecure-http', score, evidence }];
}

/** WordPress: REST cookie auth needs a nonce; Application Passwords need the Authorization header to reach PHP. */
export function wordpress(view: RecordView): Finding[] {
  const { record } = view;
  const path = record.url.toLowerCase();
  const rest = path.includes('/wp-json/') || path.includes('rest_route=');
  const isWordPress = rest || path.includes('/wp-admin/') || path.includes('/wp-login.php') || record.hints.wordpress;
  if (!isWordPress) return [];
  const evidence = [rest ? `A WordPress REST API call: ${quote(record.url)}.` : 'The site runs WordPress.'];
  let score = 58;
  if (rest && record.sent.cookies && !record.sent.notableHeaders.includes('x-wp-nonce')) {
    evidence.push('Cookies were sent without an X-WP-Nonce header: WordPress then treats the call as logged out (rest_not_logged_in).');
    score = 86;
  } else if (rest && record.sent.authorizationScheme?.toLowerCase() === 'basic') {
    evidence.push('Basic credentials were sent (an Application Password?): check the user and password, and that the server passes the Authorization header on to PHP.');
    score = 74;
  } else if (rest && record.sent.observed && !record.sent.authorizationScheme && !record.sent.cookies) {
    evidence.push('Nothing identified the user: this endpoint is not public (a security plugin or REST restriction may require sign-in).');
    score = 72;
  }
  return [{ cause: 'wordpress', score, evidence }];
}

/** A 401 without any WWW-Authenticate header: not allowed by HTTP, typical of API gateways and frameworks. */
export function noChallenge(view: RecordView): Finding[] {
  const { record } = view;
  if (record.status !== 401 || record.challenges.length > 0) return [];
  const evidence = ['The 401 came without a WWW-Authenticate header, so it does not say how to sign in (HTTP requires one).'];
  if (record.hints.platform) evidence.push(`It passed through ${record.hints.platform}, whose gateway or access rules may have answered instead of the site.`);
  if (record.hints.contentType) evidence.push(`The answer was ${quote(record.hints.contentType)}.`);
  return [{ cause: 'no-challenge', score: 60, evidence }];
}

/** A proxy or gateway between may drop the Authorization header on the way. */
export function proxyStripsAuth(view: RecordView): Finding[] {
  const { record, bearer } = view;
  if (record.status !== 401 || !record.sent.authorizationScheme) return [];
  const saysMissing = bearer !== null && !bearer.error && record.sent.authorizationScheme.toLowerCase() === 'bearer';
  if (!record.hints.via && !saysMissing) return [];
  const evidence = [`An Authorization header (${record.sent.authorizationScheme}) left the browser${saysMissing ? ', yet the server answered as if no token had arrived (no error code)' : ''}.`];
  if (record.hints.via) evidence.push(`The answer passed through a proxy (Via: ${quote(record.hints.via)}).`);
  return [{ cause: 'proxy-strips-auth', score: record.hints.via ? 50 : 38, evidence }];
}

/** One endpoint refused while the page itself loaded with the same session: that endpoint's rules differ. */
export function endpointPermissions(view: RecordView): Finding[] {
  const { record, siblings, context } = view;
  if (record.resourceType === 'main_frame' || record.preflight) return [];
  if (siblings.some((r) => r.resourceType === 'main_frame')) return [];
  const sameSite = siteOf(record.url) !== null && siteOf(record.url) === siteOf(context.pageUrl);
  const credentialed = record.sent.cookies || record.sent.authorizationScheme !== null;
  if (!sameSite || !credentialed) return [];
  return [
    {
      cause: 'endpoint-permissions',
      score: 55,
      evidence: [`The page loaded, but ${quote(record.url)} refused the same visitor: this endpoint has its own sign-in rules.`],
    },
  ];
}
