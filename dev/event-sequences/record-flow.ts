/**
 * Records one flow in one browser into tests/fixtures/event-sequences/<browser>/<flow>.json: a fresh browser,
 * the flow, then only the flow's own origins' events, ports rewritten to fixed numbers and time relative.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserName, launchChromium, launchFirefox, type RecordedEvent, sleep } from './drivers';
import type { Flow, FlowContext } from './flows';
import type { Servers } from './servers';
import { FIXTURE_DIR, type Recorded, sequenceLine } from './summary';

// Normalising: fixed ports, relative time, only the flow's origins.

/** Fixed ports the fixtures use instead of the random ones of a run. */
const PORTS = { nginx: 8081, apache: 8082, siteA: 8001, siteB: 8002, registry: 5000, tokenRealm: 5001, squidBasic: 3128, squidNtlm: 3129, oidcProvider: 9001, oidcApp: 9002 } as const;

function portMap(servers: Servers): Map<number, number> {
  return new Map<number, number>([
    [servers.nginx.port, PORTS.nginx],
    [servers.apache.port, PORTS.apache],
    [servers.siteA.port, PORTS.siteA],
    [servers.siteB.port, PORTS.siteB],
    [servers.registry.port, PORTS.registry],
    [Number(new URL(servers.registry.tokenRealm).port), PORTS.tokenRealm],
    [servers.squidBasic.port, PORTS.squidBasic],
    [servers.squidNtlm.port, PORTS.squidNtlm],
    [Number(new URL(servers.oidc.provider).port), PORTS.oidcProvider],
    [Number(new URL(servers.oidc.app).port), PORTS.oidcApp],
  ]);
}

function rewritePorts<T>(value: T, ports: Map<number, number>): T {
  // Plain and percent-encoded (a URL inside a query string).
  const rewrite = (text: string) =>
    text.replace(/(127\.0\.0\.1|site-b\.test|localhost)(:|%3A)(\d+)/gi, (whole, host: string, colon: string, port: string) => (ports.has(Number(port)) ? `${host}${colon}${ports.get(Number(port))}` : whole));
  const walk = (item: unknown, key = ''): unknown => {
    if (typeof item === 'string') return rewrite(item);
    if (typeof item === 'number' && key === 'port') return ports.get(item) ?? item;
    if (Array.isArray(item)) return item.map((entry) => walk(entry));
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v, k)]));
    return item;
  };
  return walk(value) as T;
}

function keep(events: RecordedEvent[], origins: string[]): RecordedEvent[] {
  const hosts = new Set(origins.map((origin) => new URL(origin).host));
  const kept = events.filter((e) => (e.event.startsWith('recorder.') && e.event !== 'recorder.started') || (e.url !== undefined && URL.canParse(e.url) && hosts.has(new URL(e.url).host)));
  // Arrival order is kept (what a listener lives through); time counts from the earliest event, which in
  // Firefox may arrive after later-stamped webNavigation events.
  const start = Math.min(...kept.map((e) => (typeof e.timeStamp === 'number' ? e.timeStamp : Infinity)));
  return kept.map((e) => (typeof e.timeStamp === 'number' && Number.isFinite(start) ? { ...e, timeStamp: Math.round((e.timeStamp - start) * 10) / 10 } : e));
}

export async function recordFlow(flow: Flow, browser: BrowserName, servers: Servers): Promise<Recorded> {
  const options = flow.launch(servers);
  const driver =
    browser === 'firefox' ? await launchFirefox(options, servers.reader.origin) : await launchChromium(options, servers.reader.origin, browser === 'chromium');
  try {
    const context: FlowContext = {
      servers,
      driver,
      events: () => driver.events(),
      waitForEvent: async (test, timeoutMs = 10_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = (await driver.events()).find(test);
          if (found) return found;
          if (Date.now() > deadline) throw new Error(`${flow.name} (${browser}): the awaited event did not come within ${timeoutMs / 1000} s`);
          await sleep(100);
        }
      },
    };
    const result = await flow.run(context);
    const events = keep((await driver.events()).slice(result.fromIndex ?? 0), flow.origins(servers));
    const ports = portMap(servers);
    const credentialsHow = flow.name.endsWith('-by-extension') ? 'the recorder extension (blocking onAuthRequired → authCredentials)' : driver.credentialsHow;
    const fixture = rewritePorts(
      {
        flow: flow.name,
        browser: driver.version,
        producedBy: 'npx tsx scripts/record-event-sequences.ts',
        how: flow.how,
        credentials: credentialsHow,
        visible: result.visible,
        notes: result.notes ?? [],
        ports: 'rewritten to fixed numbers: nginx 8081, Apache 8082, Node origin A 8001, B 8002, registry 5000 (token realm 5001), squid Basic 3128, squid NTLM 3129',
        events,
      },
      ports,
    );
    const dir = join(FIXTURE_DIR, browser);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${flow.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
    const line = sequenceLine(fixture.events);
    console.log(`${browser} ${flow.name}: ${events.length} events; ${fixture.visible}\n  ${line}`);
    return { flow: flow.name, browser, visible: fixture.visible, line, credentialsHow };
  } finally {
    await driver.close();
  }
}
