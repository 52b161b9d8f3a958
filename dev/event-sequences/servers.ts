/**
 * The servers the event-sequence flows run against: the real ones of dev/real-servers.ts (nginx, Apache, squid
 * Basic and NTLM, docker-registry), a real OpenID Provider with its relying party (dev/oidc-servers.ts), a small
 * Node site, and the page the recorder is read through.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OidcServers, startOidcServers } from '../oidc-servers';
import { trickleRefusal } from '../test-server';
import {
  startApacheDigest,
  startNginx,
  startRegistry,
  startSquidBasic,
  startSquidNtlm,
  type RealProxy,
  type RealServer,
  type RegistryServer,
} from '../real-servers';

/** The page the recorder is checked (and, in Firefox, read) through; resolves to 127.0.0.1 in both browsers. */
export const READER_HOST = 'reader.test';
/** Another site for origin B (not just another port of 127.0.0.1): Chromium puts it in another process, as a real site. */
export const SITE_B_HOST = 'site-b.test';

/** What the trickling refusals of the flows say (the test server's own trickle says something hostile). */
const SESSION_EXPIRED = 'Bearer realm="shop", error="invalid_token", error_description="Session expired"';

/** Origin B under its own site name. */
export function crossSite(site: NodeSite): string {
  return `http://${SITE_B_HOST}:${site.port}`;
}

// A small Node site: two origins (A and B) for the cross-origin redirect, the single-page app and the page that
// calls the registry, and a third that only serves the page Firefox's events are read through.

export interface NodeSite {
  origin: string;
  port: number;
  /** "METHOD /path auth=<scheme or -> origin=<Origin or ->" per request. */
  log: string[];
  close(): Promise<void>;
}

const REPORT = "function report(text) { const out = document.getElementById('out'); out.textContent = text; out.dataset.done = '1'; }";
const page = (title: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p id="out">Loading…</p>${
    script ? `<script>${REPORT}\n${script}</script>` : ''
  }</body></html>`;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

async function startNodeSite(route: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<NodeSite> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push(`${req.method} ${url.pathname} auth=${req.headers.authorization?.split(' ')[0] ?? '-'} origin=${req.headers.origin ?? '-'}`);
    route(req, res, url);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface Servers {
  nginx: RealServer;
  apache: RealServer;
  squidBasic: RealProxy;
  squidNtlm: RealProxy;
  registry: RegistryServer;
  siteA: NodeSite;
  siteB: NodeSite;
  reader: NodeSite;
  /** The OpenID Provider (localhost) and its relying party (127.0.0.1) of dev/oidc-servers.ts. */
  oidc: OidcServers;
}

export async function startServers(): Promise<Servers> {
  let siteB: NodeSite | null = null;
  const siteA = await startNodeSite((_req, res, url) => {
    switch (url.pathname) {
      case '/xo-redirect':
        return send(res, 200, 'text/html; charset=utf-8', page('Cross-origin redirect', `fetch('/redirect', { headers: { Authorization: 'Bearer abc' } })
  .then((r) => report('API answered ' + r.status + ' from ' + r.url), (e) => report('API failed: ' + e));`));
      case '/redirect':
        return send(res, 302, 'text/plain', 'moved', { location: `${siteB!.origin}/api` });
      case '/spa':
        return send(res, 200, 'text/html; charset=utf-8', page('Single-page app', `fetch('/api/session').then((r) => {
  report('API answered ' + r.status);
  if (r.status === 401) location = '/login';
});`));
      case '/api/session':
        return send(res, 401, 'application/json', JSON.stringify({ error: 'login_required' }), { 'www-authenticate': 'Bearer realm="app", error="invalid_token"' });
      case '/login':
        return send(res, 200, 'text/html; charset=utf-8', page('Sign in', "report('Please sign in');"));
      case '/registry-page': {
        const registry = url.searchParams.get('registry') ?? '';
        return send(res, 200, 'text/html; charset=utf-8', page('Registry client', `fetch(${JSON.stringify(`${registry}/v2/`)})
  .then((r) => report('registry answered ' + r.status), (e) => report('registry fetch failed: ' + e));`));
      }
      case '/streams-401-then-leaves':
        // Refused, and its body never ends: its first chunk sends the tab to `to` (origin B).
        return trickleRefusal(res, `<script>location = ${JSON.stringify(url.searchParams.get('to') ?? '/')};</script>`, SESSION_EXPIRED);
      case '/framed':
        // Two frames of origin B, then the top frame leaves for `to` once the first frame's keepalive call is on its way.
        return send(res, 200, 'text/html; charset=utf-8', page('Framed', `addEventListener('message', (event) => { if (event.data === 'sent') location = ${JSON.stringify(url.searchParams.get('to') ?? '/')}; });
document.body.insertAdjacentHTML('beforeend', '<iframe src="${crossSite(siteB!)}/frame-doc-401"></iframe><iframe src="${crossSite(siteB!)}/frame-keepalive"></iframe>');`));
      case '/opener':
        // Opens site B in a new tab, then sends that tab to a refusal that is a download (it never commits) and never ends.
        return send(res, 200, 'text/html; charset=utf-8', page('Opener', `const tab = window.open(${JSON.stringify(`${crossSite(siteB!)}/landing`)});
report(tab ? 'opened' : 'blocked');
if (tab) setTimeout(() => { tab.location = location.origin + '/download-401'; }, 1500);`));
      case '/download-401':
        res.setHeader('content-disposition', 'attachment; filename="refused.txt"');
        return trickleRefusal(res, 'refused', SESSION_EXPIRED);
      case '/framed-stays':
        return send(res, 200, 'text/html; charset=utf-8', page('Framed, staying', `document.body.insertAdjacentHTML('beforeend', '<iframe src="${crossSite(siteB!)}/frame-fetch"></iframe>');
addEventListener('message', (event) => report('frame: ' + event.data));`));
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  });
  siteB = await startNodeSite((req, res, url) => {
    const cors = { 'access-control-allow-origin': siteA.origin, 'access-control-expose-headers': 'WWW-Authenticate' };
    const refusal = (realm: string) => send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_token' }), { 'www-authenticate': `Bearer realm="${realm}", error="invalid_token"` });
    switch (url.pathname) {
      case '/landing':
        return send(res, 200, 'text/html; charset=utf-8', page('Landing', "report('landed');"));
      case '/frame-doc-401':
        return trickleRefusal(res, '<p>Refused frame</p>', SESSION_EXPIRED);
      case '/frame-keepalive':
        return send(res, 200, 'text/html; charset=utf-8', page('Frame', "fetch('/api/slow-401', { keepalive: true }).catch(() => {}); parent.postMessage('sent', '*');"));
      case '/frame-fetch':
        return send(res, 200, 'text/html; charset=utf-8', page('Frame', "fetch('/api/frame-401').then((r) => parent.postMessage('API answered ' + r.status, '*'));"));
      case '/api/slow-401':
        return void setTimeout(() => refusal('slow'), 2_000);
      case '/api/frame-401':
        return refusal('frame');
      case '/api':
        break;
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET' });
      return res.end();
    }
    return send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_token' }), { ...cors, 'www-authenticate': 'Bearer realm="api-b", error="invalid_token"' });
  });
  const reader = await startNodeSite((_req, res) => send(res, 200, 'text/html; charset=utf-8', page('Recorder reader')));
  // Named, not 127.0.0.1: a proxy bypass rule for a loopback address is ignored once <-loopback> sends loopback
  // through the proxy (Chromium), and a name keeps the reader's load away from the proxy under test.
  reader.origin = `http://${READER_HOST}:${reader.port}`;
  const [nginx, apache, squidBasic, squidNtlm, registry] = [await startNginx(), await startApacheDigest(), await startSquidBasic(), await startSquidNtlm(), await startRegistry()];
  const oidc = await startOidcServers();
  return { nginx, apache, squidBasic, squidNtlm, registry, siteA, siteB, reader, oidc };
}
