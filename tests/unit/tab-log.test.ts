import { describe, expect, it } from 'vitest';
import {
  addRefusal,
  addToPrevious,
  addUnshown,
  attribute,
  commitFrame,
  commitNavigation,
  createTabLog,
  endNavigation,
  frameOwner,
  markRecovered,
  startNavigation,
  unrecovered,
} from '../../src/capture/tab-log';
import { markerStatus, warnings } from '../../src/view/page-status';
import type { RefusalRecord, TabLog } from '../../src/capture/types';
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
    expect(unrecovered(log.records)).toHaveLength(0);
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
    expect(unrecovered(log.records)).toHaveLength(1);
  });

  it('starts a new record when a recovered request is refused again', () => {
    const log = createTabLog(1);
    addRefusal(log, refusal({ requestId: 'a', timeStamp: 1_000 }));
    markRecovered(log, { requestId: 'a', method: 'GET', url: '', timeStamp: 1_100 });
    addRefusal(log, refusal({ requestId: 'c', timeStamp: 2_000 }));
    expect(log.records).toHaveLength(2);
    expect(unrecovered(log.records)).toHaveLength(1);
  });
});

describe('navigation', () => {
  it("keeps the refusal of the navigation that produced the new page; the old page's becomes the previous page's", () => {
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
    expect(log.previous?.records.map((r) => r.url)).toEqual(['https://a.example/old']);
  });

  it('a commit without a known navigation (history, restart) clears the page', () => {
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

/** A tab on `url` (Chrome: document `documentId`) with its refusals attributed as the store does. */
function tabOn(url: string, documentId: string | null): TabLog {
  const log = createTabLog(1);
  commitNavigation(log, url, 1_000, documentId);
  return log;
}

function arrive(log: TabLog, record: RefusalRecord): void {
  const where = attribute(log, record);
  if (where === 'page') addRefusal(log, record);
  if (where === 'previous') addToPrevious(log, record);
  if (where === 'unshown') addUnshown(log, record);
}

const paths = (records: readonly RefusalRecord[]) => records.map((r) => new URL(r.url).pathname);

describe('attribution to the document that made the request (not the time it arrived)', () => {
  it('Chrome: a page that navigates its tab to another site and fires 401s meanwhile never shows them there', () => {
    const log = tabOn('https://evil.example/', 'doc-evil');
    startNavigation(log, 'nav-bank', 2_000);
    // Fired by evil's document while the navigation to the bank is in flight.
    arrive(log, refusal({ documentId: 'doc-evil', initiator: 'https://evil.example', url: 'https://evil.example/api', timeStamp: 2_100, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error_description="Your BANK session was hijacked"' }] }));
    commitNavigation(log, 'https://bank.example/', 2_300, 'doc-bank');
    expect(log.records).toEqual([]);
    expect(warnings(log)).toEqual([]);
    // Kept only as the previous page's evidence, labelled with its own URL.
    expect(log.previous?.url).toBe('https://evil.example/');
    // And a late one, arriving after the commit, joins evil's evidence, not the bank's page.
    arrive(log, refusal({ documentId: 'doc-evil', initiator: 'https://evil.example', url: 'https://evil.example/late', timeStamp: 2_400 }));
    expect(log.records).toEqual([]);
    expect(log.previous?.records).toHaveLength(2);
  });

  it("Chrome: the reverse: the bank's in-flight 401s do not reach the next page", () => {
    const log = tabOn('https://bank.example/', 'doc-bank');
    startNavigation(log, 'nav', 2_000);
    commitNavigation(log, 'https://next.example/', 2_300, 'doc-next');
    arrive(log, refusal({ documentId: 'doc-bank', initiator: 'https://bank.example', url: 'https://bank.example/api', timeStamp: 2_350 }));
    expect(log.records).toEqual([]);
    // The new page's own refusals are its.
    arrive(log, refusal({ documentId: 'doc-next', initiator: 'https://next.example', url: 'https://next.example/api', timeStamp: 2_400 }));
    expect(log.records.map((r) => r.url)).toEqual(['https://next.example/api']);
    // Two pages on, the bank's document is retired: its late refusals are dropped.
    commitNavigation(log, 'https://third.example/', 3_000, 'doc-third');
    arrive(log, refusal({ documentId: 'doc-bank', initiator: 'https://bank.example', url: 'https://bank.example/late', timeStamp: 3_100 }));
    expect([...log.records, ...(log.previous?.records ?? [])].map((r) => r.url)).not.toContain('https://bank.example/late');
  });

  it("a new page's first refusal, answered before the browser reports the page's commit, stays with that page", () => {
    const log = tabOn('https://a.example/', 'doc-a');
    startNavigation(log, 'nav-b', 2_000);
    arrive(log, refusal({ documentId: 'doc-b', initiator: 'https://b.example', url: 'https://b.example/api', timeStamp: 2_100 }));
    commitNavigation(log, 'https://b.example/', 2_050, 'doc-b');
    expect(log.records.map((r) => r.url)).toEqual(['https://b.example/api']);
    expect(log.previous).toBeNull();
  });

  it('Firefox (no documentId): the origin of the requesting document decides', () => {
    const log = tabOn('https://evil.example/', null);
    commitNavigation(log, 'https://bank.example/', 2_300, null);
    arrive(log, refusal({ initiator: 'https://evil.example', url: 'https://evil.example/api', timeStamp: 2_350 }));
    expect(log.records).toEqual([]);
    arrive(log, refusal({ initiator: 'https://bank.example', url: 'https://api.bank.example/me', timeStamp: 2_400 }));
    expect(log.records).toHaveLength(1);
  });

  it('the navigation itself and requests without a tab belong to the page; a frame only when it is part of it', () => {
    const log = tabOn('https://a.example/', 'doc-a');
    startNavigation(log, 'next', 1_900, 'https://a.example/next');
    expect(attribute(log, refusal({ requestId: 'next', type: 'main_frame', url: 'https://a.example/next', initiator: null as never, timeStamp: 2_000 }))).toBe('page');
    const byInitiator = refusal({ initiator: 'https://a.example' });
    byInitiator.attributedByInitiator = true;
    expect(attribute(log, byInitiator)).toBe('page');
    // A frame's request names its parent document (both browsers): the page's.
    const framed = refusal({ frameId: 4, documentId: 'doc-frame' });
    framed.topDocumentId = frameOwner(log, { frameId: 4, documentId: 'doc-frame', parentDocumentId: 'doc-a' });
    expect(attribute(log, framed)).toBe('page');
    // A frame nothing ties to this page is no part of it (it used to count as the page's, whatever its page).
    expect(attribute(log, refusal({ frameId: 4, documentId: 'doc-frame' }))).toBe('stale');
  });
});

describe('a refusal belongs to the document that received it, whenever it settles [21]', () => {
  const HIJACK = [{ name: 'WWW-Authenticate', value: 'Bearer error_description="Your MAIL session was hijacked"' }];

  it("a page refused with a body that never ends sends its tab to another site; its refusal settles after that site committed (Chromium's order): the page before's", () => {
    const log = createTabLog(1);
    startNavigation(log, 'shop', 1_000);
    const shop = refusal({ requestId: 'shop', type: 'main_frame', url: 'https://shop.example/', timeStamp: 1_010, responseHeaders: HIJACK });
    commitNavigation(log, 'https://shop.example/', 1_040, 'doc-shop'); // the 401 page, still loading
    startNavigation(log, 'mail', 1_050);
    commitNavigation(log, 'https://mail.example/', 1_090, 'doc-mail');
    arrive(log, shop); // its request ends only now (the tab left it)
    expect(log.records).toEqual([]);
    expect(markerStatus(log).refused).toBe(0);
    expect(log.previous).toMatchObject({ url: 'https://shop.example/', documentId: 'doc-shop' });
    expect(log.previous?.records).toHaveLength(1);
  });

  it("the same in Firefox's order: both commits reported before the shop's webRequest events", () => {
    const log = createTabLog(1);
    commitNavigation(log, 'https://shop.example/', 196, 'doc-shop');
    commitNavigation(log, 'https://mail.example/', 299, 'doc-mail');
    startNavigation(log, 'shop', 0); // its onBeforeRequest arrives late, and would look like a navigation in flight
    arrive(log, refusal({ requestId: 'shop', type: 'main_frame', url: 'https://shop.example/', timeStamp: 157, responseHeaders: HIJACK }));
    expect(log.records).toEqual([]);
    expect(log.previous?.url).toBe('https://shop.example/');
  });

  it("a navigation's refusal whose document never committed shows at most as the page before, labelled with its own address", () => {
    const log = tabOn('https://evil.example/', 'doc-evil');
    startNavigation(log, 'shop', 2_000);
    const shop = refusal({ requestId: 'shop', type: 'main_frame', url: 'https://shop.example/download', timeStamp: 2_010 });
    startNavigation(log, 'mail', 2_100);
    commitNavigation(log, 'https://mail.example/', 2_200, 'doc-mail');
    expect(attribute(log, shop)).toBe('unshown');
    // Held until now, and judged where its answer belongs, not where the tab is.
    const where = attribute(log, shop);
    if (where === 'unshown') addUnshown(log, shop);
    expect(log.records).toEqual([]);
    expect(log.previous?.url).toBe('https://shop.example/download');
    // Held in the tab's log when the other page commits: the same.
    const again = tabOn('https://evil.example/', 'doc-evil');
    startNavigation(again, 'shop', 2_000);
    arrive(again, refusal({ requestId: 'shop', type: 'main_frame', url: 'https://shop.example/download', timeStamp: 2_010 }));
    expect(markerStatus(again).refused).toBe(0); // not committed: never the marker's
    commitNavigation(again, 'https://mail.example/', 2_200, 'doc-mail');
    expect(again.records).toEqual([]);
    expect(again.previous?.url).toBe('https://shop.example/download');
  });

  it("a navigation's refusal stays the tab's page when that page is what committed (a 401 page), and is not shown over the page before's own evidence", () => {
    const log = tabOn('https://a.example/', 'doc-a');
    arrive(log, refusal({ documentId: 'doc-a', initiator: 'https://a.example', url: 'https://a.example/api', timeStamp: 1_500 }));
    startNavigation(log, 'b', 2_000);
    arrive(log, refusal({ requestId: 'b', type: 'main_frame', url: 'https://b.example/', timeStamp: 2_010 }));
    commitNavigation(log, 'https://b.example/', 2_050, 'doc-b');
    expect(paths(warnings(log))).toEqual(['/']);
    expect(log.previous?.url).toBe('https://a.example/');
    // A navigation that never committed does not take the place of a page's evidence.
    addUnshown(log, refusal({ type: 'main_frame', url: 'https://c.example/', timeStamp: 2_060 }));
    expect(log.previous?.url).toBe('https://a.example/');
  });

  it("a navigation's refusal counts for the tab only while the browser works on that navigation: one that ended without a page is the page before's", () => {
    const log = tabOn('https://mail.example/', 'doc-mail');
    startNavigation(log, 'dl', 2_000, 'https://shop.example/download');
    const held = refusal({ requestId: 'dl', type: 'main_frame', url: 'https://shop.example/download', timeStamp: 2_010, responseHeaders: HIJACK });
    arrive(log, held); // a sign-in prompt may still answer it: the tab's for now (badge), never the marker's
    expect(warnings(log)).toHaveLength(1);
    expect(markerStatus(log).refused).toBe(0);
    // The mail page stopping its own load ends nothing.
    expect(endNavigation(log, 'https://mail.example/')).toBe(false);
    // The navigation ended without a page of its own (a download): the tab still shows the mail page.
    expect(endNavigation(log, 'https://shop.example/download')).toBe(true);
    expect(log.navigation).toBeNull();
    expect(warnings(log)).toEqual([]);
    expect(log.total).toBe(0);
    expect(log.previous?.url).toBe('https://shop.example/download');
    // Its request ends after that (held until then): judged the same.
    const later = tabOn('https://mail.example/', 'doc-mail');
    startNavigation(later, 'dl', 2_000, 'https://shop.example/download');
    endNavigation(later, 'https://shop.example/download');
    expect(attribute(later, held)).toBe('unshown');
  });

  it("a frame's refusal belongs to the page its frame was part of (parentDocumentId), read when it arrived", () => {
    const log = tabOn('https://shop.example/', 'doc-shop');
    commitFrame(log, 5, 'doc-frame', 'doc-shop');
    commitFrame(log, 6, 'doc-nested', 'doc-frame');
    const direct = refusal({ frameId: 5, documentId: 'doc-frame', url: 'https://frame.example/api', responseHeaders: HIJACK });
    direct.topDocumentId = frameOwner(log, { frameId: 5, documentId: 'doc-frame', parentDocumentId: 'doc-shop' });
    const nested = refusal({ frameId: 6, documentId: 'doc-nested', url: 'https://frame.example/nested' });
    nested.topDocumentId = frameOwner(log, { frameId: 6, documentId: 'doc-nested', parentDocumentId: 'doc-frame' });
    // Firefox: a frame's keepalive call carries no document; the frame it came from tells.
    const keepalive = refusal({ frameId: 5, url: 'https://frame.example/keepalive' });
    keepalive.topDocumentId = frameOwner(log, { frameId: 5 });
    expect([direct, nested, keepalive].map((r) => r.topDocumentId)).toEqual(['doc-shop', 'doc-shop', 'doc-shop']);
    // The tab moves on before they settle.
    commitNavigation(log, 'https://mail.example/', 3_000, 'doc-mail');
    for (const r of [direct, nested, keepalive]) arrive(log, r);
    expect(log.records).toEqual([]);
    expect(log.previous?.url).toBe('https://shop.example/');
    expect(paths(log.previous!.records)).toEqual(['/api', '/nested', '/keepalive']);
    // The frames of the page left are remembered until the next page; then its frames' refusals are dropped.
    expect(frameOwner(log, { frameId: 5 })).toBe('doc-shop');
    commitNavigation(log, 'https://third.example/', 4_000, 'doc-third');
    expect(frameOwner(log, { frameId: 5 })).toBeUndefined();
    const late = refusal({ frameId: 5, documentId: 'doc-frame', url: 'https://frame.example/late' });
    late.topDocumentId = 'doc-shop';
    expect(attribute(log, late)).toBe('stale');
  });

  it('remembers a bounded number of frames', () => {
    const log = tabOn('https://ads.example/', 'doc-top');
    for (let i = 1; i <= 100; i++) commitFrame(log, i, `doc-${i}`, 'doc-top');
    expect(log.frames.length).toBeLessThanOrEqual(32);
    expect(frameOwner(log, { frameId: 100 })).toBe('doc-top');
  });
});

describe('the previous page', () => {
  it('keeps only refusals that were recent and unrecovered when the tab left', () => {
    const log = tabOn('https://app.example/app', 'doc-app');
    addRefusal(log, refusal({ requestId: 'old', url: 'https://app.example/api/old', timeStamp: 1_000 }));
    addRefusal(log, refusal({ requestId: 'recent', url: 'https://app.example/api/me', timeStamp: 20_000 }));
    addRefusal(log, refusal({ requestId: 'fixed', url: 'https://app.example/api/fixed', timeStamp: 20_000 }));
    markRecovered(log, { requestId: 'fixed', method: 'GET', url: '', timeStamp: 20_100 });
    commitNavigation(log, 'https://app.example/login', 21_000, 'doc-login');
    expect(log.previous?.records.map((r) => r.requestId)).toEqual(['recent']);
    expect(warnings(log)).toEqual([]);
  });

  it('is passed on through a page that is left at once (a sign-in redirect chain), and forgotten later', () => {
    const log = tabOn('https://app.example/app', 'doc-app');
    addRefusal(log, refusal({ requestId: 'r', timeStamp: 1_500 }));
    commitNavigation(log, 'https://app.example/login', 2_000, 'doc-login');
    commitNavigation(log, 'https://idp.example/sign-in', 3_000, 'doc-idp');
    expect(log.previous?.url).toBe('https://app.example/app');
    commitNavigation(log, 'https://idp.example/done', 60_000, 'doc-done');
    expect(log.previous).toBeNull();
  });

  it("a tab whose first page was refused and never committed names the previous page by that page's URL", () => {
    const log = createTabLog(1);
    startNavigation(log, 'first', 1_000);
    addRefusal(log, refusal({ requestId: 'first', type: 'main_frame', url: 'https://files.example/digest/', timeStamp: 1_100 }));
    startNavigation(log, 'second', 2_000);
    commitNavigation(log, 'https://files.example/other', 2_300, 'doc-2');
    expect(log.previous?.url).toBe('https://files.example/digest/');
  });

  it('a later success of the same URL marks its evidence recovered', () => {
    const log = tabOn('https://app.example/app', 'doc-app');
    addRefusal(log, refusal({ requestId: 'r', url: 'https://app.example/api/me', timeStamp: 1_500 }));
    commitNavigation(log, 'https://app.example/login', 2_000, 'doc-login');
    expect(markRecovered(log, { requestId: 'x', method: 'GET', url: 'https://app.example/api/me', timeStamp: 5_000 })).toBe(true);
    expect(log.previous?.records[0]?.recovered?.how).toBe('retry');
  });
});
