import { redactText } from '../capture/redact-text';
import { looksLikeSecret, REDACTED } from '../capture/secret-shapes';
import { truncate } from '../capture/truncate';
import type { BodyError } from '../capture/types';
import { visible } from '../capture/visible-text';
import { MAX_BODY_INPUT } from './read-har';

/** Longest code and message kept from a body (the same bound as every quoted server string). */
const MAX_CODE_CHARS = 80;
const MAX_MESSAGE_CHARS = 200;
/** A code reads like an identifier (`invalid_grant`, `rest_not_logged_in`, `AUTH-001`), never like a sentence or a key. */
const CODE_LIKE = /^[A-Za-z][\w.:-]{0,79}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Server text as it may be kept: secrets it echoes redacted, invisible characters made visible, cut. */
function clean(value: string, max: number): string {
  return truncate(visible(redactText(value.slice(0, max * 4).replace(/[\u0000-\u001f\u007f]/g, ' ').trim())), max);
}

function codeOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string' || !CODE_LIKE.test(value) || looksLikeSecret(value)) return null;
  return value;
}

function messageOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const message = clean(value, MAX_MESSAGE_CHARS);
  return message === REDACTED ? null : message;
}

/** The first error object of `{"errors": [ … ]}` (GraphQL, JSON:API, GitHub), or the object itself. */
function errorObject(json: Record<string, unknown>): Record<string, unknown> {
  const list = json.errors;
  if (Array.isArray(list) && isObject(list[0])) return list[0];
  if (isObject(json.error)) return json.error;
  return json;
}

/**
 * The error a refused response's JSON body states, the way APIs write it: `error` (OAuth, RFC 6749
 * §5.2) with `error_description`, `code` with `message` (WordPress, many APIs), `message` alone
 * (GitHub), `title`/`detail` (RFC 9457 problem details), `errors[0]` (GraphQL, JSON:API). Null for
 * any other body (HTML, text, a body too long to be an error). Never throws.
 */
export function readBodyError(body: string | null, mimeType = ''): BodyError | null {
  if (!body || body.length > MAX_BODY_INPUT) return null;
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !/json/i.test(mimeType)) return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!isObject(json)) return null;
  const error = errorObject(json);
  const code = codeOf(json.error) ?? codeOf(error.code) ?? codeOf(error.error) ?? null;
  const message =
    messageOf(json.error_description) ?? messageOf(error.message) ?? messageOf(error.detail) ?? messageOf(error.title) ?? messageOf(json.message) ?? null;
  if (code === null && message === null) return null;
  return { code: code && clean(code, MAX_CODE_CHARS), message };
}
