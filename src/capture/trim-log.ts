import { truncate } from './truncate';
import type { RefusalRecord, TabLog } from './types';

/** What a trimmed record keeps: its URL, its first challenge line, other header texts, Set-Cookie names, the jar's sign-in cookies. */
const TRIMMED_URL_CHARS = 300;
const TRIMMED_CHALLENGE_CHARS = 200;
const TRIMMED_TEXT_CHARS = 60;
const TRIMMED_COOKIE_NAMES = 3;

/**
 * Cuts a record's evidence down to what the badge, the list and a rough diagnosis need, to make
 * room in storage for newer refusals. Counts, status, method, type and what was sent stay.
 */
function trimRecord(record: RefusalRecord): void {
  const short = (value: string | null) => (value === null ? null : truncate(value, TRIMMED_TEXT_CHARS));
  record.url = truncate(record.url, TRIMMED_URL_CHARS);
  record.statusLine = truncate(record.statusLine, TRIMMED_TEXT_CHARS);
  record.challenges = record.challenges.slice(0, 1).map((challenge) => truncate(challenge, TRIMMED_CHALLENGE_CHARS));
  record.server = short(record.server);
  record.date = short(record.date);
  record.setCookieNames = record.setCookieNames.slice(0, TRIMMED_COOKIE_NAMES);
  record.clearedCookieNames = record.clearedCookieNames.filter((name) => record.setCookieNames.includes(name));
  record.hints = { ...record.hints, via: short(record.hints.via), poweredBy: short(record.hints.poweredBy), contentType: short(record.hints.contentType) };
  // The jar's facts keep what the cookie causes lead with: the first sign-in cookies and the latest departure.
  if (record.jar) record.jar = { ...record.jar, signIn: record.jar.signIn.slice(0, TRIMMED_COOKIE_NAMES), departures: record.jar.departures.slice(0, 1) };
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
