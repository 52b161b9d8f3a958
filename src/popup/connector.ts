import browser from 'webextension-polyfill';
import type { ProxyReading } from '../view/proxy-setting';
import type { ReportEnvironment } from '../view/report';
import { hasHostAccess, requestHostAccess } from '../shared/host-access';
import { readChecklistTicks, readTabState, watchTabState, writeChecklistTicks } from '../shared/storage';
import { tabStateFrom, type TabState } from '../shared/storage-schema';
import type { ClearPlan } from '../view/cookie-scope';
import * as site from './site-actions';
import type { FixResult } from './fix-result';
import type { SignInFlow } from '../capture/sign-in-flow';
import { readSignInFlow, watchSignInFlow } from '../shared/sign-in-storage';
import type { Platform } from './platform';

export type { TabState };

/** Everything the popup needs from the extension. */
export interface Connector {
  /** The tab to explain: `?tabId=N` when given, else the active tab of this window. */
  tabId(): Promise<number | null>;
  loadTab(tabId: number): Promise<TabState>;
  /** Calls back whenever the worker publishes a new state for the tab; returns the unsubscribe. */
  watchTab(tabId: number, onChange: (state: TabState) => void): () => void;
  /** The tab and its state as read before the modules loaded (by popup-prefetch.js, which build/popup-bundle.ts builds from src/popup/prefetch.ts), when available. */
  prefetched?(): Promise<{ tabId: number | null; state: TabState | null }> | null;
  /** The one-click fixes and helpers, each reporting what it did. */
  actions: PopupActions;
  /** The tab's sign-in flow (read after the first paint; absent in connectors that have none). */
  signIn?: SignInSource;
}

export interface SignInSource {
  load(tabId: number): Promise<SignInFlow | null>;
  watch(tabId: number, onChange: (flow: SignInFlow | null) => void): () => void;
}

export interface PopupActions {
  /** What clearing would delete for the site the popup shows (`shownPageUrl`); asks for the permissions. */
  planClearSiteData(tabId: number, shownPageUrl: string | null): Promise<{ ok: true; plan: ClearPlan } | FixResult>;
  /** Deletes what the plan said; refuses if the tab now shows another site. */
  clearSiteData(tabId: number, plan: ClearPlan): Promise<FixResult>;
  reload(tabId: number): Promise<FixResult>;
  /** The https address of the tab's page, or null when it is not on plain http. */
  httpsVersion(tabId: number): Promise<string | null>;
  openHttps(tabId: number, shownPageUrl: string | null): Promise<FixResult>;
  signInAgain(tabId: number, shownPageUrl: string | null): Promise<FixResult>;
  /** Opens a site (an origin of a refused request) in a new tab of its own. */
  openSite(origin: string): Promise<FixResult>;
  /** Reads the browser's proxy setting; may ask for the permission (a click is the user gesture). */
  checkProxy(): Promise<ProxyReading>;
  /** The same for the checklist, never asking: null without the permission. */
  browserProxy(): Promise<ProxyReading | null>;
  copy(text: string): Promise<FixResult>;
  openDeveloperView(tabId: number): Promise<void>;
  loadTicks(tabId: number): Promise<string[]>;
  saveTicks(tabId: number, ticks: string[]): Promise<void>;
  environment(): ReportEnvironment;
  /** Whether the extension may read every site (a person can take that away); never asks. */
  hostAccess(): Promise<boolean>;
  /** Asks for access to every site again; on a click only. */
  requestHostAccess(): Promise<boolean>;
  /** Firefox for Android ('android') or any other browser: some fixes cannot run there. */
  platform(): Promise<Platform>;
}

const extensionActions: PopupActions = {
  planClearSiteData: site.planClearSiteData,
  clearSiteData: site.clearSiteData,
  reload: site.reloadTab,
  httpsVersion: site.httpsVersion,
  openHttps: site.openHttps,
  signInAgain: site.signInAgain,
  openSite: site.openSite,
  checkProxy: site.checkProxy,
  browserProxy: site.browserProxy,
  copy: site.copyText,
  openDeveloperView: site.openDeveloperView,
  loadTicks: readChecklistTicks,
  saveTicks: writeChecklistTicks,
  environment: () => ({ browser: navigator.userAgent, extensionVersion: browser.runtime.getManifest().version, now: Date.now() }),
  hostAccess: hasHostAccess,
  requestHostAccess,
  platform: site.platform,
};

/** Set by popup-prefetch.js (src/popup/prefetch.ts), a classic script that runs before the modules. */
declare global {
  var popupPrefetch: Promise<{ tabId: number | null; items: Record<string, unknown> }> | undefined;
}

export const extensionConnector: Connector = {
  prefetched() {
    const early = globalThis.popupPrefetch;
    globalThis.popupPrefetch = undefined; // once: later loads read fresh state
    return early ? early.then(({ tabId, items }) => ({ tabId, state: tabId === null ? null : tabStateFrom(items, tabId) })) : null;
  },
  async tabId() {
    const fromQuery = new URLSearchParams(location.search).get('tabId');
    if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  },
  // Read straight from storage.session: no need to wake a sleeping worker (which costs 50+ ms).
  // A refusal still inside its 400 ms publish delay arrives through watchTab a moment later.
  loadTab: readTabState,
  watchTab: watchTabState,
  actions: extensionActions,
  signIn: { load: readSignInFlow, watch: watchSignInFlow },
};
