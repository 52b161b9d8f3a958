import { describe, expect, it } from 'vitest';
import type { SignInFlow } from '../../src/capture/sign-in-flow';
import { type FlowStorage, SignInTracker } from '../../src/background/sign-in-tracker';

/** storage.session's slice for flows, counting reads and writes. */
function memoryFlows(initial: Record<number, SignInFlow> = {}) {
  const stored = new Map<number, SignInFlow>(Object.entries(initial).map(([id, flow]) => [Number(id), flow]));
  const counts = { loads: 0, saves: 0 };
  const storage: FlowStorage = {
    load: async (tabId) => {
      counts.loads++;
      return stored.get(tabId) ?? null;
    },
    save: async (tabId, flow) => {
      counts.saves++;
      if (flow) stored.set(tabId, structuredClone(flow));
      else stored.delete(tabId);
    },
    removeAll: async () => stored.clear(),
  };
  return { storage, stored, counts };
}

const fail = (message: string, error: unknown) => {
  throw new Error(`${message}: ${String(error)}`);
};
const frame = (tabId: number, url: string, statusCode = 200, type = 'main_frame', timeStamp = 1000) => ({ tabId, url, method: 'GET', statusCode, type, timeStamp });
const AUTHORIZE = 'https://login.example/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s';

describe('SignInTracker', () => {
  it('pages without a sign-in: one storage read per tab, no write, other resource types ignored', async () => {
    const { storage, counts } = memoryFlows();
    const tracker = new SignInTracker(storage, { onError: fail });
    for (let i = 0; i < 5; i++) tracker.onFrameResponse(frame(3, `https://news.example/${i}`));
    tracker.onFrameResponse(frame(3, AUTHORIZE, 302, 'xmlhttprequest'));
    tracker.onNavigation({ tabId: 3, frameId: 0, url: 'https://news.example/#top', timeStamp: 1 });
    await tracker.settled();
    expect(counts).toEqual({ loads: 1, saves: 0 });
    expect(tracker.flowOf(3)).toBeNull();
  });

  it('follows a flow and writes it; a restarted worker reads it back and carries on', async () => {
    const memory = memoryFlows();
    const first = new SignInTracker(memory.storage, { onError: fail });
    first.onFrameResponse(frame(4, AUTHORIZE, 302));
    first.onFrameResponse(frame(4, 'https://login.example/login'));
    await first.settled();
    expect(memory.stored.get(4)).toMatchObject({ outcome: 'under-way' });
    const restarted = new SignInTracker(memory.storage, { onError: fail });
    restarted.onFrameResponse(frame(4, 'https://app.example/cb?error=access_denied&state=s', 200));
    await restarted.settled();
    expect(memory.stored.get(4)).toMatchObject({ outcome: 'provider-error', landed: true });
    expect(memory.stored.get(4)!.hops).toHaveLength(3);
  });

  it("a callback's fragment comes from navigation; a fragment that is no callback changes nothing", async () => {
    const { storage, stored } = memoryFlows();
    const tracker = new SignInTracker(storage, { onError: fail });
    tracker.onFrameResponse(frame(5, AUTHORIZE, 302));
    tracker.onFrameResponse(frame(5, 'https://app.example/cb', 200));
    tracker.onNavigation({ tabId: 5, frameId: 0, url: 'https://app.example/cb#section', timeStamp: 1001 });
    await tracker.settled();
    expect(stored.get(5)).toMatchObject({ outcome: 'under-way' });
    tracker.onNavigation({ tabId: 5, frameId: 0, url: 'https://app.example/cb#error=login_required&state=s', timeStamp: 1002 });
    await tracker.settled();
    expect(stored.get(5)).toMatchObject({ outcome: 'provider-error' });
    expect(stored.get(5)!.hops).toHaveLength(2);
  });

  it('a sign-in window tells its flow to its opener; closing a tab forgets its flow', async () => {
    const { storage, stored } = memoryFlows();
    const tracker = new SignInTracker(storage, { onError: fail });
    tracker.onWindowOpened(6, 7);
    tracker.onFrameResponse(frame(7, AUTHORIZE, 302));
    tracker.onFrameResponse(frame(7, 'https://app.example/cb?error=access_denied&state=s', 200));
    await tracker.settled();
    expect(stored.get(6)).toMatchObject({ outcome: 'provider-error', fromPopup: true });
    expect(stored.get(7)).toMatchObject({ outcome: 'provider-error', fromPopup: false });
    tracker.onTabRemoved(7);
    await tracker.settled();
    expect(stored.has(7)).toBe(false);
    expect(stored.get(6)).toMatchObject({ fromPopup: true });
  });

  it('ignored sites are not followed; clearing stored data forgets every flow, also ones not read yet', async () => {
    const { storage, stored, counts } = memoryFlows();
    const tracker = new SignInTracker(storage, { onError: fail, isIgnored: (url) => url.startsWith('https://login.example/') });
    tracker.onFrameResponse(frame(8, AUTHORIZE, 302));
    await tracker.settled();
    expect(counts).toEqual({ loads: 0, saves: 0 });
    const other = new SignInTracker(storage, { onError: fail });
    other.onFrameResponse(frame(8, AUTHORIZE, 302));
    await other.settled();
    stored.set(9, structuredClone(stored.get(8)!));
    await other.clearAll();
    expect(stored.size).toBe(0);
    expect(other.flowOf(8)).toBeNull();
  });
});
