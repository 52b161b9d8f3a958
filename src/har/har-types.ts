import type { TokenFacts } from '../capture/token-facts';

/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) this extension reads and
 * writes. Everything is optional on input: a HAR comes from DevTools, another tool or a stranger,
 * so readers check each field's type before use (read-har.ts).
 */

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: HarHeader[];
  queryString: Array<{ name: string; value: string }>;
  cookies: Array<{ name: string; value: string }>;
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: HarHeader[];
  cookies: Array<{ name: string; value: string }>;
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Chrome's resource type (document, xhr, fetch, script, …); absent in Firefox's HARs. */
  _resourceType?: string;
  /** Ours: what the removed bearer token said (expiry, issuer host, audience), never the token. */
  _tokenFacts?: TokenFacts;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

/** Statuses the panel lists beside the refusals, labelled as what they are (not a 401). */
export type NeighbourStatus = 400 | 403;

/** A HAR entry reduced to what the conversion reads, each field checked (see read-har.ts). */
export interface HarExchange {
  startedMs: number;
  /** Milliseconds the exchange took (0 when unknown). */
  time: number;
  method: string;
  url: string;
  requestHeaders: HarHeader[];
  status: number;
  statusText: string;
  httpVersion: string;
  responseHeaders: HarHeader[];
  /** Response body text, when the HAR or DevTools gave it (already cut to a bound). */
  body: string | null;
  mimeType: string;
  resourceType: string | null;
  /** The facts an exported HAR kept of the token it removed (`_tokenFacts`, see sanitize-har.ts). */
  tokenFacts: TokenFacts | null;
}
