import { buildRefusalRecord, isRefusalStatus, type ResponseEvent } from '../capture/build-refusal-record';
import { MAX_RECORDS_PER_TAB } from '../capture/limits';
import { originOf, redactUrl } from '../capture/redact-url';
import { NOTHING_SENT, readRequestFacts, type RequestFacts } from '../capture/sent-credentials';
import { addRefusal, awaitsRecovery, createTabLog, markRecovered, nextRecordId } from '../capture/tab-log';
import { truncate } from '../capture/truncate';
import type { BodyError, TabLog } from '../capture/types';
import { visible } from '../capture/visible-text';
import { readBodyError } from './body-error';
import type { HarExchange, NeighbourStatus } from './har-types';

/**
 * HAR exchanges (DevTools' network log, or a HAR file) turned into the extension's refusal records,
 * through the same record builder and tab-log rules the worker uses: the same redaction, the same
 * bounds, the same "recovered by a retry" rule. DevTools sees every request's headers, so what was
 * sent is always observed; it also sees the response body, read for the server's stated error.
 */

/** A 400 or 403 beside the refusals: not a sign-in problem, listed as what it is. */
export interface Neighbour {
  status: NeighbourStatus;
  method: string;
  /** Redacted. */
  url: string;
  resourceType: string;
  at: number;
  bodyError: BodyError | null;
}

export interface HarReading {
  log: TabLog;
  neighbours: Neighbour[];
  /** When the last exchange ended (ms since the epoch): "now" for a diagnosis of a recorded HAR. */
  endedAt: number;
}

const MAX_NEIGHBOURS = 100;

/** Chrome's `_resourceType` as webRequest names it. */
const CHROME_TYPES: Record<string, string> = {
  document: 'main_frame',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  preflight: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  ping: 'ping',
  cspviolationreport: 'csp_report',
  manifest: 'other',
  texttrack: 'media',
  other: 'other',
};

/** `Sec-Fetch-Dest` (sent by Chrome and Firefox) as webRequest names it, for HARs without a resource type. */
const FETCH_DESTS: Record<string, string> = {
  document: 'main_frame',
  iframe: 'sub_frame',
  frame: 'sub_frame',
  empty: 'xmlhttprequest',
  image: 'image',
  script: 'script',
  style: 'stylesheet',
  font: 'font',
  audio: 'media',
  video: 'media',
  track: 'media',
  websocket: 'websocket',
};

function header(exchange: HarExchange, name: string, response = false): string | null {
  const headers = response ? exchange.responseHeaders : exchange.requestHeaders;
  return headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
}

/** The webRequest resource type of an exchange. */
export function resourceTypeOf(exchange: HarExchange): string {
  const chrome = exchange.resourceType && CHROME_TYPES[exchange.resourceType.toLowerCase()];
  if (chrome) return chrome;
  const dest = FETCH_DESTS[(header(exchange, 'sec-fetch-dest') ?? '').toLowerCase()];
  if (dest) return dest;
  if (header(exchange, 'upgrade')?.toLowerCase() === 'websocket') return 'websocket';
  return /text\/html/i.test(header(exchange, 'accept') ?? '') ? 'main_frame' : 'xmlhttprequest';
}

/** A request's facts from its headers: DevTools shows them all, so nothing sent is "nothing sent", not "not seen". */
function factsOf(exchange: HarExchange): RequestFacts {
  const tokenFacts = exchange.tokenFacts;
  const facts = readRequestFacts(exchange.requestHeaders) ?? { sent: { ...NOTHING_SENT, notableHeaders: [] }, preflight: false };
  if (exchange.resourceType === 'preflight') facts.preflight = true;
  // An exported HAR carries the token's facts beside the redacted token (see sanitize-har.ts).
  if (tokenFacts && facts.sent.authorizationScheme && (!facts.sent.token || facts.sent.token.format === 'opaque')) facts.sent.token = tokenFacts;
  return facts;
}

function statusLineOf(exchange: HarExchange): string {
  const version = exchange.httpVersion && /^http\/[\d.]+$/i.test(exchange.httpVersion) ? exchange.httpVersion.toUpperCase() : 'HTTP/1.1';
  return `${version} ${exchange.status} ${exchange.statusText}`.trim();
}

/** The event the record builder reads, as webRequest would have reported this exchange. */
function eventOf(exchange: HarExchange, index: number, tabId: number): ResponseEvent {
  const type = resourceTypeOf(exchange);
  // Who started it, as far as a HAR tells: the Origin a CORS call carries, else the Referer's origin.
  const initiator = originOf(header(exchange, 'origin')) ?? originOf(header(exchange, 'referer'));
  return {
    requestId: `har-${index}`,
    url: exchange.url,
    method: exchange.method,
    type,
    frameId: type === 'main_frame' ? 0 : -1,
    tabId,
    timeStamp: exchange.startedMs + exchange.time,
    statusCode: exchange.status,
    statusLine: statusLineOf(exchange),
    responseHeaders: exchange.responseHeaders,
    ...(initiator ? { initiator } : {}),
  };
}

/**
 * Reads exchanges, in the order they started, into a tab log (refusals, recovered by later
 * successes of the same request) and the 400/403 neighbours.
 */
export function readExchanges(exchanges: readonly HarExchange[], tabId = 0): HarReading {
  const log = createTabLog(tabId);
  const neighbours: Neighbour[] = [];
  const order = exchanges.map((exchange, index) => ({ exchange, index })).sort((a, b) => a.exchange.startedMs - b.exchange.startedMs);
  let endedAt = 0;
  for (const { exchange, index } of order) {
    const event = eventOf(exchange, index, tabId);
    endedAt = Math.max(endedAt, event.timeStamp);
    if (log.pageUrl === null && event.type === 'main_frame') log.pageUrl = redactUrl(exchange.url);
    if (isRefusalStatus(event.statusCode)) {
      const record = buildRefusalRecord({ ...event, statusCode: event.statusCode }, factsOf(exchange), nextRecordId(log));
      const bodyError = readBodyError(exchange.body, exchange.mimeType);
      if (bodyError) record.bodyError = bodyError;
      addRefusal(log, record, MAX_RECORDS_PER_TAB);
    } else if (event.statusCode === 400 || event.statusCode === 403) {
      if (neighbours.length < MAX_NEIGHBOURS) {
        neighbours.push({
          status: event.statusCode,
          method: truncate(visible(exchange.method.toUpperCase()), 16),
          url: redactUrl(exchange.url),
          resourceType: event.type,
          at: event.timeStamp,
          bodyError: readBodyError(exchange.body, exchange.mimeType),
        });
      }
    } else if (event.statusCode < 400 && awaitsRecovery(log)) {
      // The cheap check first: most successes have no refusal to answer, and redacting their URLs costs.
      markRecovered(log, { requestId: event.requestId, method: exchange.method.toUpperCase(), url: redactUrl(exchange.url), timeStamp: event.timeStamp });
    }
  }
  return { log, neighbours, endedAt };
}
