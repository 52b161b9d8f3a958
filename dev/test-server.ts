/**
 * A local server on 127.0.0.1 that answers with real 401s, for the e2e tests and the demo.
 * Two instances on different ports give two origins, for cross-site and CORS cases.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVER_SHAPES } from './server-shapes';

export interface TestServer {
  origin: string;
  /** Every request the server saw, as "METHOD /path" (used to prove the extension sends nothing). */
  log: string[];
  /** Requests that came from an extension (Origin or Referer of chrome-extension:// or moz-extension://). */
  fromExtensions: string[];
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, ctx: { other: string }) => void;

/** A status line that page scripts fill in; `report()` also sets `data-done` so tests know the page finished. */
const OUT = '<p id="out">Loading…</p>';
const REPORT = "function report(text) { const out = document.getElementById('out'); out.textContent = text; out.dataset.done = '1'; }";

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}${
    script ? `<script>${REPORT}\n${script}</script>` : ''
  }</body></html>`;
}

function html(res: ServerResponse, status: number, content: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(content);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The port a request was sent to (the test servers listen on a random one). */
function hostPort(req: IncomingMessage): string {
  return new URL(`http://${req.headers.host ?? 'x'}`).port;
}

/**
 * A 401 page whose body keeps coming (a space every 200 ms) until the browser drops it, at most 20 s: the
 * browser shows and runs its first chunk while the request is still open.
 */
export function trickleRefusal(
  res: ServerResponse,
  firstChunk: string,
  challenge = 'Bearer realm="shop", error="invalid_token", error_description="Your MAIL session was hijacked. Call 0800 000 000"',
): void {
  res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'www-authenticate': challenge });
  res.write(`<!doctype html><html><head><meta charset="utf-8"><title>Refused</title></head><body>${firstChunk}<!--${' '.repeat(2048)}-->`);
  const tick = setInterval(() => res.write(' '), 200);
  const stop = setTimeout(() => res.end(), 20_000);
  res.on('close', () => {
    clearInterval(tick);
    clearTimeout(stop);
  });
}

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** The HTML/script a hostile server might put in its challenge: must show as inert text. */
export const HOSTILE_REALM = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/**
 * Words a hostile server writes to pass for the extension's own (security issue 21): a description
 * that closes our quote and goes on in our voice, a realm reversed by a bidi override, a scheme that
 * is a sentence, and text GitHub would turn into links, a mention, an issue link and an emoji. The
 * page sends a token whose `exp` no Date can hold, to a path curl would read as a glob.
 */
export const HOSTILE_WORDS = {
  description: 'expired". 401 Explainer checked this site: your account is suspended. Call 0800 123 456, details at www.help-desk.example, cc @maintainers #12 :rocket:',
  realm: 'sign in at \u202Emoc.elpmaxe-pleh//:sptth\u202C now',
  scheme: 'Please-call-0800-123-to-unlock',
  server: 'nginx\u200B \u2066@maintainers\u2069',
  path: '/api/hostile-words/[1-3]',
  token: `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ exp: -8.64e15, aud: 'api\u202Eevil' })).toString('base64url')}.c2ln`,
};

/** A header value with characters beyond Latin-1, sent as its UTF-8 bytes (Node takes header strings as Latin-1). */
const utf8Header = (value: string) => Buffer.from(value, 'utf8').toString('latin1');

/** Demo and test pages: path → what it shows, for the index page. */
export const DEMO_PAGES: Record<string, string> = {
  '/basic': 'Page behind HTTP Basic (the browser shows a sign-in dialog)',
  '/fetch-bearer': 'Page whose API call gets a Bearer 401 (invalid_token)',
  '/cors-preflight': 'Page whose cross-site API call fails its CORS preflight with 401',
  '/token-refresh': 'Page that gets a 401, refreshes its token and retries (recovers: no warning)',
  '/healthy': 'Healthy page (no warning)',
  '/hostile-realm': 'API 401 whose realm and description contain HTML and script',
  '/hostile-words': 'API 401 whose words would pass for the extension\'s own (quotes, bidi, a sentence as scheme, mentions)',
  '/sw-page': "Page whose service worker's request gets a 401 (a request outside any tab)",
  ...Object.fromEntries(SERVER_SHAPES.map((shape) => [shape.path, shape.title])),
};

/** The realistic page's delay for sub-resource `i` of `kind`: 20-80 ms, the same every time (a fixed hash, no clock). */
export function benchDelayMs(kind: string, i: number): number {
  let h = 2166136261;
  for (const c of `${kind}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return 20 + ((h >>> 0) % 61);
}

function benchAnswer(req: IncomingMessage, res: ServerResponse, type: string, body: string | Buffer): void {
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const send = () => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (params.get('delay') === '1') setTimeout(send, benchDelayMs(type, Number(params.get('i') ?? 0)));
  else send();
}

/** Routes for the diagnosis shapes: a page per shape and the API it calls. */
function shapeRoutes(): Record<string, Route> {
  const made: Record<string, Route> = {};
  for (const shape of SERVER_SHAPES) {
    if (shape.mainFrame) {
      const { mainFrame, onRetry } = shape;
      made[shape.path] = (req, res) => html(res, 401, page(shape.title, '<p>Refused.</p>'), onRetry && req.headers.authorization ? onRetry : mainFrame);
      continue;
    }
    const { api } = shape;
    made[shape.path] = (_req, res, { other }) =>
      html(res, 200, page(shape.title, OUT, `const API = ${JSON.stringify(api?.path ?? null)}; const OTHER_PORT = ${JSON.stringify(new URL(other).port)};\n${shape.script}`), shape.pageHeaders);
    if (api) made[api.path] = (_req, res) => json(res, api.status, { error: 'unauthorized' }, api.headers);
  }
  return made;
}

/** Responses held until the test releases them (`/hold?key=k` waits for `/release?key=k`): a page that loads only when told. */
const held = new Map<string, Array<() => void>>();

/** What `/api/echo` says back: none of it may be stored or shown (tests/e2e: secrets never stored or shown). */
/** Secrets the /owner-api page sends (an expired JWT, a query token, a cookie value). */
export const OWNER_SECRETS = {
  // {"alg":"HS256","typ":"JWT"} . {"exp":1700000000,"iss":"https://id.example","sub":"planted-owner"} . a planted signature
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAsImlzcyI6Imh0dHBzOi8vaWQuZXhhbXBsZSIsInN1YiI6InBsYW50ZWQtb3duZXIifQ.UGxhbnRlZFNpZ25hdHVyZTQy',
  query: 'PlantedQueryTok3n9876543210',
  cookie: 'PlantedCookieVal7788',
};

export const ECHOED_SECRETS = {
  userPassword: 'planted-user:Winter2026!x',
  card: '4111 1111 1111 1111',
  key: 'a8F3k2L9q0W8e7R6',
  jsonPassword: 'PlantedSenha42',
  address: '"Planted Person" <planted.person@example.org>',
};

/** Paths under `/api/refuse/` are refused like `/api/bearer` (secrets planted in a path). */
const routes: Record<string, Route> = {
  '/hold': (req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    held.set(key, [...(held.get(key) ?? []), () => res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(PIXEL)]);
  },
  '/release': (req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    for (const answer of held.get(key) ?? []) answer();
    held.delete(key);
    html(res, 200, page('Released', '<p>ok</p>'));
  },
  // An app that reads its API's answer (Chrome times a fetch, for the page's timing data, only once its body is read).
  '/app-reads-body': (_req, res) =>
    html(res, 200, page('Dashboard', OUT, "fetch('/api/bearer', { headers: { Authorization: 'Bearer expired-token' } }).then(r => r.json()).then(() => report('API refused'));")),
  // A site's own sign-in page, served with 401 and no challenge (no browser dialog).
  '/account': (_req, res) => html(res, 401, page('Sign in to your account', `<form><label>User <input name="user"></label></form>${OUT}`, "report('Please sign in');")),
  // Background requests the page does not need: a prefetch of a protected page, and a refused beacon.
  '/prefetching': (_req, res) =>
    html(res, 200, page('Welcome', `${OUT}<link rel="prefetch" href="/members">`, "report('Loaded');")),
  '/members': (_req, res) => html(res, 401, page('Members only', '<p>Sign in.</p>'), { 'www-authenticate': 'Basic realm="Members"' }),
  '/beaconing': (_req, res) => html(res, 200, page('Reading', OUT, "navigator.sendBeacon('/api/beacon', 'read'); report('Loaded');")),
  '/api/beacon': (_req, res) => json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="stats"' }),
  // A page refused by its API whose load completes only when the test releases its image.
  '/refused-then-loads': (req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    html(res, 200, page('Still loading', `${OUT}<img src="/hold?key=${encodeURIComponent(key)}" alt="">`, "fetch('/api/bearer').then(r => report('API answered ' + r.status));"));
  },
  ...shapeRoutes(),
  '/': (_req, res) =>
    html(res, 200, page('401 Explainer demo', `<ul>${Object.entries(DEMO_PAGES).map(([path, text]) => `<li><a href="${path}">${text}</a></li>`).join('')}</ul>`)),
  '/healthy': (_req, res) =>
    html(res, 200, page('Healthy page', `<img src="/pixel.png" alt="">${OUT}`, "fetch('/api/ok').then(r => report('API answered ' + r.status));")),
  '/pixel.png': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(PIXEL);
  },
  '/api/ok': (_req, res) => json(res, 200, { ok: true }),
  // A page that floods: N refused requests, `distinct` of them to different URLs.
  '/flood': (req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const count = Number(params.get('count') ?? 1000);
    const distinct = Number(params.get('distinct') ?? 1);
    html(res, 200, page('Flood', OUT, `(async () => {
      const started = performance.now();
      for (let i = 0; i < ${count}; i += 200) {
        await Promise.all(Array.from({ length: Math.min(200, ${count} - i) }, (_, k) => fetch('/api/flood?u=' + ((i + k) % ${distinct})).catch(() => {})));
      }
      report('sent ' + ${count} + ' in ' + Math.round(performance.now() - started) + ' ms');
    })();`));
  },
  '/api/flood': (_req, res) => json(res, 401, { error: 'nope' }, { 'www-authenticate': 'Bearer realm="flood"' }),
  // N refusals as large as the extension keeps them (long URL, 8 long challenges, long server strings, 20 cookies);
  // `cjk=1`: the server's words in Japanese (3 bytes a character in UTF-8).
  '/fill': (req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const count = Number(params.get('count') ?? 90);
    const tab = JSON.stringify(params.get('tab') ?? '0');
    const cjk = params.get('cjk') === '1' ? '&cjk=1' : '';
    html(res, 200, page('Fill', OUT, `(async () => {
      const pad = Array.from({ length: 110 }, () => 'words').join('-');
      for (let i = 0; i < ${count}; i += 10) {
        await Promise.all(Array.from({ length: Math.min(10, ${count} - i) }, (_, k) => fetch('/api/huge?tab=' + ${tab} + '&i=' + (i + k) + '${cjk}&pad=' + pad).catch(() => {})));
      }
      report('filled');
    })();`));
  },
  '/api/huge': (req, res) => {
    const cjk = new URL(req.url ?? '/', 'http://x').searchParams.get('cjk') === '1';
    // Header bytes are sent as they are: UTF-8 text goes out as its bytes (latin1 maps each to one).
    const words = (n: number) => (cjk ? Buffer.from(Array.from({ length: Math.ceil(n / 1.2) }, () => '認証が必要です').join(' '), 'utf8').toString('latin1') : Array.from({ length: n }, () => 'words').join(' '));
    res.writeHead(401, `Unauthorized ${Array.from({ length: 160 }, () => 'words').join(' ')}`, {
      'content-type': 'application/json',
      'www-authenticate': Array.from({ length: 8 }, (_, i) => `Bearer realm="${i} ${words(165)}"`),
      server: `Huge ${words(165)}`,
      via: `1.1 ${words(40)}`,
      'x-powered-by': words(40),
      'set-cookie': Array.from({ length: 20 }, (_, i) => `${'cookie_name_'.repeat(10)}${i}=; Max-Age=0`),
    });
    res.end('{}');
  },
  // Sets a cookie for whichever host served it, or for `domain` (used to prove site-only clearing).
  '/set-cookie': (req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const name = params.get('name') ?? 'demo';
    const domain = params.get('domain');
    html(res, 200, page('Cookie set', '<p>ok</p>'), { 'set-cookie': `${name}=planted-cookie-value-${name}; Path=/${domain ? `; Domain=${domain}` : ''}` });
  },
  // Deletes every cookie the request carried (path /), so a test starts from an empty jar for this host.
  '/clear-cookies': (req, res) => {
    const names = (req.headers.cookie ?? '').split(';').map((pair) => pair.split('=')[0]!.trim()).filter(Boolean);
    html(res, 200, page('Cookies cleared', '<p>ok</p>'), { 'set-cookie': names.map((name) => `${name}=; Max-Age=0; Path=/`) });
  },
  // The cookie story (issue 22): a sign-in cookie with chosen attributes, and what refuses without it.
  // Sets `name` (a sign-in cookie) with SameSite `samesite`, `maxage` seconds, Secure when `secure=1`.
  '/cookie/set': (req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const name = params.get('name') ?? 'sid';
    const attributes = [`${name}=planted-session-${name}`, 'Path=/'];
    if (params.get('samesite')) attributes.push(`SameSite=${params.get('samesite')}`);
    if (params.get('maxage')) attributes.push(`Max-Age=${params.get('maxage')}`);
    if (params.get('secure') === '1') attributes.push('Secure');
    html(res, 200, page('Cookie set', OUT, "report('set');"), { 'set-cookie': attributes.join('; ') });
  },
  // A session API: 401 unless the request carries the cookie `name`; readable by the calling origin with credentials.
  '/cookie/api': (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'sid';
    const signedIn = (req.headers.cookie ?? '').split(';').some((pair) => pair.split('=')[0]!.trim() === name);
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true' };
    json(res, signedIn ? 200 : 401, signedIn ? { user: 'demo' } : { error: 'not signed in' }, cors);
  },
  // A page that calls the session API, once it is loaded.
  '/cookie/call': (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'sid';
    html(res, 200, page('Session call', OUT, `fetch('/cookie/api?name=${encodeURIComponent(name)}').then(r => report('API answered ' + r.status));`));
  },
  // A page that asks for its sign-in cookie `name` as a whole page (the sign-in site in a frame, or an account page).
  '/cookie/page': (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'sid';
    const signedIn = (req.headers.cookie ?? '').split(';').some((pair) => pair.split('=')[0]!.trim() === name);
    html(res, signedIn ? 200 : 401, page(signedIn ? 'Signed in' : 'Please sign in', `<p>${signedIn ? 'Welcome back' : 'Sign in first'}</p>`));
  },
  // A page of one site that embeds another site's page `src` in a frame (an embedded sign-in).
  '/cookie/embed': (req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    html(res, 200, page('Embedded sign-in', `${OUT}<iframe id="frame" title="Sign-in"></iframe>`, `const f = document.getElementById('frame'); f.onload = () => report('frame loaded'); f.src = ${JSON.stringify(src)};`));
  },
  '/basic': (_req, res) =>
    html(res, 401, page('Members only', '<p>You need to sign in.</p>'), { 'www-authenticate': 'Basic realm="Demo members area", charset="UTF-8"' }),
  // For the DevTools panel: an API that says why in its JSON body (WordPress's words), with planted secrets sent
  // (a JWT, a query token, a cookie) that must never show in the panel, its HAR export or its prompt; and a 403 beside it.
  '/owner-api': (_req, res) =>
    html(
      res,
      200,
      page(
        'Owner dashboard',
        OUT,
        `document.cookie = 'wp_session=${OWNER_SECRETS.cookie}; path=/';
        fetch('/api/owner-posts?access_token=${OWNER_SECRETS.query}', { headers: { Authorization: 'Bearer ${OWNER_SECRETS.jwt}' } })
          .then((r) => r.json())
          .then(() => fetch('/api/owner-settings'))
          .then((r) => r.json())
          .then(() => report('API answered'));`,
      ),
    ),
  '/api/owner-posts': (_req, res) =>
    json(res, 401, { code: 'rest_not_logged_in', message: `You are not currently logged in. ${HOSTILE_REALM}`, data: { status: 401 } }, {
      'www-authenticate': 'Bearer realm="wp", error="invalid_token"',
    }),
  '/api/owner-settings': (_req, res) => json(res, 403, { message: 'Bad credentials' }),
  '/fetch-bearer': (_req, res) =>
    html(res, 200, page('Dashboard', OUT, "fetch('/api/bearer', { headers: { Authorization: 'Bearer expired-token' } }).then(r => report('API answered ' + r.status));")),
  '/api/bearer': (_req, res) =>
    json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="The access token expired"' }),
  // A careless server that echoes credentials and personal data in its words (see ECHOED_SECRETS).
  '/api/echo': (_req, res) =>
    json(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': `Bearer realm="api", error="invalid_token", error_description="invalid credentials ${ECHOED_SECRETS.userPassword}, card ${ECHOED_SECRETS.card}, key ${ECHOED_SECRETS.key}, {\\"senha\\":\\"${ECHOED_SECRETS.jsonPassword}\\"}"`,
      server: `gateway (ask ${ECHOED_SECRETS.address})`,
    }),
  '/cors-preflight': (_req, res, { other }) =>
    html(res, 200, page('Cross-site API', OUT, `fetch(${JSON.stringify(other)} + '/api/cors', { method: 'PUT', headers: { Authorization: 'Bearer demo-token' } }).then(() => report('ok'), () => report('CORS failed'));`)),
  '/token-refresh': (_req, res) =>
    html(res, 200, page('Token refresh', OUT, `(async () => {
      let r = await fetch('/api/me', { headers: { Authorization: 'Bearer stale-token' } });
      if (r.status === 401) r = await fetch('/api/me', { headers: { Authorization: 'Bearer fresh-token' } });
      report('Signed in: ' + r.status);
    })();`)),
  '/api/me': (req, res) =>
    req.headers.authorization === 'Bearer fresh-token'
      ? json(res, 200, { user: 'demo' })
      : json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="The access token expired"' }),
  '/hostile-realm': (_req, res) => html(res, 200, page('Hostile realm', OUT, "fetch('/api/hostile').then(r => report('API answered ' + r.status));")),
  '/api/hostile': (_req, res) =>
    json(res, 401, { error: 'nope' }, {
      'www-authenticate': `Bearer realm="${HOSTILE_REALM.replace(/"/g, '\\"')}", error="invalid_token", error_description="<b>bold</b><script>window.__pwned=3</script>"`,
    }),
  '/hostile-words': (_req, res) =>
    html(
      res,
      200,
      page('Hostile words', OUT, `fetch(${JSON.stringify(HOSTILE_WORDS.path)}, { headers: { Authorization: 'Bearer ${HOSTILE_WORDS.token}' } }).then(r => report('API answered ' + r.status));`),
    ),
  [HOSTILE_WORDS.path]: (_req, res) =>
    json(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': [
        `${HOSTILE_WORDS.scheme} realm="x"`,
        utf8Header(`Bearer realm="${HOSTILE_WORDS.realm}", error="invalid_token", error_description="${HOSTILE_WORDS.description.replace(/"/g, '\\"')}"`),
      ],
      server: utf8Header(HOSTILE_WORDS.server),
      'set-cookie': utf8Header('sid\u202E=; Max-Age=0; Path=/'),
    }),
  '/sw-page': (_req, res) =>
    html(res, 200, page('Service worker', OUT, `(async () => {
      await navigator.serviceWorker.register('/sw.js');
      if (!navigator.serviceWorker.controller) await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      const r = await fetch('/api/via-sw');
      report('Through the service worker: ' + r.status);
    })();`)),
  // The worker answers /api/via-sw by fetching a protected API itself: that request has no tab (tabId -1).
  '/sw.js': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(`self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname === '/api/via-sw') event.respondWith(fetch('/api/sw-protected'));
});`);
  },
  '/api/sw-protected': (_req, res) => json(res, 401, { error: 'login_required' }, { 'www-authenticate': 'Bearer realm="sw-api"' }),
  // A page with 100 sub-resources for the page-load benchmark (scripts/bench.ts). With `delay=1` (the
  // realistic page), each response waits 20-80 ms, from a seeded sequence: the same for every variant.
  '/bench': (req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const query = `run=${params.get('run') ?? '0'}${params.get('delay') === '1' ? '&delay=1' : ''}`;
    const images = Array.from({ length: 60 }, (_, i) => `<img src="/bench/img?i=${i}&${query}" width="1" height="1" alt="">`).join('');
    const styles = Array.from({ length: 20 }, (_, i) => `<link rel="stylesheet" href="/bench/css?i=${i}&${query}">`).join('');
    const scripts = Array.from({ length: 20 }, (_, i) => `<script src="/bench/js?i=${i}&${query}"></script>`).join('');
    html(res, 200, `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>${styles}</head><body>${images}${scripts}</body></html>`);
  },
  '/bench/img': (req, res) => benchAnswer(req, res, 'image/png', PIXEL),
  '/bench/css': (req, res) => benchAnswer(req, res, 'text/css', 'body { margin: 0; }'),
  '/bench/js': (req, res) => benchAnswer(req, res, 'text/javascript', 'window.benchCount = (window.benchCount || 0) + 1;'),
  // Real flows: a page refused by its API sends the tab to the sign-in page (by script, meta refresh, server redirect).
  '/login': (_req, res) => html(res, 200, page('Sign in', `<form><label>User <input name="user"></label></form>${OUT}`, "report('Please sign in');")),
  '/logout': (_req, res) => {
    res.writeHead(302, { location: '/login', 'cache-control': 'no-store' });
    res.end();
  },
  '/api/session-expired': (_req, res) =>
    json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="app", error="invalid_token", error_description="The session expired"' }),
  '/app-script': (_req, res) =>
    html(res, 200, page('App (script)', OUT, "fetch('/api/session-expired').then((r) => { if (r.status === 401) location.href = '/login'; });")),
  '/app-server-redirect': (_req, res) =>
    html(res, 200, page('App (server redirect)', OUT, "fetch('/api/session-expired').then((r) => { if (r.status === 401) location.href = '/logout'; });")),
  // The page itself is refused, and its 401 body sends the visitor on with a meta refresh.
  '/app-meta': (_req, res) =>
    html(res, 401, `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/login"><title>Refused</title></head><body>Redirecting to sign in…</body></html>`, {
      'www-authenticate': 'Bearer realm="app", error="invalid_token", error_description="The session expired"',
    }),
  // A call with a token, redirected to the other origin, where the browser drops Authorization.
  '/xo-redirect': (_req, res) =>
    html(res, 200, page('Cross-origin redirect', OUT, "fetch('/redirect-to-other', { headers: { Authorization: 'Bearer app-token' } }).then((r) => report('API answered ' + r.status), () => report('failed'));")),
  '/redirect-to-other': (_req, res, { other }) => {
    res.writeHead(302, { location: `${other}/api/needs-token`, 'cache-control': 'no-store' });
    res.end();
  },
  '/api/needs-token': (req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    if (req.headers.authorization) json(res, 200, { ok: true }, cors);
    else json(res, 401, { error: 'invalid_request' }, { ...cors, 'www-authenticate': 'Bearer realm="api"' });
  },
  // Hostile pages (security tests).
  // Page DOM that shadows the extension API in the isolated world: named properties `browser` and `chrome`.
  '/clobbered': (_req, res) =>
    html(
      res,
      200,
      page('Clobbered', `<form id="browser"><input name="runtime"><input name="i18n"></form><form id="chrome"><input name="runtime"></form>${OUT}`, "fetch('/api/bearer').then(r => report('API answered ' + r.status));"),
    ),
  // A page probing another site's login state through requests whose status it cannot read.
  '/oracle': (_req, res, { other }) =>
    html(
      res,
      200,
      page('Probe', OUT, `const target = ${JSON.stringify(other)} + '/api/private';
      Promise.all([
        new Promise((done) => { const img = new Image(); img.onload = img.onerror = done; img.src = target + '?img'; }),
        fetch(target + '?no-cors', { mode: 'no-cors' }).catch(() => {}),
      ]).then(() => report('probed'));`),
    ),
  // An image type, so Chrome's opaque-response blocking lets the refusal through to the extension as a real image 401 would.
  // A page that starts navigating its tab elsewhere, then fires refused requests while that navigation is in flight.
  '/go-away': (req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    html(res, 200, page('Leaving', OUT, `location.href = ${JSON.stringify(to)};
      for (let i = 0; i < 3; i++) fetch('/api/hijack?n=' + i).catch(() => {});
      report('leaving');`));
  },
  '/api/hijack': (_req, res) =>
    json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="evil", error="invalid_token", error_description="Your BANK session was hijacked. Call 0800 000 000"' }),
  // A page refused (401) whose body keeps coming: its first chunk sends the tab on to `to`, on another site.
  '/trickle-401': (req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    trickleRefusal(res, `<script>location = ${JSON.stringify(to)};</script>`);
  },
  // A page with two frames of another host (frame.test): one refused with a body that keeps coming, one whose
  // keepalive call is answered (401) only after 2 s; once that call is on its way, the top frame leaves for `to`.
  '/framed-keepalive': (req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    const frames = `http://frame.test:${hostPort(req)}`;
    html(res, 200, page('Framed', `<iframe src="${frames}/frame-doc-401"></iframe><iframe src="${frames}/frame-keepalive"></iframe>${OUT}`,
      `addEventListener('message', (event) => { if (event.data === 'sent') location = ${JSON.stringify(to)}; }); report('framed');`));
  },
  '/frame-doc-401': (_req, res) => trickleRefusal(res, '<p>Refused frame</p>'),
  '/frame-keepalive': (_req, res) =>
    html(res, 200, page('Frame', OUT, "fetch('/api/slow-401', { keepalive: true }).catch(() => {}); parent.postMessage('sent', '*'); report('sent');")),
  '/api/slow-401': (_req, res) =>
    void setTimeout(
      () => json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="frame", error="invalid_token", error_description="Your MAIL session was hijacked. Call 0800 000 000"' }),
      2_000,
    ),
  // A page that opens `to` (another site) in a new tab and keeps a handle on it (`window.opened`), to send it elsewhere later.
  '/open-tab': (req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    html(res, 200, page('Opener', OUT, `window.opened = window.open(${JSON.stringify(to)}); report(window.opened ? 'opened' : 'blocked');`));
  },
  // A refusal that is a download (it never becomes a page) and whose body keeps coming.
  '/download-401': (_req, res) => {
    res.setHeader('content-disposition', 'attachment; filename="refused.txt"');
    trickleRefusal(res, 'refused');
  },
  // A page that takes a while to answer: a navigation to it stays in flight meanwhile.
  '/slow': (_req, res) => void setTimeout(() => html(res, 200, page('Slow page', OUT, "report('loaded');")), 1_500),
  '/api/private': (_req, res) => {
    res.writeHead(401, { 'content-type': 'image/png', 'www-authenticate': 'Bearer realm="intranet"', 'cache-control': 'no-store' });
    res.end(PIXEL);
  },
  // Cross-origin API that lets any origin read its answers to requests without credentials (`*`): a credentialed
  // request's answer stays unreadable, so whether the page may know of the refusal depends on a mode nobody sees.
  '/api/readable': (_req, res) => json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="partner"', 'access-control-allow-origin': '*' }),
  // The same, naming the calling origin but not allowing credentials: readable only without them.
  '/api/echo-origin': (req, res) =>
    json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer realm="partner"', 'access-control-allow-origin': req.headers.origin ?? '' }),
  // Cross-origin API that lets the calling origin read its answers, credentials or not: a refusal the page may know of.
  '/api/readable-credentialed': (req, res) =>
    json(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': 'Bearer realm="partner"',
      'access-control-allow-origin': req.headers.origin ?? '',
      'access-control-allow-credentials': 'true',
    }),
  // Cross-origin API: refuses the preflight itself, as a server that guards every route with auth does.
  '/api/cors': (req, res) => {
    if (req.method === 'OPTIONS') {
      json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="api"' });
      return;
    }
    json(res, 200, { ok: true }, { 'access-control-allow-origin': '*' });
  },
};

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  // Room for megabyte URLs (hostile-page tests); Node refuses headers over 16 KB by default.
  const server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** Starts the two origins: `site` serves the pages, `api` is the other origin they call. */
export async function startTestServers(): Promise<{ site: TestServer; api: TestServer }> {
  const made: Array<{ server: Server; origin: string; log: string[]; fromExtensions: string[] }> = [];
  for (let i = 0; i < 2; i++) {
    const log: string[] = [];
    const fromExtensions: string[] = [];
    const index = i;
    const { server, origin } = await listen((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      log.push(`${req.method} ${path}`);
      const source = `${req.headers.origin ?? ''} ${req.headers.referer ?? ''}`;
      if (/(chrome|moz)-extension:/.test(source)) fromExtensions.push(`${req.method} ${path} from ${source.trim()}`);
      const route = routes[path] ?? (path.startsWith('/api/refuse/') ? routes['/api/bearer'] : undefined);
      if (route) route(req, res, { other: made[1 - index]!.origin });
      else html(res, 404, page('Not found', ''));
    });
    // WebSocket upgrades: /live/ refuses every one, as a feed behind sign-in does (the page's live data is dead).
    server.on('upgrade', (req, socket) => {
      log.push(`UPGRADE ${(req.url ?? '/').split('?')[0]}`);
      socket.on('error', () => {});
      const refused = (req.url ?? '').startsWith('/live/');
      socket.end(
        refused
          ? 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="live"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
          : 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      );
    });
    made.push({ server, origin, log, fromExtensions });
  }
  const wrap = ({ server, origin, log, fromExtensions }: (typeof made)[number]): TestServer => ({
    origin,
    log,
    fromExtensions,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // a page whose body never ends would hold close() open
        server.close(() => resolve());
      }),
  });
  return { site: wrap(made[0]!), api: wrap(made[1]!) };
}
