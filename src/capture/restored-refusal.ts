import { buildRefusalRecord, isRefusalStatus } from './build-refusal-record';
import { NOT_OBSERVED } from './sent-credentials';
import type { RefusalRecord } from './types';

/**
 * A request as a page's own timing data tells it (`PerformanceNavigationTiming` and
 * `PerformanceResourceTiming.responseStatus`): what is left of a refusal that happened before the
 * extension was watching, as when the browser restores tabs while it starts.
 */
export interface TimingEntry {
  url: string;
  /** The HTTP status; 0 when the browser does not expose it (another origin without Timing-Allow-Origin). */
  status: number;
  /** `navigation` for the document itself, else the entry's initiatorType (fetch, xmlhttprequest, img, script, …). */
  kind: string;
}

/** The webRequest resource type that matches an entry's initiatorType. */
const RESOURCE_TYPES: Record<string, string> = {
  navigation: 'main_frame',
  fetch: 'xmlhttprequest',
  xmlhttprequest: 'xmlhttprequest',
  beacon: 'ping',
  img: 'image',
  image: 'image',
  script: 'script',
  link: 'stylesheet',
  css: 'stylesheet',
  iframe: 'sub_frame',
  frame: 'sub_frame',
  video: 'media',
  audio: 'media',
};

/**
 * The record of a refusal found in a page's timing data, or null when the entry is no refusal.
 * It says only what the entry says (status, URL, kind): no challenge, nothing known of what was sent,
 * and `seenAfterStart`, so no cause reads the missing headers as "none".
 */
export function restoredRefusal(entry: TimingEntry, page: { tabId: number; url: string; documentId: string | null }, index: number, now: number): RefusalRecord | null {
  if (!isRefusalStatus(entry.status) || typeof entry.url !== 'string') return null;
  const type = RESOURCE_TYPES[entry.kind] ?? 'other';
  let initiator: string | undefined;
  try {
    initiator = new URL(page.url).origin;
  } catch {
    initiator = undefined;
  }
  const record = buildRefusalRecord(
    {
      requestId: `restored-${index}`,
      url: entry.url,
      method: 'GET',
      type,
      frameId: 0,
      tabId: page.tabId,
      timeStamp: now,
      statusCode: entry.status,
      statusLine: '',
      responseHeaders: [],
      initiator,
      ...(page.documentId && type !== 'main_frame' ? { documentId: page.documentId } : {}),
    },
    null,
    '',
  );
  return { ...record, sent: { ...NOT_OBSERVED }, seenAfterStart: true };
}
