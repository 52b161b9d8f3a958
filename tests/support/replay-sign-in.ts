/**
 * Replays a recorded browser sequence (tests/fixtures/event-sequences) through the worker's sign-in
 * tracker, as sign-in-watcher.ts delivers events: webRequest redirects and completions (the tracker
 * keeps frames only), commits and fragment changes, windows opened.
 */
import { type FlowStorage, SignInTracker } from '../../src/background/sign-in-tracker';
import type { SignInFlow } from '../../src/capture/sign-in-flow';
import type { Fixture } from './replay';

export async function replaySignIn(fixture: Fixture): Promise<{ flows: Map<number, SignInFlow>; tabId: number }> {
  const flows = new Map<number, SignInFlow>();
  const storage: FlowStorage = {
    load: async (tabId) => flows.get(tabId) ?? null,
    save: async (tabId, flow) => void (flow ? flows.set(tabId, structuredClone(flow)) : flows.delete(tabId)),
    removeAll: async () => flows.clear(),
  };
  const tracker = new SignInTracker(storage, {
    onError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
  });
  let tabId = -1;
  for (const e of fixture.events) {
    if (e.tabId >= 0 && e.frameId === 0 && e.event.startsWith('nav.')) tabId = e.tabId;
    const details = { ...e, type: e.type ?? '', method: e.method ?? 'GET', statusCode: e.statusCode ?? 0 };
    if (e.event === 'onBeforeRedirect' || e.event === 'onCompleted') tracker.onFrameResponse(details);
    if (e.event === 'nav.onCommitted' || e.event === 'nav.onReferenceFragmentUpdated') tracker.onNavigation(details);
    if (e.event === 'nav.onCreatedNavigationTarget') tracker.onWindowOpened(Number(e.sourceTabId), e.tabId);
    await tracker.settled();
  }
  return { flows, tabId };
}
