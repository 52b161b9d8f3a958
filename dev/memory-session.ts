import type { SessionArea } from '../src/shared/storage-schema';

/**
 * An in-memory stand-in for storage.session, for the unit tests, the replay of recorded event
 * sequences and the benchmark: it copies values in and out as the real one does (structured
 * clone), and `data` shows what it holds.
 */
export function memorySession(initial: Record<string, unknown> = {}): SessionArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: async () => structuredClone(data),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => {
      for (const key of keys) delete data[key];
    },
  };
}
