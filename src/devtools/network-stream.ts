/**
 * The inspected tab's network log, from DevTools itself (devtools.network): what was recorded
 * before the panel opened (getHAR) and each request as it finishes (onRequestFinished). Listening
 * starts when the panel's page loads and ends with it, so nothing runs while DevTools is closed.
 */
import browser from 'webextension-polyfill';
import type { DevtoolsNetwork } from 'webextension-polyfill/namespaces/devtools_network';
import { MAX_BODY_INPUT } from '../har/read-har';

/** One finished request: its HAR entry, and its body for the statuses whose body is read. */
export interface NetworkEntry {
  har: Record<string, unknown>;
}

type ContentGetter = (callback?: (content: string, encoding: string) => void) => Promise<unknown> | undefined;

/** Statuses whose body is read: refusals and their 400/403 neighbours (an API's JSON error). */
const BODY_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 407]);

/**
 * Calls a DevTools method that takes a callback in Chrome and returns a promise in Firefox (and
 * through the polyfill where it wraps it): the promise when there is one, else the callback's value.
 */
function promised<T>(call: (callback?: (...args: unknown[]) => void) => Promise<unknown> | undefined, pick: (args: unknown[]) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const result = call((...args) => resolve(pick(args)));
      if (result && typeof result.then === 'function') result.then((value) => resolve(pick(Array.isArray(value) ? value : [value])), reject);
    } catch (error) {
      reject(error);
    }
  });
}

function statusOf(entry: Record<string, unknown>): number {
  const response = entry.response as { status?: unknown } | undefined;
  return typeof response?.status === 'number' ? response.status : 0;
}

/** The entry with its body put in (cut: only a short body can be a JSON error), when its status is one whose body is read. */
async function withBody(entry: Record<string, unknown>): Promise<Record<string, unknown>> {
  const getContent = (entry as { getContent?: ContentGetter }).getContent;
  if (!BODY_STATUSES.has(statusOf(entry)) || typeof getContent !== 'function') return entry;
  const text = await promised((callback) => getContent.call(entry, callback), (args) => (typeof args[0] === 'string' ? args[0] : null)).catch(() => null);
  const response = entry.response as Record<string, unknown>;
  const content = { ...(response.content as object), ...(text !== null ? { text: text.slice(0, MAX_BODY_INPUT + 1) } : {}) };
  return { ...entry, response: { ...response, content } };
}

/** The tab DevTools inspects; null outside DevTools (the panel page opened as a HAR viewer). */
export function inspectedTabId(): number | null {
  return (browser as { devtools?: typeof browser.devtools }).devtools?.inspectedWindow?.tabId ?? null;
}

/**
 * Delivers the log so far, then each finished request, until the returned function is called.
 * Bodies are read only for refusals and 400/403 answers.
 */
export function watchNetwork(onEntry: (entry: NetworkEntry) => void): () => void {
  const network = browser.devtools.network;
  let stopped = false;
  const deliver = (raw: unknown) =>
    void withBody(raw as Record<string, unknown>).then((har) => {
      if (!stopped) onEntry({ har });
    });
  const listener = (request: DevtoolsNetwork.Request) => deliver(request);
  network.onRequestFinished.addListener(listener);
  void promised(
    (callback) => (network.getHAR as unknown as (cb?: (log: unknown) => void) => Promise<unknown> | undefined)(callback),
    (args) => args[0] as { entries?: unknown[] } | undefined,
  ).then((log) => {
    for (const entry of log?.entries ?? []) deliver(entry);
  }, () => {});
  return () => {
    stopped = true;
    network.onRequestFinished.removeListener(listener);
  };
}

/** Calls back when the inspected page navigates (DevTools clears its own log then, unless told to keep it). */
export function watchNavigation(onNavigated: (url: string) => void): () => void {
  const listener = (url: string) => onNavigated(url);
  browser.devtools.network.onNavigated.addListener(listener);
  return () => browser.devtools.network.onNavigated.removeListener(listener);
}
