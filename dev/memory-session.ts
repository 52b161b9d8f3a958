import type { SessionArea } from '../src/shared/storage-schema';

export interface MemorySessionOptions {
  /**
   * A quota like Chrome's QUOTA_BYTES: a `set` that would bring the total to it or past it is
   * refused whole, nothing stored ("Session storage quota bytes exceeded"). Each item counts the
   * UTF-8 bytes of its key and of its value as JSON. Without it, nothing is refused.
   */
  quotaBytes?: number;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** What one item counts against the quota: UTF-8 bytes of its key and of its JSON value. */
export function memoryItemBytes(key: string, value: unknown): number {
  return utf8(key) + utf8(JSON.stringify(value) ?? '');
}

/**
 * An in-memory stand-in for storage.session, for the unit tests, the replay of recorded event
 * sequences and the benchmark: it copies values in and out as the real one does (structured
 * clone), `data` shows what it holds, and with `quotaBytes` it refuses writes past its quota as
 * Chrome does (counting bytes, not characters), reporting its use through `getBytesInUse`.
 */
export function memorySession(
  initial: Record<string, unknown> = {},
  options: MemorySessionOptions = {},
): SessionArea & { data: Record<string, unknown>; bytesInUse(): number; refusedWrites: number } {
  const data: Record<string, unknown> = structuredClone(initial);
  const bytesOf = (keys: string[]) => keys.reduce((sum, key) => sum + (key in data ? memoryItemBytes(key, data[key]) : 0), 0);
  const area = {
    data,
    refusedWrites: 0,
    bytesInUse: () => bytesOf(Object.keys(data)),
    get: async () => structuredClone(data),
    set: async (items: Record<string, unknown>) => {
      if (options.quotaBytes !== undefined) {
        const keys = Object.keys(items);
        const after = area.bytesInUse() - bytesOf(keys) + keys.reduce((sum, key) => sum + memoryItemBytes(key, items[key]), 0);
        if (after >= options.quotaBytes) {
          area.refusedWrites++;
          throw new Error('Session storage quota bytes exceeded. Values were not stored.');
        }
      }
      Object.assign(data, structuredClone(items));
    },
    remove: async (keys: string[]) => {
      for (const key of keys) delete data[key];
    },
    getBytesInUse: async (keys: string[] | null) => bytesOf(keys ?? Object.keys(data)),
  };
  return area;
}
