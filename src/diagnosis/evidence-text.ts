/** Small helpers that phrase evidence the same way everywhere. */
import type { SentCredentials } from '../capture/types';
import type { Translate } from './translate';
import type { RecordView } from './record-view';

const MAX_QUOTE = 200;

/** Quotes a server-controlled string for an evidence sentence (shown as text, never HTML). */
export function quote(value: string): string {
  const clean = value.length > MAX_QUOTE ? `${value.slice(0, MAX_QUOTE - 1)}…` : value;
  return `"${clean}"`;
}

/** The Authorization scheme that was sent, or words for a header without one (its value is never kept). */
export function schemeLabel(sent: Pick<SentCredentials, 'authorizationScheme'>, t: Translate): string {
  return sent.authorizationScheme ?? t('auth_scheme_none');
}

/** Schemes whose credentials the browser stores and sends by itself, where webRequest cannot see them. */
const BROWSER_HANDLED = ['basic', 'digest', 'ntlm', 'negotiate', 'kerberos'];

/** Whether the browser may have added credentials the extension cannot see (its own HTTP sign-in, or a proxy's). */
export function browserMayAddCredentials(view: Pick<RecordView, 'record' | 'schemes'>): boolean {
  return view.record.status === 407 || BROWSER_HANDLED.some((scheme) => view.schemes.has(scheme));
}

/** "3 hours", "2 minutes", "40 seconds", in the reader's language. */
export function duration(seconds: number, t: Translate): string {
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs >= 2 * 86_400 ? [abs / 86_400, 'days'] : abs >= 2 * 3_600 ? [abs / 3_600, 'hours'] : abs >= 120 ? [abs / 60, 'minutes'] : [abs, 'seconds'];
  const rounded = Math.round(value);
  return rounded === 1 ? t(`dur_one_${unit}`) : t(`dur_${unit}`, [rounded]);
}

/** "2026-11-25 10:00 UTC" from seconds since the epoch. */
export function utcTime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? String(epochSeconds) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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
