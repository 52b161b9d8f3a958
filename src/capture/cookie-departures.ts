/**
 * Sign-in cookies that went away, as the browser reported it (cookies.onChanged with `removed`):
 * the name, the cookie's domain, when, and the browser's reason; never a value. A bounded log,
 * plain data (kept in storage.session by background/cookie-watcher.ts, so it survives the worker
 * stopping and is gone when the browser closes), pruned here: 24 hours, 20 names per domain,
 * 50 domains, one entry per name and domain (the latest).
 */
import { hostReceives } from './site';

/**
 * The browser's reason (cookies.OnChangedCause): `expired` (its time was up), `evicted` (the browser
 * made room), `explicit` (deleted through the cookies API or by clearing browsing data: the browser
 * or an extension), `overwrite` (the site set a new value), `expired_overwrite` (the site set it
 * already expired: the site deleted it).
 */
export type DepartureReason = 'expired' | 'evicted' | 'explicit' | 'overwrite' | 'expired_overwrite';

const REASONS: ReadonlySet<string> = new Set(['expired', 'evicted', 'explicit', 'overwrite', 'expired_overwrite']);

export interface CookieDeparture {
  name: string;
  /** The cookie's domain, without a leading dot. */
  domain: string;
  hostOnly: boolean;
  /** When it went (ms since the epoch): for `expired`, the expiry the cookie carried, else when the browser reported it. */
  at: number;
  reason: DepartureReason;
  /** How long the site had set it to last, when the extension saw it set (seconds). */
  lifetimeSeconds?: number;
}

/** Departures by cookie domain, newest first. */
export type DepartureLog = Record<string, CookieDeparture[]>;

export const DEPARTURE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const MAX_DEPARTURES_PER_DOMAIN = 20;
export const MAX_DEPARTURE_DOMAINS = 50;

export function isDepartureReason(value: unknown): value is DepartureReason {
  return typeof value === 'string' && REASONS.has(value);
}

/** Guards a stored log: anything damaged is dropped, not trusted. */
export function readDepartureLog(value: unknown): DepartureLog {
  if (typeof value !== 'object' || value === null) return {};
  const log: DepartureLog = {};
  for (const [domain, entries] of Object.entries(value as Record<string, unknown>).slice(0, MAX_DEPARTURE_DOMAINS)) {
    if (!Array.isArray(entries)) continue;
    const valid = entries.filter(
      (e): e is CookieDeparture =>
        typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.domain === 'string' && typeof e.at === 'number' && isDepartureReason(e.reason),
    );
    if (valid.length) log[domain] = valid.slice(0, MAX_DEPARTURES_PER_DOMAIN);
  }
  return log;
}

/** Drops entries older than a day, and domains left empty. */
export function pruneDepartures(log: DepartureLog, now: number): DepartureLog {
  const pruned: DepartureLog = {};
  for (const [domain, entries] of Object.entries(log)) {
    const recent = entries.filter((e) => now - e.at <= DEPARTURE_MAX_AGE_MS);
    if (recent.length) pruned[domain] = recent;
  }
  return pruned;
}

/** The log with one more departure: the latest per name first, bounded per domain and in domains (the least recent domain goes). */
export function noteDeparture(log: DepartureLog, departure: CookieDeparture, now: number): DepartureLog {
  const next = pruneDepartures(log, now);
  const others = (next[departure.domain] ?? []).filter((e) => e.name !== departure.name || e.hostOnly !== departure.hostOnly);
  next[departure.domain] = [departure, ...others].sort((a, b) => b.at - a.at).slice(0, MAX_DEPARTURES_PER_DOMAIN);
  const domains = Object.keys(next);
  if (domains.length > MAX_DEPARTURE_DOMAINS) {
    const newest = (d: string) => next[d]![0]!.at;
    for (const domain of domains.sort((a, b) => newest(a) - newest(b)).slice(0, domains.length - MAX_DEPARTURE_DOMAINS)) delete next[domain];
  }
  return next;
}

/** Departures of cookies `host` would have received, newest first. */
export function departuresFor(log: DepartureLog, host: string, now: number): CookieDeparture[] {
  return Object.values(log)
    .flat()
    .filter((e) => now - e.at <= DEPARTURE_MAX_AGE_MS && hostReceives(host, e))
    .sort((a, b) => b.at - a.at);
}
