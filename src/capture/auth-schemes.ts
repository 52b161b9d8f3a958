/**
 * Authorization schemes by their registered spelling: the IANA HTTP Authentication Scheme
 * Registry, NTLM and Kerberos, and the vendor schemes in common use. A scheme is a token the
 * server (or the page) writes freely (`Please-call-0800-123-to-unlock`), so only these are ever
 * named in the extension's own sentences; any other reads as "an unknown sign-in scheme".
 */
const REGISTERED = [
  // IANA HTTP Authentication Scheme Registry
  'Basic', 'Bearer', 'Concealed', 'Digest', 'DPoP', 'GNAP', 'HOBA', 'Mutual', 'Negotiate', 'OAuth', 'PrivateToken', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'vapid',
  // Windows sign-in
  'NTLM', 'Kerberos',
  // Vendor schemes in common use
  'AWS4-HMAC-SHA256', 'Token', 'ApiKey', 'Api-Key', 'Key', 'SharedKey', 'SharedAccessSignature', 'SSWS', 'Hawk', 'Signature', 'MAC', 'JWT', 'Splunk', 'GoogleLogin', 'GSSAPI',
];

/** Lower-cased scheme → its registered spelling. */
export const AUTH_SCHEMES: ReadonlyMap<string, string> = new Map(REGISTERED.map((name) => [name.toLowerCase(), name]));

/** The registered spelling of a scheme, or null when no list knows it. */
export function knownSchemeName(scheme: string): string | null {
  return AUTH_SCHEMES.get(scheme.toLowerCase()) ?? null;
}
