import type { RefusalRecord } from '../capture/types';

/**
 * A curl command that repeats a refused request, safe to paste into a shell.
 *
 * Every part (method, URL, header names, placeholders) comes from a request a page or server
 * chose, so every part is single-quoted, and a method or URL that is not a plausible HTTP request
 * gives no command at all. Inside single quotes nothing is special to a POSIX shell; `'` and `\`
 * are additionally percent-encoded in the URL so the line also reads the same in fish and
 * PowerShell. Credentials appear only as placeholders the person fills in.
 *
 * The line must send the refused request and only it: `--globoff` keeps curl from reading `[1-9]`
 * and `{a,b}` in the URL as globs (several requests, none of them the refused one), and
 * `--path-as-is` from squashing `/../` and `/./` in its path.
 */

export type CurlCommand = { ok: true; command: string } | { ok: false; reason: 'method' | 'url' };

/** Methods are tokens; real ones are letters and hyphens (GET, PROPFIND, VERSION-CONTROL). */
const PLAUSIBLE_METHOD = /^[A-Z][A-Z-]{0,23}$/;
const MAX_URL_CHARS = 2_048;

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The URL as curl should get it, or null when it is not an http(s) URL without control characters. */
function plausibleUrl(raw: string): string | null {
  if (raw.length > MAX_URL_CHARS || /[\u0000-\u0020\u007f-\uffff]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.replace(/'/g, '%27').replace(/\\/g, '%5C');
}

/** The origin a preflight came from, when it is one (scheme://host[:port]). */
function plausibleOrigin(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const origin = new URL(raw).origin;
    return origin === raw && /^https?:\/\/[a-z0-9.:[\]-]+$/i.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

export function buildCurl(record: RefusalRecord): CurlCommand {
  if (!PLAUSIBLE_METHOD.test(record.method)) return { ok: false, reason: 'method' };
  const url = plausibleUrl(record.url);
  if (url === null) return { ok: false, reason: 'url' };
  const header = (text: string) => `-H ${shellQuote(text)}`;
  const lines = [`curl --globoff --path-as-is -i -X ${shellQuote(record.method)} ${shellQuote(url)}`];
  if (record.preflight) {
    const origin = plausibleOrigin(record.initiator);
    if (origin) lines.push(header(`Origin: ${origin}`));
    lines.push(header('Access-Control-Request-Method: <method>'));
  }
  if (record.sent.authorizationScheme && /^[A-Za-z][\w.~+/-]*$/.test(record.sent.authorizationScheme)) {
    lines.push(header(`Authorization: ${record.sent.authorizationScheme} <your credentials>`));
  } else if (record.sent.authorizationScheme || record.sent.authorizationWithoutScheme) {
    lines.push(header('Authorization: <your credentials>'));
  }
  if (record.sent.cookies) lines.push(header('Cookie: <your cookies for this site>'));
  for (const name of record.sent.notableHeaders) if (/^[a-z][a-z0-9-]*$/.test(name)) lines.push(header(`${name}: <value>`));
  return { ok: true, command: lines.join(' \\\n  ') };
}
