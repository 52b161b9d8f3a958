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

/** The size storage counts for some entries: their JSON (keys and values), as Chrome measures its quota. */
export function storedSize(items: Record<string, unknown>): number {
  return JSON.stringify(items).length;
}
