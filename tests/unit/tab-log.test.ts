import { describe, expect, it } from 'vitest';
import { addRefusal, commitNavigation, createTabLog, markRecovered, markerStatus, startNavigation, unrecovered, warnings } from '../../src/capture/tab-log';
import { refusal } from '../support/records';

describe('addRefusal', () => {
  it('counts repeats of the same unrecovered refusal on one record (polling loops cost one record)', () => {
    const log = createTabLog(1);
    for (let i = 0; i < 10_000; i++) addRefusal(log, refusal({ requestId: `poll${i}`, timeStamp: 5_000 + i }));
    expect(log.records).toHaveLength(1);
    expect(log.records[0]!.count).toBe(10_000);
    expect(log.records[0]!.lastSeen).toBe(5_000 + 9_999);
    expect(log.total).toBe(10_000);
  });

  it('keeps at most the cap of distinct records, dropping the oldest and counting them', () => {
    const log = createTabLog(1);
    for (let i = 0; i < 250; i++) addRefusal(log, refusal({ url: `https://app.example/item/${i}` }), 100);
    expect(log.records).toHaveLength(100);
    expect(log.dropped).toBe(150);
    expect(log.total).toBe(250);
    expect(log.records[0]!.url).toBe('https://app.example/item/150');
  });
});

describe('markRecovered', () => {
  it('marks the same request retried by the browser (sign-in dialog, handshake) as recovered', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'dialog', type: 'main_frame', timeStamp: 1_000 }));
    expect(markRecovered(log, { requestId: 'dialog', method: 'GET', url: 'https://other.example/', timeStamp: 900_000 })).toBe(true);
    expect(log.records[0]!.recovered).toEqual({ at: 900_000, how: 'same-request' });
    expect(unrecovered(log)).toHaveLength(0);
  });

  it('marks a later success on the same URL and method within the window as a retry', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'a', timeStamp: 1_000 }));
    expect(markRecovered(log, { requestId: 'b', method: 'GET', url: 'https://app.example/api/me', timeStamp: 1_500 })).toBe(true);
    expect(log.records[0]!.recovered?.how).toBe('retry');
  });

  it.each([
    ['another URL', { url: 'https://app.example/api/other', method: 'GET', timeStamp: 1_500 }],
    ['another method', { url: 'https://app.example/api/me', method: 'POST', timeStamp: 1_500 }],
    ['too late', { url: 'https://app.example/api/me', method: 'GET', timeStamp: 1_000 + 61_000 }],
    ['before the refusal', { url: 'https://app.example/api/me', method: 'GET', timeStamp: 500 }],
  ])('does not count a success on %s', (_name, success) => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'a', timeStamp: 1_000 }));
    expect(markRecovered(log, { requestId: 'b', ...success })).toBe(false);
    expect(unrecovered(log)).toHaveLength(1);
  });

  it('starts a new record when a recovered request is refused again', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'a', timeStamp: 1_000 }));
    markRecovered(log, { requestId: 'a', method: 'GET', url: '', timeStamp: 1_100 });
    addRefusal(log, refusal({ requestId: 'c', timeStamp: 2_000 }));
    expect(log.records).toHaveLength(2);
    expect(unrecovered(log)).toHaveLength(1);
  });
});

describe('navigation', () => {
  it("keeps the refusal of the navigation that produced the new page and drops the old page's", () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'old', timeStamp: 1_000, url: 'https://a.example/old' }));
    startNavigation(log, 'nav', 2_000);
    addRefusal(log, refusal({ requestId: 'nav', type: 'main_frame', timeStamp: 2_100, url: 'https://b.example/' }));
    commitNavigation(log, 'https://b.example/', 2_300);
    expect(log.records.map((r) => r.url)).toEqual(['https://b.example/']);
    expect(log.pageUrl).toBe('https://b.example/');
    expect(log.committedAt).toBe(2_300);
    expect(log.navigation).toBeNull();
    expect(log.total).toBe(1);
  });

  it('a commit without a known navigation (history, restart) clears everything older than the commit', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ timeStamp: 1_000 }));
    log.dropped = 5;
    commitNavigation(log, 'https://a.example/', 3_000);
    expect(log.records).toEqual([]);
    expect(log.dropped).toBe(0);
  });

  it('a redirect of the same navigation keeps its start time', () => {
    const log = createTabLog(1);
    startNavigation(log, 'nav', 1_000);
    startNavigation(log, 'nav', 1_200);
    expect(log.navigation).toEqual({ requestId: 'nav', start: 1_000 });
  });
});

describe('markerStatus', () => {
  it('summarises unrecovered refusals without any server text', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ type: 'main_frame', statusCode: 407, url: 'https://a.example/' }));
    addRefusal(log, refusal({ url: 'https://app.example/p' }));
    expect(markerStatus(log)).toEqual({ refused: 2, pageRefused: true, statuses: [401, 407] });
    expect(markerStatus(undefined)).toEqual({ refused: 0, pageRefused: false, statuses: [] });
  });

  it('counts only what the page could learn by itself, and not a navigation still in flight', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ url: 'https://bank.example/account', type: 'image' })); // another site, unreadable
    addRefusal(log, refusal({ url: 'https://app.example/api', frameId: 3 })); // from an iframe
    addRefusal(log, refusal({ url: 'https://app.example/api/me' }));
    expect(markerStatus(log).refused).toBe(1);
    expect(warnings(log)).toHaveLength(3); // the badge counts them all
    startNavigation(log, 'nav-1', 5);
    addRefusal(log, refusal({ requestId: 'nav-1', type: 'main_frame', url: 'https://app.example/next' }));
    expect(markerStatus(log).refused).toBe(1);
  });
});
