/**
 * A real OpenID Provider (`oidc-provider` from npm, its development sign-in and consent pages) and a
 * small relying party in front of an API, both on 127.0.0.1, for the sign-in flow e2e tests.
 *
 * The provider lives at http://localhost:PORT and the app at http://127.0.0.1:PORT (two sites, as a
 * real provider and app are). The app's `/login?case=…` starts a sign-in by the book (authorization
 * code, PKCE, state, nonce, client_secret_basic at the token endpoint):
 *
 * | case           | what happens                                                                        |
 * |----------------|-------------------------------------------------------------------------------------|
 * | `ok`           | sign in and consent; back at `/app`, whose API call with the provider's token works |
 * | `expired`      | the same, but the provider's access token lives 1 s: the API call is refused (401)  |
 * | `bad-redirect` | a `redirect_uri` the client never registered: the provider's own error page (400)   |
 *
 * `/popup-app` starts the same sign-in in a window of its own (`window.open`).
 * `&mode=fragment` asks for the answer in the URL's fragment (`response_mode=fragment`), `&mode=form_post` in
 * a form the provider's page posts to the app.
 * Pressing the provider's "[ Cancel ]" link answers `access_denied` back to the app, which shows its
 * own error page for it. The app's token request is its own, server to server, as any app's is.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcServers {
  /** http://localhost:PORT */
  provider: string;
  /** http://127.0.0.1:PORT */
  app: string;
  /** The app's log, as "METHOD /path" (the provider's requests are not the extension's). */
  appLog: string[];
  close(): Promise<void>;
}

const CLIENT = { id: 'explainer-app', secret: 'app-secret-for-tests-only' };

async function listenOn(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function html(res: ServerResponse, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`);
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

/** The payload of a JWT, unverified (the API checks only its expiry and audience: enough for a test). */
function jwtPayload(token: string): { exp?: number; aud?: string | string[] } | null {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

export async function startOidcServers(): Promise<OidcServers> {
  let providerCallback: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const idp = await listenOn((req, res) => providerCallback?.(req, res));
  const appLog: string[] = [];
  let appHandler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const rp = await listenOn((req, res) => appHandler?.(req, res));
  const providerOrigin = `http://localhost:${idp.port}`;
  const appOrigin = `http://127.0.0.1:${rp.port}`;
  const api = `${appOrigin}/api`;
  const shortApi = `${appOrigin}/api-short`;

  const provider = new Provider(providerOrigin, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [`${appOrigin}/cb`], grant_types: ['authorization_code'], response_types: ['code'] }],
    cookies: { keys: ['test-cookie-key-not-secret'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string | string[]) => oneOf ?? api,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'api:read',
          audience: resource,
          accessTokenFormat: 'jwt',
          // The short-lived API's tokens have expired by the time the app uses them.
          accessTokenTTL: resource === shortApi ? 1 : 3600,
        }),
      },
    },
    scopes: ['openid', 'api:read'],
    // Set here so the provider does not print a notice for each default it falls back to.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
      AccessToken: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) => token.resourceServer?.accessTokenTTL ?? 3600,
    },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    // The default error page loads a web font from the internet: this one loads nothing.
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      const error = String(out.error ?? '').replace(/[^\w.-]/g, '');
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><h1>oops! something went wrong</h1><p id="error">${error}</p></body></html>`;
    },
  });
  providerCallback = provider.callback();

  /** Sign-ins under way (state → PKCE verifier and case) and signed-in sessions (id → access token). */
  const pending = new Map<string, { verifier: string; case: string }>();
  const sessions = new Map<string, string>();

  appHandler = (req, res) => {
    const url = new URL(req.url ?? '/', appOrigin);
    appLog.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/') {
      html(res, 200, 'App', '<p><a id="sign-in" href="/login?case=ok">Sign in</a></p>');
    } else if (url.pathname === '/popup-app') {
      // Sign-in in a window of its own, as many single-page apps do.
      html(res, 200, 'App', `<button id="sign-in" onclick="window.open('/login?case=ok', 'signin', 'popup,width=500,height=600')">Sign in</button>`);
    } else if (url.pathname === '/login') {
      const which = url.searchParams.get('case') ?? 'ok';
      const state = base64url(randomBytes(16));
      const verifier = base64url(randomBytes(32));
      pending.set(state, { verifier, case: which });
      const authorize = new URL('/auth', providerOrigin);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: CLIENT.id,
        redirect_uri: which === 'bad-redirect' ? `${appOrigin}/not-registered` : `${appOrigin}/cb`,
        scope: 'openid api:read',
        resource: which === 'expired' ? shortApi : api,
        state,
        nonce: base64url(randomBytes(16)),
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
        // `mode=fragment`: the provider answers in the URL's fragment, which only the page (and navigation events) see.
        ...(['fragment', 'form_post'].includes(url.searchParams.get('mode') ?? '') ? { response_mode: url.searchParams.get('mode')! } : {}),
      }).toString();
      res.writeHead(302, { location: authorize.href, 'cache-control': 'no-store' });
      res.end();
    } else if (url.pathname === '/cb' && req.method === 'POST') {
      // response_mode=form_post: the provider's page posts the answer to the app.
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const posted = new URL(`/cb?${body}`, appOrigin);
        void callback(posted, res);
      });
    } else if (url.pathname === '/cb') {
      void callback(url, res);
    } else if (url.pathname === '/app') {
      const token = sessions.get(/(?:^|;\s*)app_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '') ?? '';
      const apiPath = url.searchParams.get('api') === '/api-short/me' ? '/api-short/me' : '/api/me';
      // The page calls its API with the provider's token, as a single-page app does.
      const script = `fetch(${JSON.stringify(apiPath)}, { headers: { authorization: ${JSON.stringify(`Bearer ${token}`)} } }).then(async (r) => {
        const out = document.getElementById('out');
        out.textContent = r.ok ? 'Hello ' + (await r.json()).name : 'API answered ' + r.status;
        out.dataset.done = '1';
      });`;
      html(res, 200, 'App', `<p id="out">Loading…</p><script>${script}</script>`);
    } else if (url.pathname === '/api/me' || url.pathname === '/api-short/me') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const payload = token ? jwtPayload(token) : null;
      const expected = url.pathname.startsWith('/api-short') ? shortApi : api;
      const audienceOk = payload && (Array.isArray(payload.aud) ? payload.aud.includes(expected) : payload.aud === expected);
      if (!payload || !audienceOk) {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="app", error="invalid_token"', 'content-type': 'application/json' });
        res.end('{"error":"invalid_token"}');
      } else if ((payload.exp ?? 0) <= Math.floor(Date.now() / 1000)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="app", error="invalid_token", error_description="The access token expired"', 'content-type': 'application/json' });
        res.end('{"error":"invalid_token"}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end('{"name":"alice"}');
      }
    } else {
      html(res, 404, 'Not found', '');
    }
  };

  /** The way back: an error is the app's own error page; a code is exchanged for tokens, server to server. */
  async function callback(url: URL, res: ServerResponse): Promise<void> {
    if (url.search === '') {
      const script = "const out = document.getElementById('out'); out.textContent = new URLSearchParams(location.hash.slice(1)).has('error') ? 'The sign-in did not work.' : 'Signed in.'; out.dataset.done = '1';";
      html(res, 200, 'Finishing sign-in', `<p id="out">Loading…</p><script>${script}</script>`);
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    const started = pending.get(state);
    pending.delete(state);
    const error = url.searchParams.get('error');
    if (error) {
      html(res, 200, 'Sign-in failed', '<p id="out" data-done="1">The sign-in did not work. Please try again.</p>');
      return;
    }
    const code = url.searchParams.get('code');
    if (!started || !code) {
      html(res, 400, 'Bad callback', '<p id="out" data-done="1">Unknown sign-in.</p>');
      return;
    }
    const response = await fetch(new URL('/token', providerOrigin), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${appOrigin}/cb`, code_verifier: started.verifier }),
    });
    const tokens = (await response.json()) as { access_token?: string };
    if (!response.ok || !tokens.access_token) {
      html(res, 502, 'Sign-in failed', `<p id="out" data-done="1">Token request failed (${response.status}).</p>`);
      return;
    }
    const session = base64url(randomBytes(16));
    sessions.set(session, tokens.access_token);
    const apiPath = started.case === 'expired' ? '/api-short/me' : '/api/me';
    // The short-lived token must have expired when the page uses it (1 s lifetime, whole seconds).
    if (started.case === 'expired') await new Promise((resolve) => setTimeout(resolve, 2100));
    res.writeHead(302, { location: `/app?api=${encodeURIComponent(apiPath)}`, 'set-cookie': `app_session=${session}; Path=/; HttpOnly; SameSite=Lax`, 'cache-control': 'no-store' });
    res.end();
  }

  return {
    provider: providerOrigin,
    app: appOrigin,
    appLog,
    async close() {
      await Promise.all(
        [idp.server, rp.server].map((server) => {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeAllConnections();
          return closed;
        }),
      );
    },
  };
}
