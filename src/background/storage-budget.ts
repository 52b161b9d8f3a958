/**
 * Keeps count of what each tab holds in storage.session, so the store can make room before the
 * browser's quota refuses a write: the tabs written least recently give up their details first.
 */
export class StorageBudget {
  /** Bytes per tab (its log and diagnosis), in the order the tabs were last written: oldest first. */
  private readonly sizes = new Map<number, number>();

  constructor(readonly limit: number) {}

  /** A tab's entries were written (or restored) with this size. */
  note(tabId: number, bytes: number): void {
    this.sizes.delete(tabId);
    this.sizes.set(tabId, bytes);
  }

  /** The browser measured a tab's entries as larger than we did: count that, keeping its place in the order. */
  correct(tabId: number, bytes: number): void {
    if ((this.sizes.get(tabId) ?? Number.POSITIVE_INFINITY) < bytes) this.sizes.set(tabId, bytes);
  }

  sizeOf(tabId: number): number | undefined {
    return this.sizes.get(tabId);
  }

  forget(tabId: number): void {
    this.sizes.delete(tabId);
  }

  /** By how much the total would exceed the limit if `tabId` held `bytes` (0 or less: it fits). */
  excess(tabId: number, bytes: number): number {
    let total = bytes;
    for (const [id, size] of this.sizes) if (id !== tabId) total += size;
    return total - this.limit;
  }

  /** Other tabs, least recently written first: the ones to trim to make room. */
  oldestExcept(tabId: number): number[] {
    return [...this.sizes.keys()].filter((id) => id !== tabId);
  }
}

/** UTF-8 bytes of a string (what both browsers count), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/*
 * Chrome counts storage.session by the memory its values take in the browser (base::Value, see
 * extensions/browser/api/storage/session_storage_manager.cc: EstimateMemoryUsage of key and value):
 * each string its UTF-8 bytes once it is longer than fits inline (22), each object entry 64 bytes,
 * each array element 32. So a record of many small fields takes ~3.4 times its JSON length, and
 * CJK text 3 bytes a character. Measured in Chromium (tests/unit/tab-store.test.ts holds the
 * figures); the constants below round up.
 */
const INLINE_STRING_BYTES = 22;
const STRING_SLACK_BYTES = 16;
const OBJECT_ENTRY_BYTES = 64;
const ARRAY_ELEMENT_BYTES = 32;

function stringBytes(text: string): number {
  const bytes = utf8Length(text);
  return bytes <= INLINE_STRING_BYTES ? 0 : bytes + STRING_SLACK_BYTES;
}

/** Chrome's count of a value (its heap, as EstimateMemoryUsage sees it), rounded up; `json` gets the UTF-8 JSON length alongside. */
function chromeBytes(value: unknown, json: { bytes: number }): number {
  if (typeof value === 'string') {
    json.bytes += utf8Length(value) + 2 + (value.match(/["\\\u0000-\u001f]/g)?.length ?? 0) * 5;
    return stringBytes(value);
  }
  if (value === null || typeof value !== 'object') {
    json.bytes += typeof value === 'number' ? String(value).length : value === undefined ? 0 : String(value).length;
    return 0;
  }
  if (Array.isArray(value)) {
    json.bytes += 2 + Math.max(0, value.length - 1);
    let bytes = value.length * ARRAY_ELEMENT_BYTES;
    for (const item of value) bytes += chromeBytes(item === undefined ? null : item, json);
    return bytes;
  }
  let bytes = 0;
  let entries = 0;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    entries++;
    json.bytes += utf8Length(key) + 3;
    bytes += OBJECT_ENTRY_BYTES + stringBytes(key) + chromeBytes(item, json);
  }
  json.bytes += 2 + Math.max(0, entries - 1);
  return bytes;
}

/**
 * The bytes some entries take in storage.session, as the browser counts them: Chrome's count
 * (above) or the UTF-8 length of key and JSON value, whichever is larger (Firefox, and the tests'
 * session area, count bytes of that kind). Never the JSON's length in characters: that undercounts
 * CJK text by three and small records by three and a half.
 */
export function storedSize(items: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) {
    if (value === undefined) continue;
    const json = { bytes: utf8Length(key) };
    const chrome = stringBytes(key) + chromeBytes(value, json);
    total += Math.max(chrome, json.bytes);
  }
  return total;
}
