/**
 * Follows sign-in flows per tab (capture/sign-in-flow.ts): each frame's redirects and final
 * responses (webRequest, main_frame and sub_frame only: other requests cost nothing new), and
 * callback parameters in a URL's fragment, which only navigation reports. A sign-in window a page
 * opened (`window.open`) tells its flow to its opener too. Kept in storage.session (`signin:<tabId>`)
 * so a restarted worker carries on; registered synchronously at top level, like every listener.
 */
import browser from 'webextension-polyfill';
import { asOpenerFlow, followFlow, type SignInFlow } from '../capture/sign-in-flow';
import { pageHop, recogniseHop, returnsFromSignIn } from '../capture/sign-in-hop';
import { readSignInFlow, writeSignInFlow } from '../shared/sign-in-storage';

const FRAME_TYPES: ['main_frame', 'sub_frame'] = ['main_frame', 'sub_frame'];

interface FrameResponse {
  tabId: number;
  url: string;
  method: string;
  statusCode: number;
  type: string;
  timeStamp: number;
}

export function watchSignIns(onError: (message: string, error: unknown) => void): void {
  /** Each tab's flow as last written; null: known to have none. Absent: not read since the worker started. */
  const flows = new Map<number, SignInFlow | null>();
  /** Sign-in windows and the tab that opened them (memory only: a restarted worker does not carry a popup's flow over). */
  const openers = new Map<number, number>();
  /** One change at a time per tab, in event order. */
  const queues = new Map<number, Promise<void>>();

  const flowOf = async (tabId: number): Promise<SignInFlow | null> => {
    if (!flows.has(tabId)) flows.set(tabId, await readSignInFlow(tabId));
    return flows.get(tabId) ?? null;
  };

  const save = async (tabId: number, flow: SignInFlow | null): Promise<void> => {
    flows.set(tabId, flow);
    await writeSignInFlow(tabId, flow);
  };

  const enqueue = (tabId: number, work: () => Promise<void>) => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(work).catch((error: unknown) => onError('could not follow a sign-in', error));
    queues.set(tabId, next);
  };

  const follow = (tabId: number, input: { url: string; method?: string; status?: number | null; at: number; inFrame: boolean }) => {
    if (tabId < 0) return;
    const hop = recogniseHop(input);
    // The cheap answer for almost every navigation: no sign-in hop, and the tab is known to have no flow.
    if (!hop && flows.has(tabId) && flows.get(tabId) === null) return;
    enqueue(tabId, async () => {
      const before = await flowOf(tabId);
      const after = followFlow(before, { hop, page: () => pageHop(input), topLevel: !input.inFrame, now: input.at });
      if (after === before) return;
      await save(tabId, after);
      const opener = openers.get(tabId);
      if (opener !== undefined && after) await save(opener, asOpenerFlow(after));
    });
  };

  const onResponse = (details: FrameResponse) =>
    follow(details.tabId, { url: details.url, method: details.method, status: details.statusCode, at: details.timeStamp, inFrame: details.type === 'sub_frame' });
  const filter = { urls: ['<all_urls>'], types: FRAME_TYPES };
  browser.webRequest.onBeforeRedirect.addListener(onResponse, filter);
  browser.webRequest.onCompleted.addListener(onResponse, filter);

  // The fragment never reaches webRequest: a callback's parameters there are read from the committed URL.
  const onFragment = (details: { tabId: number; frameId: number; url: string; timeStamp: number }) => {
    const at = details.url.indexOf('#');
    if (at < 0 || at === details.url.length - 1) return;
    const hop = recogniseHop({ url: details.url, at: details.timeStamp, inFrame: details.frameId !== 0 });
    if (hop && returnsFromSignIn(hop)) follow(details.tabId, { url: details.url, at: details.timeStamp, inFrame: details.frameId !== 0 });
  };
  browser.webNavigation.onCommitted.addListener(onFragment);
  browser.webNavigation.onReferenceFragmentUpdated.addListener(onFragment);

  browser.webNavigation.onCreatedNavigationTarget.addListener(({ sourceTabId, tabId }) => {
    if (sourceTabId !== tabId) openers.set(tabId, sourceTabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    openers.delete(tabId);
    for (const [popup, opener] of openers) if (opener === tabId) openers.delete(popup);
    enqueue(tabId, async () => {
      flows.delete(tabId);
      await writeSignInFlow(tabId, null);
      queues.delete(tabId);
    });
  });
}
