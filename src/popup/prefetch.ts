/**
 * Starts reading the tab's state while the popup's modules are still loading: on a busy tab the read
 * takes 15-35 ms, which this overlaps with module loading. Built as a classic script
 * (popup-prefetch.js, build/popup-bundle.ts) so it runs during parsing; connector.ts picks the promise
 * up and validates what it holds. It uses the browser's own API (no polyfill: it must stay tiny) and
 * the same key builders as everything else.
 */
import { diagnosisKey, tabKey } from '../shared/storage-schema';

type Api = Pick<typeof chrome, 'tabs' | 'storage'>;
const api = ((globalThis as { browser?: Api }).browser ?? chrome) as Api;
const param = new URLSearchParams(location.search).get('tabId');
const tabId: Promise<number | null> =
  param !== null && /^\d+$/.test(param) ? Promise.resolve(Number(param)) : api.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab?.id ?? null);

type Prefetched = { tabId: number | null; items: Record<string, unknown> };

(globalThis as { popupPrefetch?: Promise<Prefetched> }).popupPrefetch = tabId.then(
  async (id): Promise<Prefetched> => (id === null ? { tabId: null, items: {} } : { tabId: id, items: await api.storage.session.get([tabKey(id), diagnosisKey(id)]) }),
);
