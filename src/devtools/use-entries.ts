import { useEffect, useState } from 'preact/hooks';
import { readHar, type HarReadError } from '../har/read-har';
import { watchNetwork } from './network-stream';

/** Most DevTools entries the panel keeps (the oldest go first): a long session must not grow without bound. */
const MAX_LIVE_ENTRIES = 3_000;
const BATCH_MS = 150;

/** Where the panel's requests come from: DevTools' log of the inspected tab, or a HAR file. */
export type EntrySource = { kind: 'live' } | { kind: 'file'; name: string; skipped: number } | { kind: 'none' };

export interface Entries {
  source: EntrySource;
  entries: unknown[];
  error: HarReadError | null;
  importFile(file: File): Promise<void>;
  backToLive(): void;
  clear(): void;
}

/** DevTools reports some requests both in getHAR and onRequestFinished: one entry per start time, method and URL. */
function keyOf(entry: Record<string, unknown>): string {
  const request = entry.request as { method?: unknown; url?: unknown } | undefined;
  return `${String(entry.startedDateTime)} ${String(request?.method)} ${String(request?.url)}`;
}

/** The panel's entries: live from DevTools while it is open (when `live`), or from a HAR file read locally. */
export function useEntries(live: boolean): Entries {
  const [liveEntries, setLiveEntries] = useState<Array<Record<string, unknown>>>([]);
  const [file, setFile] = useState<{ name: string; entries: unknown[]; skipped: number } | null>(null);
  const [error, setError] = useState<HarReadError | null>(null);

  useEffect(() => {
    if (!live) return;
    const seen = new Set<string>();
    // A busy page finishes many requests a second: they join the list (and the diagnosis runs) in batches.
    let batch: Array<Record<string, unknown>> = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const arrived = batch;
      batch = [];
      timer = undefined;
      setLiveEntries((list) => [...list, ...arrived].slice(-MAX_LIVE_ENTRIES));
    };
    const stop = watchNetwork(({ har }) => {
      const key = keyOf(har);
      if (seen.has(key)) return;
      if (seen.size >= MAX_LIVE_ENTRIES * 4) seen.clear(); // bounded; getHAR's replay is over by then
      seen.add(key);
      batch.push(har);
      timer ??= setTimeout(flush, BATCH_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [live]);

  const importFile = async (chosen: File) => {
    const result = readHar(await chosen.text().catch(() => ''));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setFile({ name: chosen.name, entries: result.entries, skipped: result.skipped });
  };

  const source: EntrySource = file ? { kind: 'file', name: file.name, skipped: file.skipped } : live ? { kind: 'live' } : { kind: 'none' };
  return {
    source,
    entries: file ? file.entries : liveEntries,
    error,
    importFile,
    backToLive: () => setFile(null),
    clear: () => (file ? setFile(null) : setLiveEntries([])),
  };
}
