import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestObserver } from '../../src/background/request-observer';
import { type SessionArea, TabStore } from '../../src/background/tab-store';
import { commitNavigation } from '../../src/capture/tab-log';
import { responseEvent } from '../support/records';

const memorySession = (): SessionArea => {
  const data: Record<string, unknown> = {};
  return { get: async () => ({ ...data }), set: async (items) => void Object.assign(data, items), remove: async () => {} };
};

async function setup() {
  const store = new TabStore(memorySession(), { onPublish: () => {} });
  const observer = new RequestObserver(store);
  await store.ready;
  return { store, observer };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RequestObserver', () => {
  it('records a 401 with the facts of what its request sent, then forgets those facts', async () => {
    const { store, observer } = await setup();
    observer.onSendHeaders({ requestId: 'q', requestHeaders: [{ name: 'Authorization', value: 'Basic YWxpY2U6c2VjcmV0' }] });
    expect(observer.pendingCount).toBe(1);
    observer.onHeadersReceived(responseEvent({ requestId: 'q', tabId: 4 }));
    expect(observer.pendingCount).toBe(0);
    const record = store.get(4)!.records[0]!;
    expect(record.sent.authorizationScheme).toBe('Basic');
    expect(JSON.stringify(store.get(4))).not.toContain('YWxpY2U6c2VjcmV0');
  });

  it('ignores successes on tabs with nothing to recover (the fast path creates no state)', async () => {
    const { store, observer } = await setup();
    for (let i = 0; i < 1_000; i++) observer.onHeadersReceived(responseEvent({ requestId: `ok${i}`, statusCode: 200 as 401, tabId: 9 }));
    expect(store.get(9)).toBeUndefined();
  });

  it('marks a refusal recovered when the page retries and succeeds', async () => {
    const { store, observer } = await setup();
    observer.onHeadersReceived(responseEvent({ requestId: 'a', tabId: 4, timeStamp: 100 }));
    observer.onHeadersReceived(responseEvent({ requestId: 'b', tabId: 4, timeStamp: 200, statusCode: 200 as 401 }));
    expect(store.get(4)!.records[0]!.recovered).toEqual({ at: 200, how: 'retry' });
    expect(store.mayRecover(4)).toBe(false);
  });

  it('ties a tabless 401 to the tab showing its initiator, else keeps it aside', async () => {
    const { store, observer } = await setup();
    commitNavigation(store.getOrCreate(2), 'https://app.example/home', 10);
    observer.onHeadersReceived(responseEvent({ tabId: -1, initiator: 'https://app.example' }));
    observer.onHeadersReceived(responseEvent({ tabId: -1, initiator: 'https://elsewhere.example' }));
    expect(store.get(2)!.records[0]!.attributedByInitiator).toBe(true);
    expect(store.get(-1)!.records).toHaveLength(1);
  });

  it('bounds the facts held for requests that never finish', async () => {
    const { observer } = await setup();
    for (let i = 0; i < 5_000; i++) observer.onSendHeaders({ requestId: `x${i}`, requestHeaders: [{ name: 'Cookie', value: 'a=b' }] });
    expect(observer.pendingCount).toBe(2_000);
    observer.onErrorOccurred({ requestId: 'x4999' });
    expect(observer.pendingCount).toBe(1_999);
  });

  it('holds events that arrive before the store is restored, then applies them', async () => {
    let release!: () => void;
    const slow: SessionArea = { ...memorySession(), get: () => new Promise((resolve) => (release = () => resolve({}))) };
    const store = new TabStore(slow, { onPublish: () => {} });
    const observer = new RequestObserver(store);
    observer.onHeadersReceived(responseEvent({ tabId: 5 }));
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
});
