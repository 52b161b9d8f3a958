/**
 * The only host APIs the pure core uses: WHATWG URL parsing, present in every browser,
 * worker and Node.js. Declared here (not through lib "dom") so nothing else from the DOM is reachable.
 */
declare class URL {
  constructor(url: string, base?: string);
  hash: string;
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  password: string;
  search: string;
  readonly searchParams: URLSearchParams;
  username: string;
}

declare class URLSearchParams {
  constructor(init?: string);
  forEach(callback: (value: string, name: string) => void): void;
  get(name: string): string | null;
  has(name: string): boolean;
  keys(): IterableIterator<string>;
}

/** Base64 decoding, present in every browser, worker and Node.js 16+. */
declare function atob(data: string): string;
