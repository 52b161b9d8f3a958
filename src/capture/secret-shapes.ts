/**
 * What a secret looks like, whatever it is called. Redaction checks names first (a `token`
 * parameter) and these shapes second, so a JWT in `?q=`, an e-mail address in a claim or a
 * reset token in a path is caught too. False positives are cheap (a value reads "redacted");
 * a missed secret is not.
 */

export const REDACTED = 'redacted';

/** Three (JWS) or five (JWE) base64url parts. */
const JWT_LIKE = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*(?:\.[\w-]*\.[\w-]*)?$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"'`]+@[^\s@<>()[\]\\,;:"'`]+\.[A-Za-z]{2,}$/;
const TOKEN_CHARS = /^[\w\-+/=.~%]+$/;
/** Card numbers and other long digit runs. */
const LONG_DIGITS = /^\d{13,}$/;
const SLUG_PART = /^(?:[A-Za-z]{1,12}|\d{1,4})$/;

/** A long run of letters and digits that is not a slug of words ("how-to-reset-2024"): a key, a hash, a token. */
function looksRandom(value: string): boolean {
  if (value.length < 20 || !TOKEN_CHARS.test(value)) return false;
  if (!/\d/.test(value) || !/[a-z]/i.test(value)) return false;
  return !value.split(/[-_.~/+]+/).every((part) => part === '' || SLUG_PART.test(part));
}

/** Whether a value, whatever its name, has the shape of a credential, a token or personal data. */
export function looksLikeSecret(value: string): boolean {
  if (value.length < 8) return false;
  return JWT_LIKE.test(value) || EMAIL.test(value) || LONG_DIGITS.test(value) || looksRandom(value);
}

/** Query, cookie and parameter names whose values are credentials, one-time secrets or personal data. */
const SECRET_NAME = /token|key|secret|pass|pwd|auth|code|session|sid|jwt|sig|credential|nonce|otp|ticket|assertion|state|saml|mail|login|user|hint|phone|card|cvv|iban/i;
const SHORT_SECRET_NAME = /^(?:pw|p|pin|ssn)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || SHORT_SECRET_NAME.test(name);
}

/** A value that is empty or short and innocuous stays; anything secret-named or secret-shaped does not. */
export function isSecretPair(name: string, value: string): boolean {
  if (value === '') return false;
  // A literal "+" in a query reads as a space once decoded: check the pieces and the whole again.
  return isSecretName(name) || looksLikeSecret(value) || (/\s/.test(value) && (looksLikeSecret(value.replace(/ /g, '+')) || value.split(/\s+/).some(looksLikeSecret)));
}
