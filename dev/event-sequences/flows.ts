/**
 * The flows: what each one opens, with which credentials or proxy, what it waits for, and which origins' events
 * its fixture keeps. FLOWS is their order in the fixtures' README and SUMMARY.
 */
import { spawnSync } from 'node:child_process';
import { ALICE } from '../real-servers';
import { type BrowserName, type Driver, type LaunchOptions, type RecordedEvent, sleep, type Tab } from './drivers';
import { crossSite, type Servers } from './servers';

/**
 * Flows where headless Chromium behaves unlike a person's browser: it has no sign-in dialog, so it cancels a
 * main-frame challenge at once (and leaves a fetch's pending). Recorded again with a window.
 */
export const DIALOG_FLOWS = [
  'nginx-basic-no-credentials',
  'nginx-basic-answered-in-dialog',
  'nginx-api-fetch-401',
  'squid-basic-no-credentials',
  'squid-basic-answered-in-dialog',
];

export interface FlowContext {
  servers: Servers;
  driver: Driver;
  /** Events so far (all origins). */
  events(): Promise<RecordedEvent[]>;
  /** Waits until an event matching `test` was recorded. */
  waitForEvent(test: (event: RecordedEvent) => boolean, timeoutMs?: number): Promise<RecordedEvent>;
}

export interface FlowResult {
  /** What the person finally sees. */
  visible: string;
  /** Keep events from this index on (e.g. only the second load). */
  fromIndex?: number;
  notes?: string[];
}

export interface Flow {
  name: string;
  /** Only in these browsers (default: all; chromium-headful runs DIALOG_FLOWS only). */
  browsers?: BrowserName[];
  /** How it is produced (README). */
  how: string;
  /** The origins whose events are kept. */
  origins(servers: Servers): string[];
  launch(servers: Servers): LaunchOptions;
  run(context: FlowContext): Promise<FlowResult>;
}

/** Starts a navigation that may never finish (a sign-in dialog holds it); failures are for the events to tell. */
function navigate(tab: Tab, url: string): void {
  tab.goto(url, { timeout: 60_000 }).catch(() => {});
}

/** What the page's script reported in #out (or what it shows after `timeout` if it never reported). */
async function text(tab: Tab, timeout = 10_000): Promise<string> {
  const reported = await tab.waitForSelector('#out[data-done]', { timeout }).then(
    () => true,
    () => false,
  );
  const shown = await tab.evaluate(() => `${document.title}: ${document.querySelector('#out')?.textContent ?? document.body.innerText.slice(0, 120)}`).catch(() => '(page not readable)');
  return reported ? shown : `${shown} (the script had not reported after ${timeout / 1000} s)`;
}

/** Lines a server added to one of its logs since `before` (a length of that log). */
function logSince(server: { readFile(name: string): string }, name: string, before: number): string[] {
  return server.readFile(name).slice(before).trim().split('\n').filter(Boolean);
}

/** The final main-frame answer and what the tab shows, from the events and the page. */
async function mainFrameOutcome(context: FlowContext, tab: Tab, origin: string, fromIndex = 0): Promise<string> {
  const all = (await context.events()).slice(fromIndex);
  const events = all.filter((e) => e.type === 'main_frame' && e.url?.startsWith(origin));
  const completed = events.filter((e) => e.event === 'onCompleted').at(-1);
  const failed = events.filter((e) => e.event === 'onErrorOccurred').at(-1);
  // The tab's last word on the navigation: an error page (Chromium commits one under its sign-in dialog) or a commit.
  const lastNav = all.filter((e) => (e.event === 'nav.onErrorOccurred' || e.event === 'nav.onCommitted') && e.url?.startsWith(origin) && e.frameId === 0).at(-1);
  const navError = lastNav?.event === 'nav.onErrorOccurred' ? lastNav : undefined;
  const committed = lastNav?.event === 'nav.onCommitted';
  const body = await Promise.race([
    tab.evaluate(() => `${document.title || '(no title)'}: ${(document.body?.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 100)}`),
    sleep(3_000).then(() => '(page did not answer)'),
  ]).catch((error: unknown) => `(page not readable: ${String(error).split('\n')[0]})`);
  const navigation = navError ? `navigation failed with ${String(navError.error)}` : committed ? 'committed' : 'nothing committed: held at the sign-in prompt';
  if (completed) return `main frame completed with ${completed.statusCode}, ${navigation}; tab shows ${body}`;
  if (failed) return `main frame failed with ${String(failed.error)}, ${navigation}; tab shows ${body}`;
  const last = events.filter((e) => e.statusCode).at(-1);
  return `main frame not completed (last status ${last?.statusCode ?? 'none'}), ${navigation}; tab shows ${body}`;
}

export const FLOWS: Flow[] = [
  {
    name: 'nginx-basic-no-credentials',
    how: 'open nginx /basic/ (auth_basic) with no credentials; wait 2 s after the 401',
    origins: (s) => [s.nginx.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/basic/`);
      await c.waitForEvent((e) => e.event === 'onHeadersReceived' && e.statusCode === 401);
      await sleep(2_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'nginx-basic-answered',
    how: 'open nginx /basic/ with alice/wonderland given to the browser driver, answered at the sign-in prompt',
    origins: (s) => [s.nginx.origin],
    launch: () => ({ credentials: ALICE }),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/basic/`);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame');
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'nginx-basic-wrong-password',
    how: 'open nginx /basic/ with alice and a wrong password given to the browser driver: the browser answers the prompt, the server refuses again',
    origins: (s) => [s.nginx.origin],
    launch: () => ({ credentials: { username: ALICE.username, password: 'not-the-password' } }),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/basic/`);
      await sleep(3_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'nginx-api-fetch-401',
    how: "open nginx /app.html (open); its script's fetch('/api/data') gets nginx's Basic 401 (no credentials)",
    origins: (s) => [s.nginx.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/app.html`);
      const shown = await text(tab);
      await sleep(1_000);
      return { visible: shown };
    },
  },
  {
    name: 'apache-digest-stale',
    how: 'open Apache /digest/ (Digest, nonce lifetime 2 s) with alice/wonderland given to the driver, wait 3 s, open it again in the same tab; only the second load is kept',
    origins: (s) => [s.apache.origin],
    launch: () => ({ credentials: ALICE }),
    run: async (c) => {
      const logBefore = c.servers.apache.readFile('access.log').length;
      const tab = await c.driver.newTab();
      const url = `${c.servers.apache.origin}/digest/`;
      navigate(tab, url);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame');
      await sleep(3_000);
      const fromIndex = (await c.events()).length;
      navigate(tab, `${url}?again=1`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame' && String(e.url).includes('again=1'));
      await sleep(500);
      const log = logSince(c.servers.apache, 'access.log', logBefore).map((line) => line.replace(/auth="Digest .*nonce=\\"([^\\]*)\\".*nc=([0-9a-f]+).*"/, 'auth=Digest nonce=$1 nc=$2'));
      return { visible: await mainFrameOutcome(c, tab, c.servers.apache.origin, fromIndex), fromIndex, notes: ['Apache access.log (first and second load):', ...log] };
    },
  },
  ...(['right', 'wrong'] as const).map(
    (which): Flow => ({
      name: `apache-dav-xhr-${which}-password`,
      how: `open Apache /dav-client.html (open); its XMLHttpRequest PROPFIND /dav/ (mod_dav, Basic) is given alice and the ${which} password by the page (open(method, url, async, user, password))`,
      origins: (s) => [s.apache.origin],
      launch: () => ({}),
      run: async (c) => {
        const logBefore = c.servers.apache.readFile('access.log').length;
        const tab = await c.driver.newTab();
        navigate(tab, `${c.servers.apache.origin}/dav-client.html${which === 'wrong' ? '?password=not-the-password' : ''}`);
        const shown = await text(tab);
        await sleep(1_000);
        return { visible: shown, notes: ['Apache access.log:', ...logSince(c.servers.apache, 'access.log', logBefore).map((line) => line.replace(/auth="Basic [^"]*"/, 'auth=Basic'))] };
      },
    }),
  ),
  {
    name: 'squid-basic-no-credentials',
    how: 'browser set to use squid (Basic proxy auth) for everything, 127.0.0.1 included; open nginx / (open) with no proxy credentials; wait 2 s after the 407',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidBasic.server, port: s.squidBasic.port } }),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => e.event === 'onHeadersReceived' && e.statusCode === 407);
      await sleep(2_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin) };
    },
  },
  {
    name: 'squid-basic-answered',
    how: 'browser set to use squid (Basic proxy auth); open nginx / with proxy credentials alice/wonderland given to the driver',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidBasic.server, port: s.squidBasic.port, ...ALICE } }),
    run: async (c) => {
      const logBefore = c.servers.squidBasic.readFile('access.log').length;
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame');
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin), notes: ['squid access.log:', ...logSince(c.servers.squidBasic, 'access.log', logBefore)] };
    },
  },
  {
    name: 'squid-ntlm-answered',
    how: 'browser set to use squid with NTLM proxy auth (ntlm_fake_auth: any password passes); open nginx / with proxy credentials alice/wonderland given to the driver',
    origins: (s) => [s.nginx.origin],
    launch: (s) => ({ proxy: { server: s.squidNtlm.server, port: s.squidNtlm.port, ...ALICE } }),
    run: async (c) => {
      const logBefore = c.servers.squidNtlm.readFile('access.log').length;
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.nginx.origin}/`);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame', 15_000).catch(() => null);
      await sleep(1_000);
      return { visible: await mainFrameOutcome(c, tab, c.servers.nginx.origin), notes: ['squid access.log:', ...logSince(c.servers.squidNtlm, 'access.log', logBefore)] };
    },
  },
  {
    name: 'cross-origin-redirect-drops-authorization',
    how: "page on Node origin A calls fetch('/redirect', { headers: { Authorization: 'Bearer abc' } }); A answers 302 to origin B /api, which answers 401 Bearer (CORS-readable)",
    origins: (s) => [s.siteA.origin, s.siteB.origin],
    launch: () => ({}),
    run: async (c) => {
      const before = { a: c.servers.siteA.log.length, b: c.servers.siteB.log.length };
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/xo-redirect`);
      const shown = await text(tab);
      await sleep(1_000);
      return {
        visible: shown,
        notes: ['what the servers received:', ...c.servers.siteA.log.slice(before.a).map((l) => `A: ${l}`), ...c.servers.siteB.log.slice(before.b).map((l) => `B: ${l}`)],
      };
    },
  },
  {
    name: 'spa-401-then-login',
    how: "page on Node origin A fetches /api/session (401 Bearer), then its script sets location = '/login' (200)",
    origins: (s) => [s.siteA.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/spa`);
      await c.waitForEvent((e) => e.event === 'nav.onCompleted' && String(e.url).endsWith('/login'));
      await sleep(500);
      return { visible: await text(tab) };
    },
  },
  {
    name: 'registry-401',
    how: 'page on Node origin A fetches the docker-registry /v2/ (cross-origin, no CORS headers); then the tab navigates to the registry /v2/library/alpine/manifests/latest',
    origins: (s) => [s.siteA.origin, s.registry.origin],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/registry-page?registry=${encodeURIComponent(c.servers.registry.origin)}`);
      const fetched = await text(tab);
      const manifest = `${c.servers.registry.origin}/v2/library/alpine/manifests/latest`;
      navigate(tab, manifest);
      await c.waitForEvent((e) => (e.event === 'onCompleted' || e.event === 'onErrorOccurred') && e.type === 'main_frame' && e.url === manifest);
      await sleep(500);
      return { visible: `page fetch: ${fetched} | then ${await mainFrameOutcome(c, tab, c.servers.registry.origin)}` };
    },
  },
  {
    name: 'page-401-streams-then-leaves',
    how: "origin A's page is refused (401 Bearer) and its body keeps trickling; its first chunk's script sets location to site B's /landing (200; another site: site-b.test); wait 4 s after B's page loaded (past the hold of an open refusal)",
    origins: (s) => [s.siteA.origin, crossSite(s.siteB)],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      const landing = `${crossSite(c.servers.siteB)}/landing`;
      navigate(tab, `${c.servers.siteA.origin}/streams-401-then-leaves?to=${encodeURIComponent(landing)}`);
      await c.waitForEvent((e) => e.event === 'nav.onCompleted' && e.frameId === 0 && e.url === landing);
      await sleep(4_000);
      return { visible: await text(tab) };
    },
  },
  {
    name: 'frames-401-outlive-their-page',
    how: "origin A's page holds two frames of site B (another site: site-b.test): one refused (401) with a body that keeps trickling, one whose keepalive fetch B answers with 401 after 2 s; once that fetch is sent, the top frame goes to B's /landing; wait 4 s after it loaded",
    origins: (s) => [s.siteA.origin, crossSite(s.siteB)],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      const landing = `${crossSite(c.servers.siteB)}/landing`;
      navigate(tab, `${c.servers.siteA.origin}/framed?to=${encodeURIComponent(landing)}`);
      await c.waitForEvent((e) => e.event === 'nav.onCompleted' && e.frameId === 0 && e.url === landing);
      await sleep(4_000);
      return { visible: await text(tab) };
    },
  },
  {
    name: 'navigation-401-never-commits',
    how: "origin A's page opens site B's /landing in a new tab (window.open), then sets that tab's location to A's /download-401: a 401 with Content-Disposition: attachment whose body keeps trickling (it never commits); wait 5 s",
    origins: (s) => [s.siteA.origin, crossSite(s.siteB)],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/opener`);
      const shown = await text(tab);
      await c.waitForEvent((e) => e.event === 'onHeadersReceived' && String(e.url).endsWith('/download-401'), 15_000).catch(() => null);
      await sleep(5_000);
      return { visible: shown };
    },
  },
  {
    name: 'frame-fetch-401-stays',
    how: "origin A's page holds a frame of site B (another site: site-b.test) whose fetch('/api/frame-401') gets a 401 Bearer; the page stays",
    origins: (s) => [s.siteA.origin, crossSite(s.siteB)],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.siteA.origin}/framed-stays`);
      const shown = await text(tab);
      await sleep(1_000);
      return { visible: shown };
    },
  },
  {
    name: 'oidc-sign-in-ok',
    how: "the app (Node relying party, 127.0.0.1) sends the tab to oidc-provider (localhost) for an authorization-code sign-in; any login, consent, back at the app's /cb with a code, redirected to /app, whose API call works",
    origins: (s) => [s.oidc.provider, s.oidc.app],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.oidc.app}/login?case=ok`);
      await tab.waitForSelector('input[name=login]', { timeout: 15_000 });
      await tab.evaluate(() => {
        const form = document.querySelector('form')!;
        (form.querySelector('input[name=login]') as HTMLInputElement).value = 'alice';
        (form.querySelector('input[name=password]') as HTMLInputElement).value = 'wonderland';
        form.submit();
      });
      await tab.waitForSelector('form:has(input[name=prompt][value=consent]) button', { timeout: 15_000 });
      await tab.evaluate(() => document.querySelector('form')!.submit());
      const shown = await text(tab);
      await sleep(1_000);
      return { visible: shown };
    },
  },
  {
    name: 'oidc-access-denied-fragment',
    how: "the app sends the tab to oidc-provider with response_mode=fragment; the person presses the provider's [ Cancel ]; the provider answers access_denied in the fragment of the app's /cb",
    origins: (s) => [s.oidc.provider, s.oidc.app],
    launch: () => ({}),
    run: async (c) => {
      const tab = await c.driver.newTab();
      navigate(tab, `${c.servers.oidc.app}/login?case=ok&mode=fragment`);
      await tab.waitForSelector('a[href*="/abort"]', { timeout: 15_000 });
      await tab.evaluate(() => (document.querySelector('a[href*="/abort"]') as HTMLAnchorElement).click());
      const shown = await text(tab);
      await sleep(1_000);
      return { visible: `${shown} (${tab.url().replace(/#.*/, '#…')})` };
    },
  },
];

/**
 * The same flow with the credentials given by the recorder extension in onAuthRequired instead of the browser
 * driver: what another extension sees when a person answers the sign-in dialog (the driver's DevTools/BiDi
 * answer comes before, and in Chromium instead of, the extensions' onAuthRequired).
 */
function answeredByExtension(flow: Flow): Flow {
  return {
    ...flow,
    name: `${flow.name}-by-extension`,
    how: `${flow.how.replace(/ given to the (browser )?driver/g, '')}; the credentials are given by the recorder extension in a blocking onAuthRequired listener, not by the driver`,
    launch: (servers) => {
      const options = flow.launch(servers);
      return { ...(options.proxy ? { proxy: { server: options.proxy.server, port: options.proxy.port } } : {}) };
    },
    run: async (context) => {
      await context.driver.answerAuthWith(ALICE);
      return flow.run(context);
    },
  };
}
/**
 * The same flow answered the way a person does: the user name and password typed into Chromium's own sign-in
 * dialog (xdotool, in the window under Xvfb). Only Chromium with a window has that dialog here.
 */
function answeredInDialog(flow: Flow, challenge: 401 | 407): Flow {
  return {
    ...flow,
    name: `${flow.name}-in-dialog`,
    browsers: ['chromium-headful'],
    how: `${flow.how.replace(/ given to the (browser )?driver/g, '')}; typed into Chromium's sign-in dialog with xdotool (Chromium with a window under Xvfb)`,
    launch: (servers) => {
      const options = flow.launch(servers);
      return { ...(options.proxy ? { proxy: { server: options.proxy.server, port: options.proxy.port } } : {}) };
    },
    run: async (c) => {
      const origin = c.servers.nginx.origin;
      const tab = await c.driver.newTab();
      navigate(tab, `${origin}${flow.name.startsWith('nginx') ? '/basic/' : '/'}`);
      await c.waitForEvent((e) => e.event === 'onAuthRequired' && e.statusCode === challenge);
      await sleep(1_500); // the dialog comes once the error page has committed
      const typed = spawnSync('sh', ['-c', `xdotool type --delay 20 '${ALICE.username}' && xdotool key Tab && xdotool type --delay 20 '${ALICE.password}' && xdotool key Return`], { encoding: 'utf8' });
      if (typed.status !== 0) throw new Error(`xdotool failed (apt-get install -y xdotool): ${typed.stderr}`);
      await c.waitForEvent((e) => e.event === 'onCompleted' && e.type === 'main_frame' && e.statusCode === 200);
      await sleep(500);
      return { visible: await mainFrameOutcome(c, tab, origin) };
    },
  };
}

for (const name of ['nginx-basic-answered', 'apache-digest-stale', 'squid-basic-answered', 'squid-ntlm-answered']) {
  const flow = FLOWS.find((f) => f.name === name)!;
  const variants = [answeredByExtension(flow)];
  if (name === 'nginx-basic-answered') variants.push(answeredInDialog(flow, 401));
  if (name === 'squid-basic-answered') variants.push(answeredInDialog(flow, 407));
  FLOWS.splice(FLOWS.indexOf(flow) + 1, 0, ...variants);
}
