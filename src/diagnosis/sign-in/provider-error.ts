/**
 * Reads what an identity provider said went wrong: the OAuth 2 / OpenID Connect error code
 * (RFC 6749 §4.1.2.1, §5.2; OpenID Connect Core §3.1.2.6), the codes big providers put in the
 * description (Microsoft Entra `AADSTS…`, Okta `E…` and "User is not assigned", Keycloak's
 * "Invalid parameter: redirect_uri"), and SAML 2 status codes. For each: what it means in plain
 * words (a message key), who can fix it, and the provider's own look-up page where it has one
 * (a link for the person to open: providers change their codes, so we link rather than copy).
 */
import type { ProviderError } from '../../capture/sign-in-hop';

/** Who can fix it: the person, their organisation's administrator (of the provider), the site, or the provider (try later). */
export type Fixer = 'you' | 'admin' | 'site' | 'provider';

export interface ProviderErrorReading {
  /** The protocol's code when it is one we know (shown as a code), else null (the raw code is quoted). */
  knownCode: string | null;
  /** A provider's own code found in the description (`AADSTS50105`, `E0000011`), for the look-up. */
  providerCode: string | null;
  provider: 'entra' | 'okta' | 'keycloak' | null;
  /** Message key of the plain-words meaning. */
  meaning: string;
  fixer: Fixer;
  /** The provider's page for this code (built by us from a fixed pattern, never taken from the server). */
  lookup: string | null;
}

/** RFC 6749 and OpenID Connect codes: meaning and who can fix it. */
const OAUTH_ERRORS: Record<string, { meaning: string; fixer: Fixer }> = {
  access_denied: { meaning: 'signin_meaning_access_denied', fixer: 'admin' },
  invalid_request: { meaning: 'signin_meaning_invalid_request', fixer: 'site' },
  invalid_client: { meaning: 'signin_meaning_invalid_client', fixer: 'site' },
  unauthorized_client: { meaning: 'signin_meaning_unauthorized_client', fixer: 'site' },
  unsupported_response_type: { meaning: 'signin_meaning_unsupported_response_type', fixer: 'site' },
  invalid_scope: { meaning: 'signin_meaning_invalid_scope', fixer: 'site' },
  invalid_grant: { meaning: 'signin_meaning_invalid_grant', fixer: 'site' },
  invalid_redirect_uri: { meaning: 'signin_meaning_redirect_uri', fixer: 'site' },
  redirect_uri_mismatch: { meaning: 'signin_meaning_redirect_uri', fixer: 'site' },
  server_error: { meaning: 'signin_meaning_server_error', fixer: 'provider' },
  temporarily_unavailable: { meaning: 'signin_meaning_temporarily_unavailable', fixer: 'provider' },
  login_required: { meaning: 'signin_meaning_login_required', fixer: 'you' },
  interaction_required: { meaning: 'signin_meaning_interaction_required', fixer: 'you' },
  consent_required: { meaning: 'signin_meaning_consent_required', fixer: 'you' },
  account_selection_required: { meaning: 'signin_meaning_account_selection_required', fixer: 'you' },
};

/**
 * A few Entra codes whose fixer the generic code gets wrong (all others: the generic code's, plus
 * the look-up link). Numbers from Microsoft's reference; the meaning is theirs to tell on the link.
 */
const ENTRA_FIXERS: Record<string, Fixer> = {
  '50105': 'admin', // the signed-in user is not assigned to a role for the application
  '53003': 'admin', // blocked by Conditional Access
  '50020': 'admin', // user account from an identity provider that is not allowed in the tenant
  '90072': 'admin', // the account must be added as an external user in the tenant first
  '65001': 'admin', // the user or administrator has not consented to use the application
  '50011': 'site', // the redirect URI does not match those configured for the application
  '500113': 'site', // no reply address is registered for the application
  '700016': 'site', // application not found in the directory
  '7000218': 'site', // the request body must contain client_assertion or client_secret
  '50126': 'you', // invalid username or password
  '50076': 'you', // multi-factor authentication required
  '50079': 'you', // the user must enrol for multi-factor authentication
  '50058': 'you', // silent sign-in, but no user is signed in
};

const AADSTS = /\bAADSTS(\d{4,8})\b/;
const OKTA_CODE = /\b(E\d{7,10})\b/;
const OKTA_NOT_ASSIGNED = /\bUser is not assigned to the client application\b/i;
const KEYCLOAK_REDIRECT = /\bInvalid parameter: redirect_uri\b/i;

/** Reads an error a provider sent back on the way to the site. */
export function readProviderError(error: ProviderError): ProviderErrorReading {
  const code = error.code.trim().toLowerCase();
  const known = OAUTH_ERRORS[code];
  const reading: ProviderErrorReading = {
    knownCode: known ? code : null,
    providerCode: null,
    provider: null,
    meaning: known?.meaning ?? 'signin_meaning_unknown',
    fixer: known?.fixer ?? 'site',
    lookup: null,
  };
  const text = `${error.description ?? ''}`;
  const entra = AADSTS.exec(text);
  if (entra) {
    const number = entra[1]!;
    return { ...reading, provider: 'entra', providerCode: `AADSTS${number}`, fixer: ENTRA_FIXERS[number] ?? reading.fixer, lookup: `https://login.microsoftonline.com/error?code=${number}` };
  }
  if (OKTA_NOT_ASSIGNED.test(text)) return { ...reading, provider: 'okta', meaning: 'signin_meaning_not_assigned', fixer: 'admin', lookup: null };
  const okta = OKTA_CODE.exec(text);
  if (okta) return { ...reading, provider: 'okta', providerCode: okta[1]!, lookup: 'https://developer.okta.com/docs/reference/error-codes/' };
  if (KEYCLOAK_REDIRECT.test(text)) return { ...reading, provider: 'keycloak', meaning: 'signin_meaning_redirect_uri', fixer: 'site' };
  return reading;
}

export interface SamlStatus {
  /** The top-level StatusCode's last part: `Success`, `Requester`, `Responder`, `VersionMismatch`. */
  code: string;
  /** The nested StatusCode's last part: `AuthnFailed`, `RequestDenied`, `NoPassive`… */
  subCode: string | null;
}

const SAML_STATUS = /<(?:[\w-]+:)?StatusCode\b[^>]*?\bValue\s*=\s*["']urn:oasis:names:tc:SAML:2\.0:status:([A-Za-z]{1,40})["']/g;

/** The status of a SAML 2 Response (its XML, already decoded), or null: read by its fixed URNs only, never its other contents. */
export function readSamlStatus(xml: string): SamlStatus | null {
  const codes = [...xml.slice(0, 20_000).matchAll(SAML_STATUS)].map((match) => match[1]!);
  if (codes.length === 0) return null;
  return { code: codes[0]!, subCode: codes[1] ?? null };
}

const SAML_FIXERS: Record<string, { meaning: string; fixer: Fixer }> = {
  AuthnFailed: { meaning: 'signin_meaning_saml_authn_failed', fixer: 'you' },
  RequestDenied: { meaning: 'signin_meaning_access_denied', fixer: 'admin' },
  UnknownPrincipal: { meaning: 'signin_meaning_not_assigned', fixer: 'admin' },
  NoPassive: { meaning: 'signin_meaning_login_required', fixer: 'you' },
  InvalidNameIDPolicy: { meaning: 'signin_meaning_invalid_request', fixer: 'site' },
  NoAuthnContext: { meaning: 'signin_meaning_invalid_request', fixer: 'site' },
  Requester: { meaning: 'signin_meaning_invalid_request', fixer: 'site' },
  VersionMismatch: { meaning: 'signin_meaning_invalid_request', fixer: 'site' },
  Responder: { meaning: 'signin_meaning_server_error', fixer: 'provider' },
};

/** A SAML status read the same way as an OAuth error (null for `Success`). */
export function readSamlError(status: SamlStatus): ProviderErrorReading | null {
  if (status.code === 'Success') return null;
  const known = (status.subCode ? SAML_FIXERS[status.subCode] : undefined) ?? SAML_FIXERS[status.code];
  return {
    knownCode: status.subCode ? `${status.code}/${status.subCode}` : status.code,
    providerCode: null,
    provider: null,
    meaning: known?.meaning ?? 'signin_meaning_unknown',
    fixer: known?.fixer ?? 'site',
    lookup: null,
  };
}
