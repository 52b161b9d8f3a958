/** HAR entries for the tests: a scenario of tests/support/scenarios.ts as DevTools would record it. */
import type { HttpHeader } from '../../src/capture/types';
import { NOW, type Scenario } from './scenarios';

const CHROME_TYPE: Record<string, string> = { main_frame: 'document', sub_frame: 'document', xmlhttprequest: 'fetch', image: 'image', script: 'script' };

export interface EntryParts {
  url?: string;
  method?: string;
  status?: number;
  requestHeaders?: HttpHeader[];
  responseHeaders?: HttpHeader[];
  body?: string;
  mimeType?: string;
  startedMs?: number;
  resourceType?: string;
}

/** One HAR 1.2 entry. */
export function harEntry(parts: EntryParts = {}): Record<string, unknown> {
  const header = (h: HttpHeader) => ({ name: h.name, value: h.value ?? '' });
  return {
    startedDateTime: new Date(parts.startedMs ?? NOW).toISOString(),
    time: 12,
    request: { method: parts.method ?? 'GET', url: parts.url ?? 'https://app.example/api/me', httpVersion: 'HTTP/1.1', headers: (parts.requestHeaders ?? []).map(header), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status: parts.status ?? 401,
      statusText: 'Unauthorized',
      httpVersion: 'HTTP/1.1',
      headers: (parts.responseHeaders ?? []).map(header),
      cookies: [],
      content: { size: parts.body?.length ?? 0, mimeType: parts.mimeType ?? 'application/json', ...(parts.body !== undefined ? { text: parts.body } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 10, receive: 1 },
    ...(parts.resourceType ? { _resourceType: parts.resourceType } : {}),
  };
}

/** A scenario's refusal (each repeat 10 s apart) as DevTools records it, its initiator as the Referer. */
export function scenarioEntries(s: Scenario): Array<Record<string, unknown>> {
  const status = s.event?.statusCode ?? 401;
  const challengeName = status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
  const responseHeaders: HttpHeader[] = [...(s.challenge ?? []).map((value) => ({ name: challengeName, value })), { name: 'Date', value: new Date(NOW).toUTCString() }, ...(s.headers ?? [])];
  const requestHeaders: HttpHeader[] = [...(s.sent ?? []), ...(s.event?.initiator ? [{ name: 'Referer', value: `${s.event.initiator}/` }] : [])];
  return Array.from({ length: s.repeat ?? 1 }, (_, i) =>
    harEntry({
      url: s.event?.url ?? 'https://app.example/api/me',
      method: s.event?.method ?? 'GET',
      status,
      requestHeaders,
      responseHeaders,
      startedMs: NOW + i * 10_000,
      resourceType: CHROME_TYPE[s.event?.type ?? 'xmlhttprequest'] ?? 'other',
    }),
  );
}
