import { isLoopbackHost } from '../../capture/redact-url';
import { sentAuthorization } from '../../capture/sent-credentials';
import { hostOf, quote, schemeLabel, siteOf } from '../evidence-text';
import type { Finding, RecordView } from '../types';

/** A proxy between this browser and the site wants its own sign-in (407). */
export function proxyAuth(view: RecordView): Finding[] {
  if (view.record.status !== 407) return [];
  const offered = view.challenges.map((c) => c.scheme).join(', ');
  return [
    {
      cause: 'proxy-auth',
      score: 96,
      evidence: [offered ? view.context.t('ev_proxy_asks', [offered]) : view.context.t('ev_proxy'), ...(view.challenges[0]?.params.realm ? [view.context.t('ev_proxy_realm', [quote(view.challenges[0].params.realm)])] : [])],
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
        view.context.t('ev_preflight', [quote(view.record.url), view.record.status]),
        view.context.t('ev_preflight_rule'),
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
  const evidence = [view.context.t('ev_third_party', [quote(hostOf(record.initiator) ?? ''), quote(hostOf(record.url) ?? '')])];
  const noCookies = record.sent.observed && !record.sent.cookies && !sentAuthorization(record.sent);
  if (noCookies) evidence.push(view.context.t('ev_third_party_cookies'));
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
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return [];
  const evidence = [view.context.t('ev_plain_http', [quote(record.url)])];
  let score = 50;
  if (view.schemes.has('basic')) {
    evidence.push(view.context.t('ev_basic_over_http'));
    score = 70;
  }
  if (record.sent.observed && !record.sent.cookies) {
    evidence.push(view.context.t('ev_secure_cookies'));
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
  const evidence = [rest ? view.context.t('ev_wp_rest', [quote(record.url)]) : view.context.t('ev_wp_site')];
  let score = 58;
  if (rest && record.sent.cookies && !record.sent.notableHeaders.includes('x-wp-nonce')) {
    evidence.push(view.context.t('ev_wp_nonce'));
    score = 86;
  } else if (rest && record.sent.authorizationScheme?.toLowerCase() === 'basic') {
    evidence.push(view.context.t('ev_wp_app_password'));
    score = 74;
  } else if (rest && record.sent.observed && !sentAuthorization(record.sent) && !record.sent.cookies) {
    evidence.push(view.context.t('ev_wp_anonymous'));
    score = 72;
  }
  return [{ cause: 'wordpress', score, evidence }];
}

/** A 401 without any WWW-Authenticate header: not allowed by HTTP, typical of API gateways and frameworks. */
export function noChallenge(view: RecordView): Finding[] {
  const { record } = view;
  if (record.status !== 401 || record.challenges.length > 0) return [];
  const evidence = [view.context.t('ev_no_challenge')];
  if (record.hints.platform) evidence.push(view.context.t('ev_platform', [record.hints.platform]));
  if (record.hints.contentType) evidence.push(view.context.t('ev_content_type', [quote(record.hints.contentType)]));
  return [{ cause: 'no-challenge', score: 60, evidence }];
}

/** A proxy or gateway between may drop the Authorization header on the way. */
export function proxyStripsAuth(view: RecordView): Finding[] {
  const { record, bearer } = view;
  if (record.status !== 401 || !sentAuthorization(record.sent)) return [];
  const saysMissing = bearer !== null && !bearer.error && record.sent.authorizationScheme?.toLowerCase() === 'bearer';
  if (!record.hints.via && !saysMissing) return [];
  const evidence = [view.context.t(saysMissing ? 'ev_auth_left_unseen' : 'ev_auth_left', [schemeLabel(record.sent, view.context.t)])];
  if (record.hints.via) evidence.push(view.context.t('ev_via', [quote(record.hints.via)]));
  return [{ cause: 'proxy-strips-auth', score: record.hints.via ? 50 : 38, evidence }];
}

/** One endpoint refused while the page itself loaded with the same session: that endpoint's rules differ. */
export function endpointPermissions(view: RecordView): Finding[] {
  const { record, siblings, context } = view;
  if (record.resourceType === 'main_frame' || record.preflight) return [];
  if (siblings.some((r) => r.resourceType === 'main_frame')) return [];
  const sameSite = siteOf(record.url) !== null && siteOf(record.url) === siteOf(context.pageUrl);
  const credentialed = record.sent.cookies || sentAuthorization(record.sent);
  if (!sameSite || !credentialed) return [];
  return [
    {
      cause: 'endpoint-permissions',
      score: 55,
      evidence: [view.context.t('ev_endpoint', [quote(record.url)])],
    },
  ];
}

/**
 * The request was redirected to another origin and the browser dropped its Authorization header
 * on the way (the fetch standard since whatwg/fetch#1544: Chrome 119, Firefox 111): the next hop
 * arrived without credentials and was refused.
 */
export function authDroppedOnRedirect(view: RecordView): Finding[] {
  const { record } = view;
  const redirect = record.redirect;
  if (!redirect?.sentAuthorization || sentAuthorization(record.sent) || record.status !== 401) return [];
  const { t } = view.context;
  const to = hostOf(record.url) ?? record.url;
  return [
    {
      cause: 'auth-dropped-on-redirect',
      score: 94,
      evidence: [t('ev_redirect_dropped', [redirect.authorizationScheme ?? t('auth_scheme_none'), quote(redirect.from), quote(to)]), t('ev_redirect_rule')],
    },
  ];
}
