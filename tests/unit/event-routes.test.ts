/**
 * One routing for webRequest events: every event the worker registers a listener for has a route,
 * and the replay of recorded browser sequences delivers through the same specs and routes.
 */
import { describe, expect, it } from 'vitest';
import { routesTo, specReceives } from '../../src/background/event-routes';
import { detailListenerSpecs, listenerSpecs } from '../../src/background/listener-spec';
import { RequestObserver } from '../../src/background/request-observer';
import { createTabState } from '../../src/background/tab-state';
import { memorySession } from '../../dev/memory-session';
import { allFixtures } from '../support/replay';

describe('event routes', () => {
  const routes = routesTo(new RequestObserver(createTabState(memorySession(), { onPublish: () => {} }).store));

  it.each([...listenerSpecs(), ...detailListenerSpecs()].map((spec) => [spec.event, spec] as const))('%s has a route', (_event, spec) => {
    expect(typeof routes[spec.event]).toBe('function');
  });

  it('routes only what the spec registers for: all types when it names none, else its types', () => {
    expect(specReceives({ event: 'onCompleted' }, 'image')).toBe(true);
    expect(specReceives({ event: 'onBeforeRequest', types: ['main_frame'] }, 'main_frame')).toBe(true);
    expect(specReceives({ event: 'onBeforeRequest', types: ['main_frame'] }, 'sub_frame')).toBe(false);
    expect(specReceives({ event: 'onBeforeRequest', types: ['main_frame'] }, undefined)).toBe(false);
  });

  it('every webRequest event a browser recorded is one the worker registers for, or is named here as left out on purpose', () => {
    const registered = new Set<string>(listenerSpecs().map((spec) => spec.event));
    // What these carry, the registered events carry too (onSendHeaders has the final request headers,
    // onHeadersReceived every hop's response); onAuthRequired is the browser's own sign-in prompt.
    const leftOut = new Set(['onBeforeSendHeaders', 'onResponseStarted', 'onBeforeRedirect', 'onAuthRequired']);
    const recorded = new Set(allFixtures().flatMap(([, , fixture]) => fixture.events.map((e) => e.event).filter((name) => name.startsWith('on'))));
    const unrouted = [...recorded].filter((name) => !registered.has(name) && !leftOut.has(name));
    expect(unrouted).toEqual([]);
  });
});
