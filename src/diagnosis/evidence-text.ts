/** Small helpers that phrase evidence the same way everywhere. */
import { knownSchemeName } from '../capture/auth-schemes';
import type { RefusalRecord, SentCredentials } from '../capture/types';
import { visible } from '../capture/visible-text';
import type { Translate } from './translate';
import { plural } from './plural';

const MAX_QUOTE = 200;

/**
 * A server's (or a page's) words inside one of our sentences are held between these two
 * private-use characters, never between quote marks a server can also write: every output then
 * sets them apart as what they are (the popup in an element of their own, the report in a code
 * span, see serverParts). `visible()` escapes both characters in any server string, so none can
 * end its own quote or open another.
 */
export const SERVER_OPEN = '\uE000';
export const SERVER_CLOSE = '\uE001';

/**
 * Quotes a server- or page-controlled string for one of our sentences: cut to MAX_QUOTE
 * characters, invisible and bidi characters made visible, and marked as the server's words.
 */
export function quote(value: string): string {
  const text = String(value);
  const clean = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
  return `${SERVER_OPEN}${visible(clean)}${SERVER_CLOSE}`;
}

/** One piece of a sentence: our words, or a server's (a quote). */
export interface TextPart {
  text: string;
  server: boolean;
}

const QUOTED = /\uE000([^\uE000\uE001]*)\uE001/g;
const STRAY_MARKS = /[\uE000\uE001]/g;

/** A sentence cut into our words and the server's quoted words, in order (every output renders these, never the raw string). */
export function serverParts(sentence: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  const ours = (text: string) => {
    const clean = text.replace(STRAY_MARKS, '');
    if (clean) parts.push({ text: clean, server: false });
  };
  for (const match of sentence.matchAll(QUOTED)) {
    ours(sentence.slice(at, match.index));
    parts.push({ text: match[1]!, server: true });
    at = match.index + match[0].length;
  }
  ours(sentence.slice(at));
  return parts;
}

/** A sentence as plain text, each quote of the server between quote marks (for logs and tests; the popup and report set quotes apart). */
export function plainText(sentence: string): string {
  return serverParts(sentence)
    .map((part) => (part.server ? `"${part.text}"` : part.text))
    .join('');
}

/**
 * The Authorization scheme the page sent, in a sentence: a known scheme by its registered name, any
 * other quoted as the page wrote it (never as our words), or words for a header without one (its
 * value is never kept).
 */
export function schemeLabel(sent: Pick<SentCredentials, 'authorizationScheme'>, t: Translate): string {
  if (sent.authorizationScheme === null) return t('auth_scheme_none');
  return knownSchemeName(sent.authorizationScheme) ?? quote(sent.authorizationScheme);
}

/** A challenge's scheme in our words: its registered name, or "an unknown sign-in scheme" (the raw value stays in the raw challenge). */
export function schemeName(scheme: string, t: Translate): string {
  return knownSchemeName(scheme) ?? t('scheme_unknown');
}

/** The schemes a server offered, each named once ("Basic", "Bearer", "an unknown sign-in scheme"). */
export function schemeNames(challenges: ReadonlyArray<{ scheme: string }>, t: Translate): string[] {
  return [...new Set(challenges.map((c) => schemeName(c.scheme, t)))];
}

/** Schemes whose credentials the browser stores and sends by itself, where webRequest cannot see them. */
const BROWSER_HANDLED = ['basic', 'digest', 'ntlm', 'negotiate', 'kerberos'];

/** Whether the browser may have added credentials the extension cannot see (its own HTTP sign-in, or a proxy's). */
export function browserMayAddCredentials(view: { record: Pick<RefusalRecord, 'status'>; schemes: ReadonlySet<string> }): boolean {
  return view.record.status === 407 || BROWSER_HANDLED.some((scheme) => view.schemes.has(scheme));
}

/** "3 hours", "2 minutes", "40 seconds", in the reader's language. */
export function duration(seconds: number, t: Translate): string {
  const abs = Math.abs(seconds);
  const [value, unit]: [number, 'days' | 'hours' | 'minutes' | 'seconds'] =
    abs >= 2 * 86_400 ? [abs / 86_400, 'days'] : abs >= 2 * 3_600 ? [abs / 3_600, 'hours'] : abs >= 120 ? [abs / 60, 'minutes'] : [abs, 'seconds'];
  const rounded = Math.round(value);
  return plural(t, `dur_${unit}`, rounded);
}

/** The milliseconds a Date can hold either side of the epoch (ECMAScript's time range). */
const MAX_DATE_MS = 8.64e15;

/**
 * Seconds since the epoch as a token claim gives them, when they name a date a Date can hold;
 * null otherwise (a page picks its token's claims: `exp: -8.64e15`, `exp: "soon"`).
 */
export function epochSeconds(value: unknown): number | null {
  return typeof value === 'number' && dateMs(value * 1000) !== null ? value : null;
}

/** Milliseconds since the epoch when they name a date a Date can hold; null otherwise. */
export function dateMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS ? value : null;
}

/** "2026-11-25T10:00:00.000Z" from ms since the epoch, or "not a valid date": never throws. */
export function isoTime(ms: unknown, t: Translate): string {
  const valid = dateMs(ms);
  return valid === null ? t('not_a_valid_date') : new Date(valid).toISOString();
}

/** "2026-11-25 10:00 UTC" from seconds since the epoch, or "not a valid date": never throws. */
export function utcTime(seconds: unknown, t: Translate): string {
  const valid = epochSeconds(seconds);
  return valid === null ? t('not_a_valid_date') : `${new Date(valid * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The site part of a URL: its host without "www.". */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** A rough registrable domain: the last two labels (three for two-letter second levels such as co.uk). */
export function siteOf(url: string | null): string | null {
  const host = hostOf(url);
  if (!host) return null;
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host; // IP address
  const labels = host.split('.');
  const keep = labels.length > 2 && labels.at(-2)!.length <= 3 && labels.at(-1)!.length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}
