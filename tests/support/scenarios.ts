/**
 * One scenario per way a refusal happens: the record a real response would give, and the cause the
 * diagnosis must rank first. Shared by the diagnosis tests and the causes registry test (every
 * cause must be named by at least one scenario, first or as a supporting cause).
 */
import { buildRefusalRecord, type ResponseEvent } from '../../src/capture/build-refusal-record';
import { restoredRefusal, type TimingEntry } from '../../src/capture/restored-refusal';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import type { CookieJarFacts, JarCookie } from '../../src/capture/cookie-jar';
import type { HttpHeader, RedirectFacts, RefusalRecord } from '../../src/capture/types';
import type { CauseId } from '../../src/diagnosis/types';
import { makeJwt } from './jwt';
import { responseEvent } from './records';

export const NOW = Date.parse('2026-11-25T10:00:00Z');
const HTTP_DATE = new Date(NOW).toUTCString();

export interface Scenario {
  name: string;
  event?: Partial<ResponseEvent>;
  /** WWW-Authenticate / Proxy-Authenticate values; other response headers in `headers`. */
  challenge?: string[];
  headers?: HttpHeader[];
  sent?: HttpHeader[];
  expectTop: CauseId;
  evidence?: string;
  pageUrl?: string;
  repeat?: number;
  redirect?: RedirectFacts;
  /** Found after the fact in a restored page's timing data (status and URL only). */
  timingEntry?: TimingEntry;
  /** What the cookie jar held (the cookie watch, with the person's consent). */
  jar?: CookieJarFacts;
  /** Chrome did not show the Cookie header (detail capture off). */
  cookiesHidden?: true;
}

export function recordFor(s: Scenario): RefusalRecord {
  if (s.timingEntry) return restoredRefusal(s.timingEntry, { tabId: 7, url: s.pageUrl ?? 'https://app.example/', documentId: 'doc-1' }, 0, NOW)!;
  const status = s.event?.statusCode ?? 401;
  const challengeName = status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
  const headers: HttpHeader[] = [
    ...(s.challenge ?? []).map((value) => ({ name: challengeName, value })),
    { name: 'Date', value: HTTP_DATE },
    ...(s.headers ?? []),
  ];
  const record = buildRefusalRecord(responseEvent({ timeStamp: NOW, responseHeaders: headers, ...s.event }), readRequestFacts(s.sent ?? []), 'r1');
  record.count = s.repeat ?? 1;
  if (s.repeat) record.lastSeen = record.firstSeen + 40_000;
  if (s.redirect) record.redirect = s.redirect;
  if (s.jar) record.jar = s.jar;
  if (s.cookiesHidden) record.sent = { ...record.sent, cookiesHidden: true };
  return record;
}

export const bearer = (token: string) => ({ name: 'Authorization', value: `Bearer ${token}` });

/** A sign-in cookie as the jar holds it: host-only, the whole site, unpartitioned, SameSite=None; Secure unless changed. */
export function jarCookie(change: Partial<JarCookie> = {}): JarCookie {
  return { name: 'sid', domain: 'app.example', hostOnly: true, path: '/', secure: true, sameSite: 'no_restriction', partitionSite: null, expires: null, ...change };
}

/** The jar as the cookie watch reads it for a refusal. */
export function jarFacts(change: Partial<CookieJarFacts> = {}): CookieJarFacts {
  return { topOrigin: 'https://app.example', signIn: [], others: 0, departures: [], unspecifiedIsLax: true, ...change };
}

export const SCENARIOS: Scenario[] = [
  // Restored as the browser started, before the extension was watching: status and URL from the page's timing data.
  { name: 'refused while the browser restored the tab', timingEntry: { url: 'https://app.example/api/me', status: 401, kind: 'fetch' }, expectTop: 'seen-after-start', evidence: 'timing data' },
  { name: 'nothing sent to a Bearer API', challenge: ['Bearer realm="api"'], expectTop: 'no-credentials', evidence: 'no Authorization header and no cookies' },
  { name: 'Basic credentials refused', event: { type: 'main_frame' }, challenge: ['Basic realm="Members"'], sent: [{ name: 'Authorization', value: 'Basic YTpi' }], expectTop: 'credentials-rejected', evidence: 'user name or password' },
  { name: 'nothing seen on a Basic page: the browser may have added saved credentials', event: { type: 'main_frame' }, challenge: ['Basic realm="Members"'], expectTop: 'no-credentials', evidence: 'which extensions cannot see' },
  { name: 'a raw key without a scheme', challenge: ['Bearer realm="api"'], sent: [{ name: 'Authorization', value: 'sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4' }], expectTop: 'wrong-scheme', evidence: 'without a scheme' },
  { name: 'wrong scheme sent', challenge: ['Bearer realm="api"'], sent: [{ name: 'Authorization', value: 'Token abc' }], expectTop: 'wrong-scheme', evidence: '"Token"' },
  { name: 'expired JWT by the server clock', challenge: ['Bearer realm="api", error="invalid_token"'], sent: [bearer(makeJwt({ exp: NOW / 1000 - 3 * 3600 }))], expectTop: 'token-expired', evidence: 'expired 3 hours ago' },
  { name: 'expiry stated in error_description', challenge: ['Bearer error="invalid_token", error_description="The access token expired"'], sent: [bearer('opaque-token-value')], expectTop: 'token-expired', evidence: 'The access token expired' },
  { name: 'token not valid yet', challenge: ['Bearer realm="api"'], sent: [bearer(makeJwt({ nbf: NOW / 1000 + 7200, exp: NOW / 1000 + 9000 }))], expectTop: 'token-not-yet-valid', evidence: 'not valid for another 2 hours' },
  {
    name: 'clock skew flips token validity',
    challenge: ['Bearer error="invalid_token"'],
    // The server's clock is 2 h ahead: by it the token expired 1 h ago; by ours it is still valid.
    headers: [{ name: 'Date', value: new Date(NOW + 2 * 3600_000).toUTCString() }],
    sent: [bearer(makeJwt({ exp: NOW / 1000 + 3600 }))],
    expectTop: 'clock-skew',
    evidence: 'behind the server',
  },
  {
    name: 'token made for another API',
    event: { url: 'https://api.example/v1/orders' },
    challenge: ['Bearer realm="api", error="invalid_token"'],
    sent: [bearer(makeJwt({ aud: 'billing.example', exp: NOW / 1000 + 3600 }))],
    expectTop: 'token-wrong-audience',
    evidence: 'made for "billing.example" (its aud claim), but this request went to "api.example"',
  },
  // The server's words name the reason: it leads, quoted, and the token's own claim confirms it.
  {
    name: 'the server says the audience is wrong',
    event: { url: 'https://api.example/v1/orders' },
    challenge: [`Bearer error="invalid_token", error_description="The audience 'api://other-app' is invalid"`],
    sent: [bearer(makeJwt({ aud: 'api://other-app', exp: NOW / 1000 + 3600 }))],
    expectTop: 'token-wrong-audience',
    evidence: `"The audience 'api://other-app' is invalid"`,
  },
  // An audience written as a URL is an identifier, not the API's host: without the server's word the refusal leads.
  {
    name: 'a URL audience that is not this host, refused without a reason',
    event: { url: 'https://api.example/v1/orders' },
    challenge: ['Bearer realm="api", error="invalid_token"'],
    sent: [bearer(makeJwt({ aud: 'https://reports.example/', exp: NOW / 1000 + 3600 }))],
    expectTop: 'credentials-rejected',
    evidence: 'The token was refused',
  },
  { name: 'the server says the issuer is not trusted', challenge: ['Bearer error="invalid_token", error_description="The issuer is invalid"'], sent: [bearer('opaque')], expectTop: 'credentials-rejected', evidence: 'issuer it does not trust' },
  { name: 'the server says the signature is invalid', challenge: ['Bearer error="invalid_token", error_description="IDX10503: Signature validation failed."'], sent: [bearer('opaque')], expectTop: 'credentials-rejected', evidence: 'signature could not be verified' },
  { name: 'the server says the token is not valid yet', challenge: ['Bearer error="invalid_token", error_description="The token is not valid before 2026-11-25T12:00:00Z"'], sent: [bearer('opaque')], expectTop: 'token-not-yet-valid', evidence: 'not valid before' },
  { name: 'the server says the clocks differ', challenge: ['Bearer error="invalid_token", error_description="Token rejected: clock skew too large"'], sent: [bearer('opaque')], expectTop: 'clock-skew', evidence: 'clock skew' },
  { name: 'the server says the user is not assigned to the app', challenge: ['Bearer error="invalid_token", error_description="AADSTS50105: The signed in user is not assigned to a role for the application"'], sent: [bearer('opaque')], expectTop: 'credentials-rejected', evidence: 'administrator' },
  { name: 'insufficient scope', challenge: ['Bearer realm="api", error="insufficient_scope", scope="orders:write"'], sent: [bearer('t')], expectTop: 'insufficient-scope', evidence: '"orders:write"' },
  { name: 'step-up (RFC 9470)', challenge: ['Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"'], sent: [bearer('t')], expectTop: 'step-up-required', evidence: '"myACR"' },
  { name: 'DPoP nonce (RFC 9449)', challenge: ['DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'], headers: [{ name: 'DPoP-Nonce', value: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' }], sent: [{ name: 'Authorization', value: 'DPoP x' }, { name: 'DPoP', value: 'proof' }], expectTop: 'dpop-nonce', evidence: 'DPoP-Nonce' },
  { name: 'Digest stale nonce', event: { type: 'main_frame' }, challenge: ['Digest realm="x", nonce="abc", stale=true, algorithm=SHA-256, qop="auth"'], sent: [{ name: 'Authorization', value: 'Digest username="a"' }], expectTop: 'digest-stale', evidence: 'stale=true' },
  { name: 'Negotiate not attempted', event: { type: 'main_frame' }, challenge: ['Negotiate', 'NTLM'], headers: [{ name: 'Server', value: 'Microsoft-IIS/10.0' }], expectTop: 'windows-sign-in', evidence: 'allowed to use Windows sign-in' },
  { name: 'third-party without cookies', event: { url: 'https://widgets.vendor.example/api/me', initiator: 'https://shop.example' }, challenge: ['Session realm="vendor"'], expectTop: 'third-party', evidence: 'third-party cookies' },
  // Embedded sign-in: a hidden prompt=none frame of the identity provider, refused without its cookies.
  {
    name: 'embedded sign-in frame without cookies, jar not read',
    event: { type: 'sub_frame', url: 'https://login.idp.example/authorize?prompt=none&client_id=app', initiator: 'https://app.example' },
    expectTop: 'third-party-cookies-blocked',
    evidence: 'Probably because this browser blocks',
  },
  {
    name: 'embedded sign-in frame, cookies hidden (Chrome before detail capture), jar not read',
    event: { type: 'sub_frame', url: 'https://login.idp.example/authorize?prompt=none&client_id=app', initiator: 'https://app.example' },
    cookiesHidden: true,
    expectTop: 'third-party-cookies-blocked',
    evidence: 'whether cookies were sent is not known',
  },
  {
    name: 'embedded sign-in call, the jar holds the sign-in cookie',
    event: { url: 'https://login.idp.example/session/check', initiator: 'https://app.example' },
    jar: jarFacts({ signIn: [jarCookie({ name: 'idp_session', domain: 'login.idp.example' })] }),
    expectTop: 'third-party-cookies-blocked',
    evidence: 'it blocks that site',
  },
  {
    name: 'embedded sign-in call, the jar holds other cookies of that site',
    event: { url: 'https://login.idp.example/session/check', initiator: 'https://app.example' },
    jar: jarFacts({ others: 3 }),
    expectTop: 'third-party-cookies-blocked',
    evidence: 'holds 3 cookies for "login.idp.example"',
  },
  {
    name: 'session cookie expired minutes before',
    event: { url: 'https://app.example/api/me', initiator: 'https://app.example' },
    jar: jarFacts({ departures: [{ name: 'sid', domain: 'app.example', hostOnly: true, at: NOW - 4 * 60_000, reason: 'expired', lifetimeSeconds: 1800 }] }),
    expectTop: 'session-cookie-ended',
    evidence: '"sid" ended 4 minutes before this: it expired (the site set it to last 30 minutes)',
  },
  {
    name: 'session cookie deleted by an extension',
    event: { type: 'main_frame', url: 'https://app.example/account' },
    jar: jarFacts({ departures: [{ name: 'connect.sid', domain: 'app.example', hostOnly: true, at: NOW - 90_000, reason: 'explicit' }] }),
    expectTop: 'session-cookie-ended',
    evidence: 'deleted by the browser or an extension',
  },
  {
    name: 'SameSite=Strict cookie on a link from another site',
    event: { type: 'main_frame', url: 'https://app.example/account', initiator: 'https://mail.example' },
    jar: jarFacts({ signIn: [jarCookie({ sameSite: 'strict' })] }),
    expectTop: 'cookie-not-sent',
    evidence: 'SameSite=Strict, and this request came from another site ("mail.example")',
  },
  {
    name: 'a sign-in cookie kept off while another went along, after the session cookie ended',
    event: { type: 'main_frame', url: 'https://app.example/account', initiator: 'https://mail.example' },
    jar: jarFacts({
      signIn: [jarCookie({ name: 'strict_session', sameSite: 'strict' }), jarCookie({ name: 'remember_me', sameSite: 'lax' })],
      departures: [{ name: 'sid', domain: 'app.example', hostOnly: true, at: NOW - 60_000, reason: 'expired' }],
    }),
    expectTop: 'cookie-not-sent',
    evidence: '"strict_session"',
  },
  { name: 'CORS preflight', event: { method: 'OPTIONS', url: 'https://api.example/v1/orders', initiator: 'https://app.example' }, challenge: ['Bearer realm="api"'], sent: [{ name: 'Access-Control-Request-Method', value: 'PUT' }], expectTop: 'cors-preflight', evidence: 'never send credentials' },
  { name: 'Basic over plain http', event: { url: 'http://intranet.example/reports', type: 'main_frame' }, challenge: ['Basic realm="Reports"'], sent: [{ name: 'Authorization', value: 'Basic YTpi' }], expectTop: 'credentials-rejected' },
  { name: 'plain http without cookies', event: { url: 'http://shop.example/account', initiator: 'http://shop.example' }, challenge: [], expectTop: 'insecure-http', evidence: 'Secure' },
  { name: 'proxy 407', event: { statusCode: 407 as 401 }, challenge: ['Basic realm="Corporate proxy"'], expectTop: 'proxy-auth', evidence: '"Corporate proxy"' },
  { name: 'WordPress REST cookie without nonce', event: { url: 'https://blog.example/wp-json/wp/v2/users/me' }, sent: [{ name: 'Cookie', value: 'wordpress_logged_in_abc=x' }], expectTop: 'wordpress', evidence: 'X-WP-Nonce' },
  { name: 'gateway 401 without challenge', headers: [{ name: 'x-amzn-RequestId', value: '1' }, { name: 'Content-Type', value: 'application/json' }], sent: [bearer('t')], expectTop: 'no-challenge', evidence: 'AWS' },
  { name: 'session cookie deleted by the server', sent: [{ name: 'Cookie', value: 'sid=1; theme=2' }], challenge: ['Bearer realm="app"'], headers: [{ name: 'Set-Cookie', value: 'sid=; Max-Age=0; Path=/' }], expectTop: 'session-expired', evidence: '"sid"' },
  { name: 'sign-in loop', challenge: ['Bearer realm="x", error="invalid_token"'], sent: [bearer('revoked')], repeat: 5, expectTop: 'sign-in-loop', evidence: 'refused 5 times in 40 seconds' },
  { name: 'a Basic password refused again and again', event: { type: 'main_frame' }, challenge: ['Basic realm="x"'], sent: [{ name: 'Authorization', value: 'Basic YTpi' }], repeat: 5, expectTop: 'credentials-rejected', evidence: 'not accepted' },
  { name: 'sign-in loop of a cookie session', sent: [{ name: 'Cookie', value: 'sid=1' }], repeat: 5, expectTop: 'sign-in-loop', evidence: 'refused 5 times in 40 seconds' },
  // Cookies never answer a Basic, Digest, Bearer … challenge: the site's other cookies change nothing.
  { name: 'a Basic page on a site with cookies: not signed in', event: { type: 'main_frame' }, challenge: ['Basic realm="Members"'], sent: [{ name: 'Cookie', value: 'theme=dark; _ga=GA1.2' }], expectTop: 'no-credentials', evidence: 'Cookies do not answer this kind of sign-in' },
  { name: 'a Bearer API on a site with cookies: no token sent', challenge: ['Bearer realm="api"'], sent: [{ name: 'Cookie', value: 'theme=dark' }], expectTop: 'no-credentials', evidence: 'Cookies do not answer' },
  { name: 'a repeated refusal says how often', challenge: ['Bearer realm="api", error="invalid_token", error_description="The access token expired"'], sent: [bearer('t')], repeat: 4, expectTop: 'token-expired', evidence: 'was refused 4 times, over 40 seconds' },
  {
    name: 'container registry token flow, not logged in',
    event: { url: 'https://registry.example/v2/library/alpine/manifests/latest' },
    challenge: ['Bearer realm="https://auth.registry.example/token",service="registry.example",scope="repository:library/alpine:pull"'],
    expectTop: 'registry-token',
    evidence: 'a token for the scope "repository:library/alpine:pull", to be fetched from "https://auth.registry.example/token"',
  },
  {
    name: 'Authorization dropped on a cross-origin redirect',
    event: { url: 'https://api.other.example/v1/me' },
    challenge: ['Bearer realm="api"'],
    redirect: { from: 'https://app.example', sentAuthorization: true, authorizationScheme: 'Bearer' },
    expectTop: 'auth-dropped-on-redirect',
    evidence: 'carried an Authorization header (Bearer) to "https://app.example", was redirected to "api.other.example"',
  },
  { name: 'one endpoint refuses a signed-in page', event: { url: 'https://app.example/api/admin/stats' }, challenge: ['Bearer realm="app"'], sent: [bearer('t'), { name: 'Cookie', value: 'sid=1' }], pageUrl: 'https://app.example/dashboard', expectTop: 'credentials-rejected' },
  { name: 'apache basic password hint', event: { type: 'main_frame', url: 'https://files.example/private/' }, challenge: ['Basic realm="Private files"'], headers: [{ name: 'Server', value: 'Apache/2.4.57 (Debian)' }], expectTop: 'no-credentials' },
];
