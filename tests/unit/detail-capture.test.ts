import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DETAIL_CAPTURE_MS, DetailCapture, STOP_OVERLAP_MS } from '../../src/background/detail-capture';
import { RequestObserver } from '../../src/background/request-observer';
import { createTabState } from '../../src/background/tab-state';
import { memorySession } from '../../dev/memory-session';
import { diagnose } from '../../src/diagnosis/diagnose';
import { en } from '../../dev/i18n';
import { responseEvent } from '../support/records';

function setup(savedUntil = 0) {
  const calls: string[] = [];
  let stored = savedUntil;
  const errors: string[] = [];
  const capture = new DetailCapture({
    addDetailListeners: () => calls.push('add'),
    removeDetailListeners: () => calls.push('remove'),
    loadUntil: async () => stored,
    saveUntil: async (until) => {
      stored = until;
    },
    now: () => Date.now(),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onError: (message) => errors.push(message),
  });
  return { capture, calls, errors, stored: () => stored };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('DetailCapture (Chrome: extraHeaders listeners only for a while after a refusal)', () => {
  it('is off at first: plain listeners handle everything, the detail pair is not registered', () => {
    const { capture, calls } = setup();
    expect(capture.active).toBe(false);
    expect(capture.accept('plain', 'onSendHeaders', 'r1', 1)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('a refusal adds the detail pair, hands over without losing or doubling an event, and saves the end time', () => {
    const { capture, calls, stored } = setup();
    capture.trigger();
    expect(calls).toEqual(['add']);
    expect(stored()).toBe(Date.now() + DETAIL_CAPTURE_MS);
    // Before the browser takes the new pair, events reach the plain listener only: handled.
    expect(capture.accept('plain', 'onSendHeaders', 'r1', 10)).toBe(true);
    // The first event the detail pair gets may be one the plain listener got too: handled once.
    expect(capture.accept('plain', 'onSendHeaders', 'r2', 11)).toBe(true);
    expect(capture.accept('detail', 'onSendHeaders', 'r2', 11)).toBe(false);
    // From then on the detail copy is the one handled, whichever comes first.
    expect(capture.accept('detail', 'onSendHeaders', 'r3', 12)).toBe(true);
    expect(capture.accept('plain', 'onSendHeaders', 'r3', 12)).toBe(false);
    expect(capture.accept('plain', 'onSendHeaders', 'r4', 13)).toBe(false);
    // Each event name hands over on its own.
    expect(capture.accept('plain', 'onHeadersReceived', 'r3', 14)).toBe(true);
    expect(capture.accept('detail', 'onHeadersReceived', 'r3', 14)).toBe(false);
    expect(capture.accept('detail', 'onHeadersReceived', 'r5', 15)).toBe(true);
    expect(capture.accept('plain', 'onHeadersReceived', 'r5', 15)).toBe(false);
  });

  it('ends DETAIL_CAPTURE_MS after the last refusal, keeping both pairs for an overlap, then removes the detail pair', () => {
    const { capture, calls, stored } = setup();
    capture.trigger();
    capture.accept('detail', 'onSendHeaders', 'a', 1);
    capture.accept('detail', 'onHeadersReceived', 'a', 2);
    vi.advanceTimersByTime(DETAIL_CAPTURE_MS / 2);
    capture.trigger(); // another refusal extends it
    vi.advanceTimersByTime(DETAIL_CAPTURE_MS - 1);
    expect(capture.active).toBe(true);
    expect(capture.accept('plain', 'onSendHeaders', 'b', 3)).toBe(false);
    vi.advanceTimersByTime(1);
    // Stopping: whichever copy arrives first is handled, once.
    expect(capture.accept('detail', 'onSendHeaders', 'c', 4)).toBe(true);
    expect(capture.accept('plain', 'onSendHeaders', 'c', 4)).toBe(false);
    expect(capture.accept('plain', 'onSendHeaders', 'd', 5)).toBe(true);
    vi.advanceTimersByTime(STOP_OVERLAP_MS);
    expect(calls).toEqual(['add', 'remove']);
    expect(capture.active).toBe(false);
    expect(stored()).toBe(0);
    expect(capture.accept('plain', 'onSendHeaders', 'e', 6)).toBe(true);
  });

  it('a refusal while stopping keeps the pairs and hands over again, without adding twice', () => {
    const { capture, calls } = setup();
    capture.trigger();
    vi.advanceTimersByTime(DETAIL_CAPTURE_MS);
    capture.trigger();
    vi.advanceTimersByTime(STOP_OVERLAP_MS * 2);
    expect(calls).toEqual(['add']);
    expect(capture.active).toBe(true);
  });

  it('a flood of refusals saves the end time once a minute, not once per refusal', async () => {
    let saves = 0;
    const capture = new DetailCapture({
      addDetailListeners: () => {},
      removeDetailListeners: () => {},
      loadUntil: async () => 0,
      saveUntil: async () => void saves++,
      now: () => Date.now(),
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      onError: () => {},
    });
    for (let i = 0; i < 1_000; i++) {
      capture.trigger();
      vi.advanceTimersByTime(100);
    }
    expect(saves).toBe(2); // 100 s of refusals: at 0 s and at 60 s
  });

  it('a restarted worker resumes detail capture that has not ended', async () => {
    const { capture, calls } = setup(Date.now() + 60_000);
    await capture.restore();
    expect(calls).toEqual(['add']);
    expect(capture.active).toBe(true);
    vi.advanceTimersByTime(60_000 + STOP_OVERLAP_MS);
    expect(calls).toEqual(['add', 'remove']);
  });

  it('a restarted worker clears the registration an earlier worker left (adds and removes the pair)', async () => {
    const { capture, calls } = setup(Date.now() - 1);
    await capture.restore();
    expect(calls).toEqual(['add', 'remove']);
    expect(capture.active).toBe(false);
  });

  it('a storage or listener failure is reported, never thrown', async () => {
    const errors: string[] = [];
    const capture = new DetailCapture({
      addDetailListeners: () => {
        throw new Error('boom');
      },
      removeDetailListeners: () => {},
      loadUntil: async () => {
        throw new Error('gone');
      },
      saveUntil: async () => {},
      now: () => Date.now(),
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      onError: (message) => errors.push(message),
    });
    await capture.restore();
    expect(() => capture.trigger()).not.toThrow();
    expect(capture.active).toBe(false);
    expect(errors).toEqual(['could not read when detail capture ends', 'could not clear the detail listeners', 'could not add the detail listeners']);
  });
});

describe('cookies Chrome did not show', () => {
  it('a refusal seen by a plain listener says cookies are unknown, and is not diagnosed as "nothing sent"', async () => {
    const store = createTabState(memorySession(), { onPublish: () => {} }).store;
    const triggers: number[] = [];
    const observer = new RequestObserver(store, { onRefusalSeen: () => triggers.push(1) });
    await store.ready;
    observer.onSendHeaders({ requestId: 'q', requestHeaders: [] }, false);
    observer.onHeadersReceived(responseEvent({ requestId: 'q', tabId: 4, type: 'xmlhttprequest', responseHeaders: [] }), false);
    observer.onCompleted(responseEvent({ requestId: 'q', tabId: 4, type: 'xmlhttprequest' }));
    const record = store.get(4)!.records[0]!;
    expect(triggers).toHaveLength(1);
    expect(record.sent).toMatchObject({ observed: true, cookies: false, cookiesHidden: true });
    const [top] = diagnose([record], { now: record.firstSeen, pageUrl: 'https://app.example/', t: en }).causes;
    expect(top!.id).toBe('no-credentials');
    expect(top!.likelihood).toBe('possible');
    expect(top!.evidence.join(' ')).toContain('Whether it carried cookies is not known');
  });

  it('the same refusal seen by a detail listener says no cookies were sent', async () => {
    const store = createTabState(memorySession(), { onPublish: () => {} }).store;
    const observer = new RequestObserver(store);
    await store.ready;
    observer.onSendHeaders({ requestId: 'q', requestHeaders: [] }, true);
    observer.onHeadersReceived(responseEvent({ requestId: 'q', tabId: 4, type: 'xmlhttprequest', responseHeaders: [] }), true);
    observer.onCompleted(responseEvent({ requestId: 'q', tabId: 4, type: 'xmlhttprequest' }));
    expect(store.get(4)!.records[0]!.sent.cookiesHidden).toBeUndefined();
  });

  it('a failed cross-origin API call (a refused preflight, maybe) starts detail capture; a same-origin one does not', async () => {
    const store = createTabState(memorySession(), { onPublish: () => {} }).store;
    const triggers: string[] = [];
    const observer = new RequestObserver(store, { onRefusalSeen: () => triggers.push('x') });
    await store.ready;
    const failed = { requestId: 'f', tabId: 1, type: 'xmlhttprequest', method: 'GET', timeStamp: 1, error: 'net::ERR_FAILED' };
    observer.onErrorOccurred({ ...failed, url: 'https://app.example/api', initiator: 'https://app.example' });
    expect(triggers).toHaveLength(0);
    observer.onErrorOccurred({ ...failed, url: 'https://api.example/data', initiator: 'https://app.example' });
    expect(triggers).toHaveLength(1);
  });
});
