/**
 * Replays an event sequence recorded from a real browser (tests/fixtures/event-sequences, made by
 * scripts/record-event-sequences.ts) through the observer and store, as the worker's listeners
 * would deliver it: the same listener specs and filters (listener-spec.ts), the same routes
 * (event-routes.ts), same order, same timing. The browser is the judge of what arrives; these
 * fixtures keep its word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { routesTo, specReceives } from '../../src/background/event-routes';
import { listenerSpecs } from '../../src/background/listener-spec';
import { routeCommit, routeNavigationError } from '../../src/background/navigation-routes';
import { RequestObserver } from '../../src/background/request-observer';
import { createTabState } from '../../src/background/tab-state';
import type { TabStore } from '../../src/background/tab-store';
import { memorySession } from '../../dev/memory-session';
import type { HttpHeader } from '../../src/capture/types';

export const FIXTURE_DIR = 'tests/fixtures/event-sequences';

export interface RecordedEvent {
  event: string;
  requestId?: string;
  url: string;
  method?: string;
  type?: string;
  tabId: number;
  frameId: number;
  timeStamp: number;
  statusCode?: number;
  documentId?: string;
  requestHeaders?: Record<string, string[]>;
  responseHeaders?: Record<string, string[]>;
  [field: string]: unknown;
}

export interface Fixture {
  flow: string;
  browser: string;
  visible: string;
  events: RecordedEvent[];
}

/** Every recorded fixture, as [browser folder, flow, fixture]. */
export function allFixtures(): Array<[string, string, Fixture]> {
  const found: Array<[string, string, Fixture]> = [];
  for (const browser of readdirSync(FIXTURE_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(FIXTURE_DIR, browser.name)).filter((f) => f.endsWith('.json'))) {
      const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, browser.name, file), 'utf8')) as Fixture;
      found.push([browser.name, file.replace(/\.json$/, ''), fixture]);
    }
  }
  return found;
}

/** The recorder keeps only auth-related header values (schemes, never credentials); enough for the observer. */
function headers(recorded: Record<string, string[]> | undefined): HttpHeader[] {
  return Object.entries(recorded ?? {}).flatMap(([name, values]) => values.map((value) => ({ name, value: name === 'authorization' ? `${value} recorded` : value })));
}

/** Feeds a fixture to a fresh store, with fake timers advanced by the recorded gaps, then past every grace time. */
export async function replay(fixture: Fixture): Promise<{ store: TabStore; tabId: number }> {
  const store = createTabState(memorySession(), { onPublish: () => {} }).store;
  const routes = routesTo(new RequestObserver(store, { answersOutOfSight: /^chromium/i.test(fixture.browser) }));
  const specs = listenerSpecs();
  await store.ready;
  let clock = fixture.events[0]?.timeStamp ?? 0;
  let tabId = -1;
  for (const e of fixture.events) {
    if (e.timeStamp > clock) await vi.advanceTimersByTimeAsync(e.timeStamp - clock);
    clock = Math.max(clock, e.timeStamp);
    if (e.tabId >= 0 && e.frameId === 0 && e.event.startsWith('nav.')) tabId = e.tabId;
    const details = { ...e, responseHeaders: headers(e.responseHeaders), requestHeaders: headers(e.requestHeaders) } as never;
    for (const spec of specs) if (spec.event === e.event && specReceives(spec, e.type)) routes[spec.event](details);
    if (e.event === 'nav.onCommitted') routeCommit(store, e as never);
    if (e.event === 'nav.onErrorOccurred') routeNavigationError(store, e as never);
  }
  await vi.advanceTimersByTimeAsync(10_000);
  return { store, tabId };
}
