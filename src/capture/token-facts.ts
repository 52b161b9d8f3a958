import { redactText } from './redact-text';
import { REDACTED } from './secret-shapes';
import { visible } from './visible-text';

/**
 * Facts read from a bearer token in the worker, the moment it is seen: the token itself is
 * dropped at once and never stored. Only JWTs (three base64url parts) reveal anything; an
 * opaque token tells nothing but its length class.
 */
export interface TokenFacts {
  format: 'jwt' | 'opaque';
  /** JOSE header `alg` ("RS256"); null when absent. */
  algorithm: string | null;
  /** Seconds since the epoch, from the payload; null when absent or not a number. */
  expiresAt: number | null;
  notBefore: number | null;
  issuedAt: number | null;
  /** Host of the `iss` claim (not the full URL, which can name tenants). */
  issuerHost: string | null;
  /** The `aud` claim: first audience and how many there are. */
  audience: string | null;
  audienceCount: number;
}

const MAX_CLAIM_CHARS = 200;
/** Longer tokens are not decoded (a hostile page could send megabytes); they read as opaque. */
const MAX_TOKEN_CHARS = 16_384;

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const json = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    // atob gives one char per byte; percent-encode the bytes so decodeURIComponent reads them as UTF-8.
    const utf8 = decodeURIComponent(json.replace(/[\s\S]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
    const value: unknown = JSON.parse(utf8);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** A claim as it may be kept: a short string with e-mail addresses and secret-shaped words redacted, invisible characters made visible. */
const shortString = (value: unknown) => (typeof value === 'string' ? visible(redactText(value.slice(0, MAX_CLAIM_CHARS))) : null);

function hostOf(issuer: unknown): string | null {
  const text = typeof issuer === 'string' ? issuer.slice(0, MAX_CLAIM_CHARS) : null;
  if (!text) return null;
  if (text.includes('@')) return REDACTED; // an e-mail address or a URL with a user name
  try {
    return new URL(text).hostname || null;
  } catch {
    return text.includes('/') ? null : visible(redactText(text)); // a bare name ("accounts.example") is already a host
  }
}

/** Reads a token (the part after "Bearer "/"DPoP "). Never throws; never returns the token. */
export function readTokenFacts(token: string): TokenFacts {
  const parts = token.length > MAX_TOKEN_CHARS ? [] : token.trim().split('.');
  const header = parts.length === 3 ? decodeSegment(parts[0]!) : null;
  const payload = header ? decodeSegment(parts[1]!) : null;
  if (!header || !payload) {
    return { format: 'opaque', algorithm: null, expiresAt: null, notBefore: null, issuedAt: null, issuerHost: null, audience: null, audienceCount: 0 };
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
  return {
    format: 'jwt',
    algorithm: shortString(header.alg),
    expiresAt: numberOrNull(payload.exp),
    notBefore: numberOrNull(payload.nbf),
    issuedAt: numberOrNull(payload.iat),
    issuerHost: hostOf(payload.iss),
    audience: shortString(audiences[0]),
    audienceCount: audiences.length,
  };
}
