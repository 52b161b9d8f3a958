/**
 * Server shapes for the diagnosis e2e tests and the demo: each is a page on the test server
 * that triggers one kind of real 401, and the cause the popup must name first.
 * Hostnames ending in .test resolve to 127.0.0.1 in the test browser (see HOST_RULES).
 */
import type { CauseId, FixId } from '../src/diagnosis/types';

/** Chromium flag mapping the made-up hosts to this machine, for cross-site and plain-http cases. */
export const HOST_RULES = '--host-resolver-rules=MAP *.test 127.0.0.1';

type Headers = Record<string, string | string[]>;

/**
 * What Chromium shows for a shape's first refusal while detail capture is off (no extraHeaders:
 * cookies, Set-Cookie and CORS preflights hidden), when that differs: another first cause (what
 * the hidden headers would have decided), or nothing at all until a reload (a refused preflight).
 */
export type WithoutDetail = { expectCause: CauseId; expectFix: FixId; why: string } | { notSeen: string };

export interface ServerShape {
  path: string;
  title: string;
  expectCause: CauseId;
  /** The first fix that cause shows (its first button): what the person clicks. */
  expectFix: FixId;
  /** Chromium's first refusal, seen without extraHeaders (detail capture off), when it reads otherwise: see shape-cases.ts. */
  withoutDetail?: WithoutDetail;
  /** Open the page on this host instead of 127.0.0.1 (keeps the port). */
  host?: string;
  /** The page itself answers 401 with these headers (the browser may hold it at a sign-in dialog). */
  mainFrame?: Headers;
  /** What it answers a request that carries Authorization (the browser's own retry), when that differs. */
  onRetry?: Headers;
  /** Or the page loads and its script calls `api`; `script` gets `API` (the api URL) and `OTHER_PORT`. */
  script?: string;
  api?: { path: string; status: 401; headers: Headers };
  /** Headers on the page's own 200 response (e.g. to set cookies first). */
  pageHeaders?: Headers;
}

/** A page script that calls the API with a JWT carrying `claims` (JavaScript, evaluated in the page). */
const sendJwtScript = (claims: string) => `
  const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
  const jwt = b64({ alg: 'RS256', typ: 'JWT' }) + '.' + b64(${claims}) + '.sig';
  fetch(API, { headers: { Authorization: 'Bearer ' + jwt } }).then(r => report('API answered ' + r.status));`;

const EXPIRED_JWT_SCRIPT = sendJwtScript("{ exp: Math.floor(Date.now() / 1000) - 7200, iss: 'https://login.example.test/tenant', aud: 'orders-api' }");
/** Valid for another hour, but made for the billing service and sent to the orders API. */
const WRONG_AUDIENCE_SCRIPT = sendJwtScript("{ exp: Math.floor(Date.now() / 1000) + 3600, aud: 'https://billing.example.test' }");

export const SERVER_SHAPES: ServerShape[] = [
  {
    path: '/shape/digest-stale',
    title: 'Digest sign-in whose nonce went stale',
    expectCause: 'digest-stale',
    expectFix: 'reload',
    mainFrame: { 'www-authenticate': 'Digest realm="files@example.test", nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", stale=true, algorithm=SHA-256, qop="auth"' },
    // Firefox retries a stale challenge by itself with the new nonce; a real server then checks the
    // credentials and, finding none that fit, challenges without stale (else Firefox retries forever).
    onRetry: { 'www-authenticate': 'Digest realm="files@example.test", nonce="Wq9aYFm0BwA=8c1f0e4f3d", algorithm=SHA-256, qop="auth"' },
  },
  {
    path: '/shape/negotiate',
    title: 'IIS intranet page asking for Windows sign-in',
    expectCause: 'windows-sign-in',
    expectFix: 'reload',
    mainFrame: { 'www-authenticate': ['Negotiate', 'NTLM'], server: 'Microsoft-IIS/10.0' },
  },
  {
    path: '/shape/scope',
    title: 'API call with a token that lacks the scope',
    expectCause: 'insufficient-scope',
    expectFix: 'sign-in-again',
    script: "fetch(API, { headers: { Authorization: 'Bearer opaque-token' } }).then(r => report('API answered ' + r.status));",
    api: { path: '/api/scope', status: 401, headers: { 'www-authenticate': 'Bearer realm="orders", error="insufficient_scope", scope="orders:write"' } },
  },
  {
    path: '/shape/step-up',
    title: 'API asking for step-up authentication (RFC 9470)',
    expectCause: 'step-up-required',
    expectFix: 'sign-in-again',
    script: "fetch(API, { headers: { Authorization: 'Bearer opaque-token' } }).then(r => report('API answered ' + r.status));",
    api: { path: '/api/step-up', status: 401, headers: { 'www-authenticate': 'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr"' } },
  },
  {
    path: '/shape/dpop',
    title: 'API asking the client for a DPoP nonce (RFC 9449)',
    expectCause: 'dpop-nonce',
    expectFix: 'reload',
    script: "fetch(API, { headers: { Authorization: 'DPoP opaque-token', DPoP: 'proof' } }).then(r => report('API answered ' + r.status));",
    api: { path: '/api/dpop', status: 401, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', 'dpop-nonce': 'eyJ7S_zG.eyJH0-Z.HX4w-7v' } },
  },
  {
    path: '/shape/expired-jwt',
    title: 'API call with a JWT that expired two hours ago',
    expectCause: 'token-expired',
    expectFix: 'reload',
    script: EXPIRED_JWT_SCRIPT,
    api: { path: '/api/orders', status: 401, headers: { 'www-authenticate': 'Bearer realm="orders"' } },
  },
  {
    path: '/shape/wrong-audience',
    title: 'API call with a token made for another service',
    expectCause: 'token-wrong-audience',
    expectFix: 'sign-in-again',
    script: WRONG_AUDIENCE_SCRIPT,
    // The server's words name the reason (as ASP.NET and Entra do): they lead, and the token's aud confirms them.
    api: { path: '/api/invoices', status: 401, headers: { 'www-authenticate': `Bearer realm="orders", error="invalid_token", error_description="The audience 'https://billing.example.test' is invalid"` } },
  },
  {
    path: '/shape/url-audience',
    title: 'API call with a token whose audience is a URL identifier, refused without a reason',
    // A URL audience is an identifier many providers issue, not the API's host: the refusal leads.
    expectCause: 'credentials-rejected',
    expectFix: 'sign-in-again',
    script: WRONG_AUDIENCE_SCRIPT,
    api: { path: '/api/reports', status: 401, headers: { 'www-authenticate': 'Bearer realm="reports", error="invalid_token"' } },
  },
  {
    path: '/shape/wordpress',
    title: 'WordPress REST call with cookies but no nonce',
    expectCause: 'wordpress',
    expectFix: 'sign-in-again',
    pageHeaders: { 'set-cookie': 'wordpress_logged_in_demo=demo-session; Path=/' },
    script: "fetch(API, { credentials: 'include' }).then(r => report('API answered ' + r.status));",
    api: { path: '/wp-json/wp/v2/users/me', status: 401, headers: { 'content-type': 'application/json; charset=UTF-8', link: '<http://127.0.0.1/wp-json/>; rel="https://api.w.org/"' } },
  },
  {
    path: '/shape/gateway',
    title: 'API gateway answering 401 with no challenge',
    expectCause: 'no-challenge',
    expectFix: 'sign-in-again',
    script: "fetch(API, { headers: { Authorization: 'Bearer opaque-token' } }).then(r => report('API answered ' + r.status));",
    api: { path: '/api/gateway', status: 401, headers: { 'content-type': 'application/json', 'x-amzn-requestid': '7c3e1c2a-0000-4000-8000-000000000000' } },
  },
  {
    path: '/shape/session-expired',
    title: 'Cookie session the server ends',
    expectCause: 'session-expired',
    expectFix: 'sign-in-again',
    withoutDetail: {
      expectCause: 'no-credentials',
      expectFix: 'sign-in-again',
      why: 'the cookie sent and the Set-Cookie that ends it are hidden: the popup says so and that a reload shows them; the first fix is the same',
    },
    pageHeaders: { 'set-cookie': 'sid=demo-session-value; Path=/' },
    script: "fetch(API).then(r => report('API answered ' + r.status));",
    api: { path: '/api/session', status: 401, headers: { 'www-authenticate': 'Bearer realm="app"', 'set-cookie': 'sid=; Max-Age=0; Path=/' } },
  },
  {
    path: '/shape/sign-in-loop',
    title: 'Request refused again and again with credentials',
    expectCause: 'sign-in-loop',
    expectFix: 'clear-site-data',
    script: `(async () => { for (let i = 0; i < 4; i++) await fetch(API, { headers: { Authorization: 'Bearer revoked-token' } }); report('done'); })();`,
    api: { path: '/api/loop', status: 401, headers: { 'www-authenticate': 'Bearer realm="app", error="invalid_token"' } },
  },
  {
    path: '/shape/third-party',
    title: 'Third-party widget refused without cookies',
    expectCause: 'third-party',
    expectFix: 'reload',
    script: "fetch('http://widgets.test:' + OTHER_PORT + '/api/widget').then(r => report('API answered ' + r.status), () => report('failed'));",
    // A widget signed in by its own cookie, which the browser did not send from another site (no challenge: cookies may answer it).
    api: { path: '/api/widget', status: 401, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' } },
  },
  {
    path: '/shape/websocket',
    title: 'Live feed (WebSocket) refused at the upgrade',
    // A refused upgrade never completes: only the upgrade's own response carries the 401.
    expectCause: 'no-credentials',
    expectFix: 'sign-in-again',
    // Its failure turns detail capture on: after a reload the refused upgrade is seen.
    withoutDetail: { notSeen: "Chrome shows a WebSocket upgrade's response only to extraHeaders listeners" },
    script: "const socket = new WebSocket('ws://' + location.host + '/live/feed'); socket.onopen = () => report('Live'); socket.onerror = () => report('The live feed could not connect');",
  },
  {
    path: '/shape/insecure-http',
    title: 'Account page on plain http (no Secure cookies sent)',
    expectCause: 'insecure-http',
    expectFix: 'open-https',
    host: 'shop.test',
    script: "fetch(API).then(r => report('API answered ' + r.status));",
    api: { path: '/api/account', status: 401, headers: { 'content-type': 'application/json' } },
  },
];
