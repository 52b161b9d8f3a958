import { MAX_URL_CHARS } from './limits';
import { truncate } from './truncate';

/** Query parameter names whose values are credentials or one-time secrets. */
const SECRET_PARAM = /(token|key|secret|pass|pwd|auth|code|session|sid|jwt|sig|credential|nonce|otp|ticket|assertion)/i;
/** Values that look like tokens whatever their name: JWTs and long random strings. */
const JWT_LIKE = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/;
const RANDOM_LIKE = /^[\w\-+/=.~%]{24,}$/;

export const REDACTED = 'redacted';

function looksSecret(name: string, value: string): boolean {
  if (value === '') return false;
  if (SECRET_PARAM.test(name)) return true;
  return JWT_LIKE.test(value) || (RANDOM_LIKE.test(value) && /\d/.test(value) && /[a-z]/i.test(value));
}

/**
 * Returns a URL safe to store and show: user name and password removed, fragment dropped
 * (it can carry OAuth tokens), and query values that look secret replaced by "redacted".
 * Never throws: a string that is not a URL comes back truncated, without anything after `?` or `#`.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return truncate(raw.split(/[?#]/, 1)[0] ?? '', MAX_URL_CHARS);
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  if (url.search) {
    const kept: string[] = [];
    new URLSearchParams(url.search).forEach((value, name) => {
      const shown = looksSecret(name, value) ? REDACTED : value;
      kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(shown)}`);
    });
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return truncate(url.href, MAX_URL_CHARS);
}

/** Loopback hosts: browsers treat them as secure even over http, and they rarely serve https. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127(?:\.\d+){3}|\[::1\])$/.test(hostname);
}

/** The origin of a URL, or null for URLs without one (data:, about:, garbage). */
export function originOf(raw: string | undefined | null): string | null {
  if (!raw) return null;
  try {
    const origin = new URL(raw).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
