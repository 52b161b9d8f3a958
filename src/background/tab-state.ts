import type { SessionArea } from '../shared/storage-schema';
import { type PublisherOptions, TabPublisher } from './tab-publisher';
import { TabStore } from './tab-store';

/** The worker's per-tab state: the store that owns the logs, and the publisher that stores and shows them. */
export interface TabState {
  store: TabStore;
  publisher: TabPublisher;
}

/**
 * Wires the two side by side: the store tells the publisher of each change, the publisher reads
 * the store's logs (and asks it to trim one when storage needs room). The worker, the replay of
 * recorded event sequences, the unit tests and the benchmark all use this one wiring.
 */
export function createTabState(area: SessionArea, options: PublisherOptions): TabState {
  const publisher: TabPublisher = new TabPublisher(area, { get: (tabId) => store.get(tabId), trim: (tabId) => store.trim(tabId) }, options);
  const store: TabStore = new TabStore(area, publisher, options.onError);
  return { store, publisher };
}
