/**
 * What the badge would say for each flow recorded from real Chromium and Firefox against real
 * server software (nginx, Apache, squid, the Docker registry): the browser's own event order and
 * timing, replayed through the observer and the store.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabStore } from '../../src/background/tab-store';
import type { RefusalRecord, TabLog } from '../../src/capture/types';
import { diagnose } from '../../src/diagnosis/diagnose';
import { markerStatus, warnings } from '../../src/view/page-status';
import { en } from '../../dev/i18n';
import { allFixtures, replay } from '../support/replay';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const top = (log: TabLog) => diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }).causes[0]?.id;
const listedRecovered = (log: TabLog) => log.records.some((r) => r.recovered !== null);

/** What each flow must end as. A flow recorded without an entry here fails: every fixture is judged. */
const EXPECTED: Record<string, (log: TabLog, browser: string, store: TabStore) => void> = {
  'nginx-basic-no-credentials': (log) => {
    expect(warnings(log)).toHaveLength(1); // shown while the sign-in is asked for (or after it was refused)
    expect(top(log)).toBe('no-credentials');
  },
  'nginx-basic-wrong-password': (log, browser) => {
    expect(warnings(log)).toHaveLength(1);
    if (browser === 'firefox') {
      // Firefox shows the browser's own answers (Authorization: Basic on the retries): the password was refused.
      expect(top(log)).toBe('credentials-rejected');
      expect(log.records[0]!.retriedByBrowser).toBe(true);
      const evidence = diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }).causes[0]!.evidence.join(' ');
      expect(evidence).toContain('the password you (or the browser) gave was not accepted');
      expect(evidence).not.toMatch(/no Authorization header|nothing was sent/i);
    } else {
      // Chromium answers with the driver's credentials where no listener sees it: one 401, and no
      // onAuthRequired (the browser asked no one), so the password it gave was refused.
      expect(top(log)).toBe('credentials-rejected');
      expect(log.records[0]!.answeredOutOfSight).toBe(true);
      expect(diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }).causes[0]!.evidence.join(' ')).toContain('without asking you');
    }
  },
  'apache-dav-xhr-right-password': (log) => {
    expect(warnings(log)).toEqual([]);
  },
  'apache-dav-xhr-wrong-password': (log, browser) => {
    // The page gave the password (XMLHttpRequest open with user and password); the server refused it.
    expect(warnings(log)).toHaveLength(1);
    expect(top(log)).toBe('credentials-rejected');
    expect(log.records[0]![browser === 'firefox' ? 'retriedByBrowser' : 'answeredOutOfSight']).toBe(true);
  },
  'nginx-basic-answered': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(listedRecovered(log)).toBe(true);
  },
  'nginx-basic-answered-by-extension': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(listedRecovered(log)).toBe(true);
  },
  'nginx-basic-answered-in-dialog': (log) => {
    // Headful Chromium ends the first request with 401 and loads the page in a new one after the dialog.
    expect(warnings(log)).toEqual([]);
    expect(log.previous).toBeNull();
  },
  'nginx-api-fetch-401': (log) => {
    expect(warnings(log)).toHaveLength(1); // held at the browser's sign-in prompt: shown after the grace time
  },
  'apache-digest-stale': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(log.records.map((r) => r.recovered?.how)).toEqual(['same-request']);
  },
  'apache-digest-stale-by-extension': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(log.records.map((r) => r.recovered?.how)).toEqual(['same-request']);
  },
  'squid-basic-no-credentials': (log) => {
    expect(warnings(log).map((r) => r.status)).toEqual([407]);
    expect(top(log)).toBe('proxy-auth');
  },
  'squid-basic-answered': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(listedRecovered(log)).toBe(true);
  },
  'squid-basic-answered-by-extension': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(listedRecovered(log)).toBe(true);
  },
  'squid-basic-answered-in-dialog': (log) => {
    expect(warnings(log)).toEqual([]);
    expect(log.previous).toBeNull();
  },
  // ntlm_fake_auth's handshake fails in both browsers here (see the fixtures' notes): a real refusal, shown.
  'squid-ntlm-answered': (log) => {
    expect(warnings(log).length).toBeGreaterThan(0);
    expect(top(log)).toBe('proxy-auth');
  },
  'squid-ntlm-answered-by-extension': (log) => {
    expect(warnings(log).length).toBeGreaterThan(0);
    expect(top(log)).toBe('proxy-auth');
  },
  'cross-origin-redirect-drops-authorization': (log) => {
    expect(top(log)).toBe('auth-dropped-on-redirect');
  },
  'spa-401-then-login': (log) => {
    expect(warnings(log)).toEqual([]); // the login page itself is fine
    expect(log.previous?.records.map((r) => new URL(r.url).pathname)).toEqual(['/api/session']);
  },
  'registry-401': (log) => {
    expect(top(log)).toBe('registry-token');
  },
  // A refused page whose body never ends sends the tab to another site; its refusal ends after that site committed
  // (Chromium) or before (Firefox): either way it is the page before's, labelled with its own address.
  'page-401-streams-then-leaves': (log) => {
    expect(log.records).toEqual([]);
    expect(new URL(log.pageUrl!).pathname).toBe('/landing');
    expect(new URL(log.previous!.url!).pathname).toBe('/streams-401-then-leaves');
    expect(paths(log.previous!.records)).toEqual(['/streams-401-then-leaves']);
  },
  // A frame's refusal whose body never ends, and another frame's keepalive call answered 2 s after the top frame
  // went to another site (Firefox's keepalive call names no document: the frame it came from tells).
  'frames-401-outlive-their-page': (log) => {
    expect(log.records).toEqual([]);
    expect(new URL(log.previous!.url!).pathname).toBe('/framed');
    expect(paths(log.previous!.records).sort()).toEqual(['/api/slow-401', '/frame-doc-401']);
  },
  // Origin A's page opens site B in a new tab, then sends that tab to A's refusal, a download that never commits.
  // Chromium shows an error page of its own for it: that tab's page is A's then. Firefox keeps B's page (the
  // download gets a tab of its own): A's refusal is at most the page before there, labelled with its address.
  'navigation-401-never-commits': (_log, browser, store) => {
    const logs = store.tabIds().map((id) => store.get(id)!);
    for (const log of logs) for (const r of log.records) expect(new URL(r.url).origin).toBe(new URL(log.pageUrl!).origin);
    const victim = logs.find((log) => [log.pageUrl, log.left?.url].some((url) => url?.endsWith('/landing')))!;
    if (browser === 'chromium') {
      expect(new URL(victim.pageUrl!).pathname).toBe('/download-401');
      expect(paths(victim.records)).toEqual(['/download-401']);
    } else {
      expect(new URL(victim.pageUrl!).pathname).toBe('/landing');
      expect(victim.records).toEqual([]);
      expect(new URL(victim.previous!.url!).pathname).toBe('/download-401');
    }
  },
  // A frame of the page refused: the page's (badge), never the marker's.
  'frame-fetch-401-stays': (log) => {
    expect(paths(warnings(log))).toEqual(['/api/frame-401']);
    expect(markerStatus(log).refused).toBe(0);
  },
  // Sign-ins through oidc-provider refuse no request: no badge (their stories: sign-in-replay.test.ts).
  'oidc-sign-in-ok': (log) => {
    expect(log.records).toEqual([]);
  },
  'oidc-access-denied-fragment': (log) => {
    expect(log.records).toEqual([]);
  },
};

const paths = (records: readonly RefusalRecord[]) => records.map((r) => new URL(r.url).pathname);

describe('recorded flows, replayed', () => {
  it.each(allFixtures())('%s: %s', async (browser, flow, fixture) => {
    const judge = EXPECTED[flow];
    expect(judge, `no expectation for the recorded flow ${flow}`).toBeDefined();
    const { store, tabId } = await replay(fixture);
    const log = store.get(tabId);
    expect(log, `no state for tab ${tabId} (${fixture.visible})`).toBeDefined();
    judge!(log as TabLog, browser, store);
  });
});
