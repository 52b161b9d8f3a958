import { redactProse, redactUrl } from './redact-url';
import { isSecretName, looksLikeSecret, REDACTED } from './secret-shapes';

/**
 * Redaction of server-controlled text: header values, challenge parameters, token claims.
 * A server may echo what it was sent (`error_description="The access token eyJ… expired"`), so
 * every string a server controls passes through here before it is stored.
 */

/**
 * Free text with URLs redacted (any scheme, protocol-relative) and every secret shape replaced:
 * tokens, keys, e-mail addresses, `user:password` and `id:secret` pairs, values under secret
 * names (`"password": …`, `key=…`), card numbers written in groups.
 */
export function redactText(text: string): string {
  return redactProse(text);
}

/** Challenge parameters that name things, never hold a credential: kept as text (still shape-checked). */
const DESCRIPTIVE_PARAMS: ReadonlySet<string> = new Set([
  'realm', 'scope', 'error', 'error_description', 'error_uri', 'charset', 'algorithm', 'qop', 'stale', 'service',
  'domain', 'acr_values', 'max_age', 'resource_metadata', 'userhash', 'as_uri', 'authorization_uri', 'resource',
]);

/** A challenge parameter's value as it may be stored. */
function redactParam(name: string, value: string): string {
  const key = name.toLowerCase();
  if (/^https?:\/\//i.test(value)) return redactUrl(value);
  if (!DESCRIPTIVE_PARAMS.has(key) && key !== '' && isSecretName(key) && value !== '') return REDACTED;
  return redactText(value);
}

const QUOTED = /"((?:[^"\\]|\\.)*)("?)/g;

/**
 * A `WWW-Authenticate` / `Proxy-Authenticate` line with every secret removed but its structure
 * kept, so the diagnosis can still read scheme, realm, error and scope: quoted values and
 * unquoted `name=value` pairs are redacted by the parameter's name and by shape, token68 blobs
 * (Negotiate/NTLM handshakes) by shape.
 */
export function redactChallenge(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(QUOTED)) {
    const before = line.slice(last, match.index);
    const name = /([!#$%&'*+.^_`|~\w-]+)\s*=\s*$/.exec(before)?.[1] ?? '';
    const inner = (match[1] ?? '').replace(/\\(.)/g, '$1');
    out += `${redactBare(before)}"${redactParam(name, inner).replace(/(["\\])/g, '\\$1')}${match[2]}`;
    last = match.index + match[0].length;
  }
  return out + redactBare(line.slice(last));
}

/** The unquoted parts of a challenge: scheme names, `name=token` pairs, token68 blobs. */
function redactBare(text: string): string {
  return text.replace(/([!#$%&'*+.^_`|~\w-]+)(\s*=\s*)([^\s,"=][^\s,"]*)|[\w\-+/.~]{8,}=*/g, (match, name: string | undefined, eq: string, value: string) => {
    if (name !== undefined) return `${name}${eq}${redactParam(name, value)}`;
    // Negotiate/NTLM/Kerberos blobs (token68): base64, often without a single digit.
    const blob = match.length >= 20 && /^[A-Za-z0-9+/]+=*$/.test(match) && /[A-Z]/.test(match);
    return blob || looksLikeSecret(match.replace(/=+$/, '')) ? REDACTED : match;
  });
}
