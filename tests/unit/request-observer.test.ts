import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestObserver } from '../../src/background/request-observer';
import { createTabState } from '../../src/background/tab-state';
import { HANDSHAKE_GRACE_MS } from '../../src/background/worker-limits';
import type { SessionArea } from '../../src/shared/storage-schema';
import { memorySession } from '../../dev/memory-session';
import { unrecovered } from '../../src/capture/tab-log';
import { responseEvent } from '../support/records';

async function setup() {
  const store = createTabState(memorySession(), { onPublish: () => {} }).store;
  const observer = new RequestObserver(store);
  await store.ready;
  return { store, observer };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RequestObserver', () => {
  it('a refusal whose request then ends with another answer (a 500 after the sign-in was accepted) is recovered, not a warning', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'dav', tabId: 4, type: 'xmlhttprequest' }));
    observer.onCompleted({ ...responseEvent({ requestId: 'dav', tabId: 4 }), statusCode: 500 } as never);
    expect(store.get(4)!.records.map((r) => r.recovered?.how)).toEqual(['same-request']);
    expect(unrecovered(store.get(4)!.records)).toEqual([]);
  });

  it('records a 401 with the facts of what its request sent, then forgets those facts', async () => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 'q', requestHeaders: [{ name: 'Authorization', value: 'Basic YWxpY2U6c2VjcmV0' }] });
    expect(observer.pendingCount).toBe(1);
    observer.onHeadersReceived(responseEvent({ requestId: 'q', tabId: 4 }));
    expect(observer.pendingCount).toBe(0);
    observer.onCompleted(responseEvent({ requestId: 'q', tabId: 4 }));
    const record = store.get(4)!.records[0]!;
    expect(record.sent.authorizationScheme).toBe('Basic');
    expect(JSON.stringify(store.get(4))).not.toContain('YWxpY2U6c2VjcmV0');
  });

  it.each([
    ['a prefetch (Chrome: Purpose, the standard: Sec-Purpose)', 'other', [{ name: 'Purpose', value: 'prefetch' }], 'prefetch'],
    ['a prefetch (Firefox before Sec-Purpose)', 'other', [{ name: 'X-Moz', value: 'prefetch' }], 'prefetch'],
    ['a beacon (Chrome)', 'ping', [], 'beacon'],
    ['a beacon (Firefox)', 'beacon', [], 'beacon'],
  ])('%s refused: listed as a background request, never a warning or a diagnosis', async (_name, type, requestHeaders, background) => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 'p', requestHeaders });
    observer.onCompleted(responseEvent({ requestId: 'p', tabId: 4, type, frameId: 0 }));
    const log = store.get(4)!;
    expect(log.records.map((r) => r.background)).toEqual([background]);
    expect(unrecovered(log.records)).toEqual([]);
    expect(observer.pendingCount).toBe(0);
  });

  it('an `other` request that is no prefetch is a refusal like any other, with what it sent', async () => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 'e', requestHeaders: [{ name: 'Authorization', value: 'Bearer abc' }] });
    observer.onCompleted(responseEvent({ requestId: 'e', tabId: 4, type: 'other' }));
    const [record] = store.get(4)!.records;
    expect(record?.background).toBeUndefined();
    expect(record?.sent.authorizationScheme).toBe('Bearer');
    expect(unrecovered(store.get(4)!.records)).toHaveLength(1);
  });

  it('ignores successes on tabs with nothing to recover (the fast path creates no state)', async () => {
    const { store, observer } = await setup();
    for (let i = 0; i < 1_000; i++) observer.onHeadersReceived(responseEvent({ requestId: `ok${i}`, statusCode: 200 as 401, tabId: 9 }));
    expect(store.get(9)).toBeUndefined();
  });

  it('marks a refusal recovered when the page retries and succeeds', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'a', tabId: 4, timeStamp: 100 }));
    observer.onCompleted(responseEvent({ requestId: 'a', tabId: 4, timeStamp: 101 }));
    observer.onHeadersReceived(responseEvent({ requestId: 'b', tabId: 4, timeStamp: 200, statusCode: 200 as 401 }));
    expect(store.get(4)!.records[0]!.recovered).toEqual({ at: 200, how: 'retry' });
    expect(store.mayRecover(4)).toBe(false);
  });

  it('ties a tabless 401 to the tab showing its initiator, else keeps it aside', async () => {
    const { store, observer } = await setup();
    store.commitPage(2, 'https://app.example/home', 10, null);
    observer.onCompleted(responseEvent({ tabId: -1, initiator: 'https://app.example', type: 'other' }));
    observer.onCompleted(responseEvent({ tabId: -1, initiator: 'https://elsewhere.example', type: 'other' }));
    expect(store.get(2)!.records[0]!.attributedByInitiator).toBe(true);
    expect(store.get(-1)!.records).toHaveLength(1);
  });

  it("a held refusal is tied to its page as it arrives: a frame's call that ends after the tab moved to another site is the page before's [21]", async () => {
    const { store, observer } = await setup();
    store.commitPage(3, 'https://shop.example/', 100, 'doc-shop');
    store.commitFrame(3, 7, 'doc-frame', 'doc-shop');
    // Chrome names the frame's documents; Firefox's keepalive call names none (the frame tells).
    const chrome = { requestId: 'c', tabId: 3, frameId: 7, documentId: 'doc-frame', parentDocumentId: 'doc-shop', url: 'https://frame.example/a', initiator: 'https://frame.example' };
    const firefox = { requestId: 'f', tabId: 3, frameId: 7, url: 'https://frame.example/b', initiator: undefined, documentUrl: 'https://frame.example/x' };
    for (const event of [chrome, firefox]) observer.onHeadersReceived(responseEvent({ ...event, timeStamp: 200 }));
    store.commitPage(3, 'https://mail.example/', 300, 'doc-mail');
    for (const event of [chrome, firefox]) observer.onErrorOccurred({ ...event, type: 'xmlhttprequest', method: 'GET', timeStamp: 2_300, error: 'net::ERR_ABORTED' });
    expect(store.get(3)!.records).toEqual([]);
    expect(store.get(3)!.previous?.url).toBe('https://shop.example/');
    expect(store.get(3)!.previous?.records.map((r) => r.url)).toEqual(['https://frame.example/a', 'https://frame.example/b']);
  });

  it('bounds the facts held for requests that never finish', async () => {
    const { observer } = await setup();
    for (let i = 0; i < 5_000; i++) observer.onSendHeaders({ requestId: `x${i}`, requestHeaders: [{ name: 'Cookie', value: 'a=b' }] });
    expect(observer.pendingCount).toBe(2_000);
    observer.onErrorOccurred({ requestId: 'x4999', tabId: 1, type: 'xmlhttprequest', url: 'https://a.example/', method: 'GET', timeStamp: 1 });
    expect(observer.pendingCount).toBe(1_999);
  });

  it('holds events that arrive before the store is restored, then applies them', async () => {
    let release!: () => void;
    const slow: SessionArea = { ...memorySession(), get: () => new Promise((resolve) => (release = () => resolve({}))) };
    const store = createTabState(slow, { onPublish: () => {} }).store;
    const observer = new RequestObserver(store);
    observer.onHeadersReceived(responseEvent({ requestId: 'w', tabId: 5 }));
    observer.onCompleted(responseEvent({ requestId: 'w', tabId: 5 }));
    expect(store.get(5)).toBeUndefined();
    release();
    await store.ready;
    await Promise.resolve();
    expect(store.get(5)!.records).toHaveLength(1);
  });

  it('notes the start of a top-level navigation only for tabs in main frames', async () => {
    const { store, observer } = await setup();
    observer.onMainFrameRequest({ requestId: 'n', tabId: 3, frameId: 0, timeStamp: 50 });
    observer.onMainFrameRequest({ requestId: 'm', tabId: -1, frameId: 0, timeStamp: 50 });
    expect(store.get(3)!.navigation).toEqual({ requestId: 'n', start: 50 });
    expect(store.get(-1)).toBeUndefined();
  });

  it('a refusal the browser answers within the same request is recovered, whatever the timing, and never shown', async () => {
    const { store, observer } = await setup();
    // Chromium's real sequence for a Digest stale nonce or saved Basic credentials: no second onHeadersReceived.
    observer.onHeadersReceived(responseEvent({ requestId: 'd', tabId: 4, type: 'main_frame', statusCode: 401, timeStamp: 100, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Digest realm="x", nonce="n", stale=true' }] }));
    expect(store.get(4)).toBeUndefined(); // held while the browser may still answer it
    observer.onCompleted(responseEvent({ requestId: 'd', tabId: 4, type: 'main_frame', statusCode: 200 as 401, timeStamp: 101 }));
    expect(store.get(4)!.records[0]!.recovered).toEqual({ at: 101, how: 'same-request' });
    expect(store.mayRecover(4)).toBe(false);
  });

  it('every round of a multi-round handshake (NTLM through a proxy) is recovered by its final success', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'n', tabId: 4, type: 'main_frame', statusCode: 407, responseHeaders: [{ name: 'Proxy-Authenticate', value: 'NTLM' }] }));
    observer.onHeadersReceived(responseEvent({ requestId: 'n', tabId: 4, type: 'main_frame', statusCode: 407, responseHeaders: [{ name: 'Proxy-Authenticate', value: 'NTLM TlRMTVNTUAACAAAADAAMADgAAAAFgokC' }] }));
    observer.onCompleted(responseEvent({ requestId: 'n', tabId: 4, type: 'main_frame', statusCode: 200 as 401 }));
    expect(store.get(4)!.records.map((r) => r.recovered?.how)).toEqual(['same-request', 'same-request']);
  });

  it('a refusal still open after the grace time (a sign-in dialog) is shown, and a late answer still recovers it', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'b', tabId: 4, type: 'main_frame', statusCode: 401 }));
    await vi.advanceTimersByTimeAsync(HANDSHAKE_GRACE_MS);
    expect(store.get(4)!.records[0]!.recovered).toBeNull();
    observer.onCompleted(responseEvent({ requestId: 'b', tabId: 4, type: 'main_frame', statusCode: 200 as 401, timeStamp: 9_000 }));
    expect(store.get(4)!.records[0]!.recovered).toEqual({ at: 9_000, how: 'same-request' });
  });

  it('a request that ends refused or fails shows its refusal at once', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'f', tabId: 4 }));
    observer.onCompleted(responseEvent({ requestId: 'f', tabId: 4 }));
    observer.onHeadersReceived(responseEvent({ requestId: 'g', tabId: 4, url: 'https://app.example/other' }));
    observer.onErrorOccurred({ requestId: 'g', tabId: 4, type: 'xmlhttprequest', url: 'https://app.example/other', method: 'GET', timeStamp: 1 });
    expect(store.get(4)!.records.map((r) => r.recovered)).toEqual([null, null]);
  });

  it('images, scripts and styles are recorded from their final status only', async () => {
    const { store, observer } = await setup();
    observer.onCompleted(responseEvent({ requestId: 'i1', tabId: 4, type: 'image', statusCode: 200 as 401 }));
    observer.onCompleted(responseEvent({ requestId: 'i2', tabId: 4, type: 'image', url: 'https://app.example/a.png' }));
    expect(store.get(4)!.records.map((r) => r.url)).toEqual(['https://app.example/a.png']);
  });

  it('notes an Authorization header dropped on a redirect to another origin', async () => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 'r', requestHeaders: [{ name: 'Authorization', value: 'Bearer abc' }] });
    observer.onHeadersReceived(responseEvent({ requestId: 'r', tabId: 4, url: 'https://app.example/api', statusCode: 302 as 401, responseHeaders: [{ name: 'Location', value: 'https://api.other.example/v1' }] }));
    observer.onSendHeaders({ requestId: 'r', requestHeaders: [{ name: 'Accept', value: '*/*' }] });
    observer.onHeadersReceived(responseEvent({ requestId: 'r', tabId: 4, url: 'https://api.other.example/v1' }));
    observer.onCompleted(responseEvent({ requestId: 'r', tabId: 4, url: 'https://api.other.example/v1' }));
    const record = store.get(4)!.records[0]!;
    expect(record.redirect).toEqual({ from: 'https://app.example', sentAuthorization: true, authorizationScheme: 'Bearer' });
    expect(record.sent.authorizationScheme).toBeNull();
  });

  it('a same-origin redirect or one of a request without credentials is not noted', async () => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 's', requestHeaders: [{ name: 'Authorization', value: 'Bearer abc' }] });
    observer.onHeadersReceived(responseEvent({ requestId: 's', tabId: 4, url: 'https://app.example/a', statusCode: 302 as 401, responseHeaders: [{ name: 'Location', value: '/b' }] }));
    observer.onHeadersReceived(responseEvent({ requestId: 's', tabId: 4, url: 'https://app.example/b' }));
    observer.onCompleted(responseEvent({ requestId: 's', tabId: 4, url: 'https://app.example/b' }));
    expect(store.get(4)!.records[0]!.redirect).toBeUndefined();
  });

  it('whatever the order: a request whose end is delivered before its refusal is judged by that end at once', async () => {
    const { store, observer } = await setup();
    observer.onCompleted(responseEvent({ requestId: 'late-ok', tabId: 4, type: 'main_frame', statusCode: 200 as 401, timeStamp: 50 }));
    observer.onHeadersReceived(responseEvent({ requestId: 'late-ok', tabId: 4, type: 'main_frame', statusCode: 401, timeStamp: 49 }));
    observer.onCompleted(responseEvent({ requestId: 'late-no', tabId: 4, url: 'https://app.example/api/x', statusCode: 401, timeStamp: 60 }));
    observer.onHeadersReceived(responseEvent({ requestId: 'late-no', tabId: 4, url: 'https://app.example/api/x', statusCode: 401, timeStamp: 59 }));
    // No grace time needed, and nothing held.
    expect(store.get(4)!.records.map((r) => r.recovered?.how ?? 'refused')).toEqual(['same-request', 'refused']);
  });
});
