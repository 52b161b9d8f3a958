/** Builders for test records: a realistic default that each test overrides where it matters. */
import { buildRefusalRecord, type ResponseEvent } from '../../src/capture/build-refusal-record';
import type { RequestFacts } from '../../src/capture/sent-credentials';
import type { RefusalRecord } from '../../src/capture/types';

let counter = 0;

export function responseEvent(overrides: Partial<ResponseEvent> = {}): ResponseEvent & { statusCode: 401 | 407 } {
  counter++;
  return {
    requestId: `r${counter}`,
    url: 'https://app.example/api/me',
    method: 'GET',
    type: 'xmlhttprequest',
    frameId: 0,
    tabId: 7,
    timeStamp: 1_000_000 + counter,
    statusCode: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api"' }],
    initiator: 'https://app.example',
    ...overrides,
  } as ResponseEvent & { statusCode: 401 | 407 };
}

export function refusal(overrides: Partial<ResponseEvent> = {}, facts: RequestFacts | null = null, id = `id${counter}`): RefusalRecord {
  return buildRefusalRecord(responseEvent(overrides), facts, id);
}
