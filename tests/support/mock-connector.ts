/**
 * The popup's connector without an extension: a fixed tab state and actions that only record what
 * they were asked to do. The mock twin of src/popup/connector.ts, for component tests and previews.
 */
import type { Connector, PopupActions, TabState } from '../../src/popup/connector';
import type { Platform } from '../../src/popup/platform';
import type { ProxyReading } from '../../src/view/proxy-setting';

export interface MockConnector extends Connector {
  /** Every action called, as "name" or "name:argument". */
  calls: string[];
  /** Every text copied, in full. */
  copied: string[];
  /** Publishes a new state, as the worker would. */
  publish(state: TabState): void;
}

export function mockConnector(state: TabState, options: { proxy?: ProxyReading | null; https?: string | null; hostAccess?: boolean; platform?: Platform } = {}): MockConnector {
  const calls: string[] = [];
  const copied: string[] = [];
  const watchers = new Set<(state: TabState) => void>();
  let current = state;
  const done = (name: string, message = `${name} done`) => {
    calls.push(name);
    return Promise.resolve({ ok: true, message });
  };
  const actions: PopupActions = {
    planClearSiteData: async () => {
      calls.push('plan-clear');
      return { ok: true, plan: { origin: 'https://app.example', host: 'app.example', cookies: 2, sharedWith: [] } };
    },
    clearSiteData: () => done('clear'),
    reload: () => done('reload'),
    httpsVersion: async () => options.https ?? null,
    openHttps: () => done('open-https'),
    signInAgain: () => done('sign-in-again'),
    openSite: () => done('open-sign-in-site'),
    checkProxy: async () => {
      calls.push('check-proxy');
      return options.proxy ?? { configured: false, message: 'No proxy is set in the browser.' };
    },
    browserProxy: async () => options.proxy ?? null,
    copy: (text) => {
      copied.push(text);
      return done(`copy:${text.split('\n')[0]}`);
    },
    openDeveloperView: async () => void calls.push('developer-view'),
    loadTicks: async () => [],
    saveTicks: async (_tabId, ticks) => void calls.push(`ticks:${ticks.length}`),
    environment: () => ({ browser: 'TestBrowser/1', extensionVersion: '0.1.0', now: 0 }),
    hostAccess: async () => options.hostAccess ?? true,
    requestHostAccess: async () => {
      calls.push('request-host-access');
      return true;
    },
    platform: async () => options.platform ?? 'desktop',
  };
  return {
    calls,
    copied,
    actions,
    tabId: async () => 7,
    loadTab: async () => current,
    watchTab: (_tabId, onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    publish(next) {
      current = next;
      for (const watcher of watchers) watcher(next);
    },
  };
}
