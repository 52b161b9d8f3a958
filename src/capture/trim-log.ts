import { truncate } from './truncate';
import type { RefusalRecord, TabLog } from './types';

/**
 * Cuts a record's evidence down to what the badge, the list and a rough diagnosis need, to make
 * room in storage for newer refusals. Counts, status, method, type and what was sent stay.
 */
function trimRecord(record: RefusalRecord): void {
  record.url = truncate(record.url, 300);
  record.statusLine = truncate(record.statusLine, 60);
  record.challenges = record.challenges.slice(0, 1).map((challenge) => truncate(challenge, 200));
  record.server = record.server === null ? null : truncate(record.server, 60);
  record.date = record.date === null ? null : truncate(record.date, 60);
  record.setCookieNames = record.setCookieNames.slice(0, 3);
  record.clearedCookieNames = record.clearedCookieNames.filter((name) => record.setCookieNames.includes(name));
  const short = (value: string | null) => (value === null ? null : truncate(value, 60));
  record.hints = { ...record.hints, via: short(record.hints.via), poweredBy: short(record.hints.poweredBy), contentType: short(record.hints.contentType) };
  record.trimmed = true;
}

/** Trims every record of a log not trimmed yet; says whether anything changed. */
export function trimLog(log: TabLog): boolean {
  let changed = false;
  for (const record of [...log.records, ...(log.previous?.records ?? [])]) {
    if (record.trimmed) continue;
    trimRecord(record);
    changed = true;
  }
  return changed;
}
