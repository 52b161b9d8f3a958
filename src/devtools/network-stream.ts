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
 * Calls a DevTools method that returns a promise in Firefox and where the polyfill wraps it
 * (getContent of an onRequestFinished entry), and takes a callback in Chrome (getHAR, entries from
 * getHAR): the promise when one comes back, else the same call again with a callback.
 */
function promised<T>(call: (callback?: (...args: unknown[]) => void) => Promise<unknown> | undefined, pick: (args: unknown[]) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const result = call();
      if (result && typeof result.then === 'function') result.then((value) => resolve(pick(Array.isArray(value) ? value : [value])), reject);
      else call((...args) => resolve(pick(args)));
    } catch (error) {
      reject(error);
    }
  });
}

/** A body as getContent gives it: `(content, encoding)`, `[content, mimeType]`, or `{ content }`. */
function contentText(args: unknown[]): string | null {
  const [first] = args;
  if (typeof first === 'string') return first;
  const content = (first as { content?: unknown } | null)?.content;
  return typeof content === 'string' ? content : null;
}

function statusOf(entry: Record<string, unknown>): number {
  const response = entry.response as { status?: unknown } | undefined;
  return typeof response?.status === 'number' ? response.status : 0;
}

/**
 * A plain copy of a DevTools entry's HAR fields, its body put in (cut: only a short body can be a
 * JSON error) when its status is one whose body is read. Copied field by field: where the polyfill
 * wraps `chrome` (Chrome 148–151 hide `browser` from extensions with a devtools_page), an
 * onRequestFinished entry is a Proxy whose own keys are empty, so spreading it would lose them.
 */
async function plainEntry(entry: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = { ...(entry.response as Record<string, unknown>) };
  const getContent = (entry as { getContent?: ContentGetter }).getContent;
  if (BODY_STATUSES.has(statusOf(entry)) && typeof getContent === 'function') {
    const text = await promised((callback) => (callback ? getContent.call(entry, callback) : getContent.call(entry)), contentText).catch(() => null);
    if (text !== null) response.content = { ...(response.content as object), text: text.slice(0, MAX_BODY_INPUT + 1) };
  }
  return { startedDateTime: entry.startedDateTime, time: entry.time, request: entry.request, response, _resourceType: entry._resourceType };
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
    void plainEntry(raw as Record<string, unknown>).then((har) => {
      if (!stopped) onEntry({ har });
    });
  const listener = (request: DevtoolsNetwork.Request) => deliver(request);
  network.onRequestFinished.addListener(listener);
  const getHAR = network.getHAR.bind(network) as unknown as (callback?: (log: unknown) => void) => Promise<unknown> | undefined;
  // No argument at all on the first call: Firefox checks the arguments against the API's schema.
  void promised((callback) => (callback ? getHAR(callback) : getHAR()), (args) => args[0] as { entries?: unknown[] } | undefined).then((log) => {
    for (const entry of log?.entries ?? []) deliver(entry);
  }, () => {});
  return () => {
    stopped = true;
    network.onRequestFinished.removeListener(listener);
  };
}
