/**
 * The worker's sign-in flows per tab, free of browser APIs: the watcher (sign-in-watcher.ts) and the
 * replay of recorded browser sequences (tests/support/replay-sign-in.ts) deliver the same events here.
 * Each tab's flow is read once from storage (then kept in memory), changed in event order, and written
 * only when it changed; a sign-in window tells its flow to the tab that opened it.
 */
import { asOpenerFlow, followFlow, type SignInFlow } from '../capture/sign-in-flow';
import { type HopInput, pageHop, recogniseHop, returnsFromSignIn } from '../capture/sign-in-hop';

/** What webRequest reports of a frame's redirect (onBeforeRedirect) or final response (onCompleted). */
export interface FrameResponse {
  tabId: number;
  url: string;
  method: string;
  statusCode: number;
  type: string;
  timeStamp: number;
}

/** What webNavigation reports of a commit or a fragment change. */
export interface FrameNavigation {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
}

/** The webRequest resource types whose responses are followed: documents only, nothing else pays. */
export const SIGN_IN_FRAME_TYPES: ['main_frame', 'sub_frame'] = ['main_frame', 'sub_frame'];

export interface FlowStorage {
  load(tabId: number): Promise<SignInFlow | null>;
  save(tabId: number, flow: SignInFlow | null): Promise<void>;
  /** Removes every tab's flow (also those not read since the worker started). */
  removeAll(): Promise<void>;
}

export interface TrackerOptions {
  onError: (message: string, error: unknown) => void;
  /** Sites the person asked to ignore (settings): their steps are not followed. */
  isIgnored?: (url: string) => boolean;
}

export class SignInTracker {
  /** Each tab's flow as last written; null: known to have none. Absent: not read since the worker started. */
  private readonly flows = new Map<number, SignInFlow | null>();
  /** Sign-in windows and the tab that opened them (memory only: a restarted worker does not carry a window's flow over). */
  private readonly openers = new Map<number, number>();
  /** One change at a time per tab, in event order. */
  private readonly queues = new Map<number, Promise<void>>();

  constructor(
    private readonly storage: FlowStorage,
    private readonly options: TrackerOptions,
  ) {}

  /** A frame's redirect or final response (webRequest, main_frame and sub_frame). */
  onFrameResponse(details: FrameResponse): void {
    if (!SIGN_IN_FRAME_TYPES.includes(details.type as 'main_frame')) return;
    this.follow(details.tabId, { url: details.url, method: details.method, status: details.statusCode, at: details.timeStamp, inFrame: details.type === 'sub_frame' });
  }

  /** A commit or fragment change (webNavigation): the fragment never reaches webRequest, so a callback's parameters there are read here. */
  onNavigation(details: FrameNavigation): void {
    const at = details.url.indexOf('#');
    if (at < 0 || at === details.url.length - 1) return;
    const input = { url: details.url, at: details.timeStamp, inFrame: details.frameId !== 0 };
    const hop = recogniseHop(input);
    if (hop && returnsFromSignIn(hop)) this.follow(details.tabId, input);
  }

  /** A page opened a window (webNavigation.onCreatedNavigationTarget). */
  onWindowOpened(sourceTabId: number, tabId: number): void {
    if (sourceTabId !== tabId) this.openers.set(tabId, sourceTabId);
  }

  onTabRemoved(tabId: number): void {
    this.openers.delete(tabId);
    for (const [opened, opener] of this.openers) if (opener === tabId) this.openers.delete(opened);
    this.enqueue(tabId, async () => {
      this.flows.delete(tabId);
      await this.storage.save(tabId, null);
    });
  }

  /** Forgets every flow ("Clear stored data" in the settings). */
  async clearAll(): Promise<void> {
    await this.settled();
    this.flows.clear();
    await this.storage.removeAll();
  }

  /** Resolves once every change so far is written (for tests and the replay). */
  async settled(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  /** The flow of a tab as last written (for tests and the replay). */
  flowOf(tabId: number): SignInFlow | null {
    return this.flows.get(tabId) ?? null;
  }

  private follow(tabId: number, input: HopInput & { inFrame: boolean }): void {
    if (tabId < 0 || this.options.isIgnored?.(input.url)) return;
    const hop = recogniseHop(input);
    // The cheap answer for almost every navigation: no sign-in hop, and the tab is known to have no flow.
    if (!hop && this.flows.has(tabId) && this.flows.get(tabId) === null) return;
    this.enqueue(tabId, async () => {
      if (!this.flows.has(tabId)) this.flows.set(tabId, await this.storage.load(tabId));
      const before = this.flows.get(tabId) ?? null;
      const after = followFlow(before, { hop, page: () => pageHop(input), topLevel: !input.inFrame, now: input.at });
      if (after === before) return;
      await this.save(tabId, after);
      const opener = this.openers.get(tabId);
      if (opener !== undefined && after) await this.save(opener, asOpenerFlow(after));
    });
  }

  private async save(tabId: number, flow: SignInFlow | null): Promise<void> {
    this.flows.set(tabId, flow);
    await this.storage.save(tabId, flow);
  }

  private enqueue(tabId: number, work: () => Promise<void>): void {
    const next: Promise<void> = (this.queues.get(tabId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => this.options.onError('could not follow a sign-in', error))
      .finally(() => {
        if (this.queues.get(tabId) === next) this.queues.delete(tabId);
      });
    this.queues.set(tabId, next);
  }
}
