/**
 * Recognises one hop of a sign-in flow from a frame's URL (and method): an OAuth 2 / OpenID Connect
 * authorize request or callback, a token or userinfo endpoint, a SAML 2 redirect (request or
 * response), a WS-Federation sign-in. Pure and cheap: one URL parse, a few `has` checks.
 *
 * What a hop keeps is facts, never secrets: parameter names, the protocol's own vocabulary
 * (`response_type=code`, `prompt=none`, an error code from a closed list or quoted), hosts, and the
 * URL redacted as everywhere else. Codes, states, nonces, tokens and SAML messages are never kept;
 * an `error_description` is kept as the server's words, redacted and cut.
 */
import { MAX_HINT_CHARS } from './limits';
import { redactText } from './redact-text';
import { boundUrl, redactUrl } from './redact-url';
import { truncate } from './truncate';

export type SignInProtocol = 'oauth' | 'saml' | 'wsfed';

/** What a hop is: the start of a sign-in, the way back, an endpoint, or any other page in the middle. */
export type HopKind =
  | 'authorize'
  | 'callback'
  | 'token'
  | 'userinfo'
  | 'saml-request'
  | 'saml-response'
  | 'wsfed-signin'
  | 'wsfed-result'
  /** A page the provider posted a form to on another host (`response_mode=form_post`, SAML POST binding, WS-Fed): the way back, its contents unread. */
  | 'form-return'
  | 'page';

/** The error an identity provider sent back (RFC 6749 §4.1.2.1): the code and its words, redacted and cut. */
export interface ProviderError {
  /** `error` as sent (the protocol's code, e.g. `access_denied`), redacted and cut. */
  code: string;
  description: string | null;
  /** `error_uri`, redacted: shown as the server's words, never as a link. */
  uri: string | null;
}

export interface SignInHop {
  kind: HopKind;
  protocol: SignInProtocol | null;
  /** The URL, redacted (fragment dropped). */
  url: string;
  host: string;
  method: string;
  /** The HTTP status of this hop's response, when known (a redirect's 3xx, the final page's status). */
  status: number | null;
  at: number;
  /** A frame inside the page rather than the page itself. */
  inFrame: boolean;
  /** The protocol parameters present (names only, from a closed list). */
  params: string[];
  /** authorize: `response_type`, `prompt`, `response_mode` values from the protocol's vocabulary. */
  responseType?: string;
  prompt?: string;
  responseMode?: string;
  /** authorize: the host `redirect_uri` names (where the provider is asked to send the person back). */
  returnHost?: string;
  /** authorize: `client_id`'s host when it is a URL (never its value otherwise). */
  clientHost?: string;
  /** callback: the error the provider sent back. */
  error?: ProviderError;
  /** callback: the parameters came in the URL's fragment (read from navigation, not the request). */
  fromFragment?: boolean;
}

/** Parameter names the protocols use: only these are listed on a hop. */
const PROTOCOL_PARAMS: ReadonlySet<string> = new Set([
  'response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'prompt', 'response_mode', 'code_challenge',
  'code_challenge_method', 'login_hint', 'max_age', 'acr_values', 'code', 'error', 'error_description', 'error_uri', 'iss',
  'session_state', 'id_token', 'access_token', 'token_type', 'expires_in', 'request', 'request_uri', 'SAMLRequest',
  'SAMLResponse', 'RelayState', 'SigAlg', 'Signature', 'wa', 'wtrealm', 'wctx', 'wreply', 'wresult',
]);

/** The protocol's words for these parameters; any other value is not kept. */
const RESPONSE_TYPE_WORDS: ReadonlySet<string> = new Set(['code', 'token', 'id_token', 'none']);
const PROMPT_WORDS: ReadonlySet<string> = new Set(['none', 'login', 'consent', 'select_account', 'create']);
const RESPONSE_MODES: ReadonlySet<string> = new Set(['query', 'fragment', 'form_post', 'web_message', 'query.jwt', 'fragment.jwt', 'form_post.jwt', 'jwt']);

/** Token and userinfo endpoints by their well-known paths (Entra, Okta, Keycloak, Auth0, Google, oidc-provider…). */
const TOKEN_PATH = /\/(?:oauth2?\/(?:v[\d.]+\/)?token|token|connect\/token|protocol\/openid-connect\/token)\/?$/i;
const USERINFO_PATH = /\/userinfo\/?$/i;
const AUTHORIZE_PATH = /\/(?:authorize|auth|authorization|oauth2?\/(?:v[\d.]+\/)?authorize|protocol\/openid-connect\/auth)\/?$/i;

/** Space-separated words of the protocol's vocabulary, in the order sent; anything else is left out. */
function words(value: string | null, allowed: ReadonlySet<string>): string | undefined {
  if (value === null) return undefined;
  const kept = value.split(/[\s+]+/).filter((word) => allowed.has(word));
  return kept.length > 0 ? kept.slice(0, 4).join(' ') : undefined;
}

function hostOfUrl(value: string | null): string | undefined {
  if (!value || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).host || undefined;
  } catch {
    return undefined;
  }
}

/** A server's word or sentence as it may be kept: redacted, cut. */
function serverText(value: string | null): string | null {
  if (value === null || value === '') return null;
  return truncate(redactText(value), MAX_HINT_CHARS);
}

/** The error a callback carries (query or fragment), or undefined. */
function providerError(params: URLSearchParams): ProviderError | undefined {
  const code = params.get('error');
  if (code === null || code === '') return undefined;
  const uri = params.get('error_uri');
  return { code: serverText(code)!, description: serverText(params.get('error_description')), uri: uri ? serverText(uri) : null };
}

/** Whether these parameters are a way back from a provider: a code or token with the state, or an error with its companions. */
function isCallback(params: URLSearchParams): boolean {
  if (params.has('code') && (params.has('state') || params.has('session_state') || params.has('iss'))) return true;
  if (params.has('id_token') || (params.has('access_token') && params.has('token_type'))) return true;
  return params.has('error') && (params.has('state') || params.has('error_description') || params.has('error_uri') || params.has('iss'));
}

function protocolParams(...lists: URLSearchParams[]): string[] {
  const names = new Set<string>();
  for (const list of lists) for (const name of list.keys()) if (PROTOCOL_PARAMS.has(name)) names.add(name);
  return [...names].slice(0, 16);
}

export interface HopInput {
  url: string;
  method?: string;
  status?: number | null;
  at: number;
  inFrame?: boolean;
}

/**
 * The sign-in hop this URL is, or null for any other URL (the cheap answer for almost every
 * navigation). The fragment is read too: a callback may carry its parameters there (the implicit
 * flow, `response_mode=fragment`), which only navigation events report.
 */
export function recogniseHop(input: HopInput): SignInHop | null {
  const raw = boundUrl(input.url);
  if (!raw.startsWith('http')) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const query = url.searchParams;
  const fragment = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : null;
  const base = (kind: HopKind, protocol: SignInProtocol | null): SignInHop => ({
    kind,
    protocol,
    url: redactUrl(raw),
    host: url.host,
    method: (input.method ?? 'GET').slice(0, 16).toUpperCase(),
    status: input.status ?? null,
    at: input.at,
    inFrame: input.inFrame ?? false,
    params: protocolParams(query, ...(fragment ? [fragment] : [])),
  });

  if (query.has('client_id') && (query.has('response_type') || AUTHORIZE_PATH.test(url.pathname))) {
    const hop = base('authorize', 'oauth');
    const responseType = words(query.get('response_type'), RESPONSE_TYPE_WORDS);
    const prompt = words(query.get('prompt'), PROMPT_WORDS);
    const responseMode = words(query.get('response_mode'), RESPONSE_MODES);
    const returnHost = hostOfUrl(query.get('redirect_uri'));
    const clientHost = hostOfUrl(query.get('client_id'));
    return {
      ...hop,
      ...(responseType ? { responseType } : {}),
      ...(prompt ? { prompt } : {}),
      ...(responseMode ? { responseMode } : {}),
      ...(returnHost ? { returnHost } : {}),
      ...(clientHost ? { clientHost } : {}),
    };
  }
  if (query.has('SAMLRequest')) return base('saml-request', 'saml');
  if (query.has('SAMLResponse')) return base('saml-response', 'saml');
  const wa = query.get('wa');
  if (wa === 'wsignin1.0') return base(query.has('wresult') ? 'wsfed-result' : 'wsfed-signin', 'wsfed');
  for (const [params, fromFragment] of [[query, false], ...(fragment ? [[fragment, true]] : [])] as Array<[URLSearchParams, boolean]>) {
    if (!isCallback(params)) continue;
    const error = providerError(params);
    return { ...base('callback', 'oauth'), ...(error ? { error } : {}), ...(fromFragment ? { fromFragment } : {}) };
  }
  if (TOKEN_PATH.test(url.pathname)) return base('token', 'oauth');
  if (USERINFO_PATH.test(url.pathname)) return base('userinfo', 'oauth');
  return null;
}

/** Any URL as a plain hop of a flow under way (the provider's sign-in form, the page the flow came back to). */
export function pageHop(input: HopInput): SignInHop | null {
  const raw = boundUrl(input.url);
  let host: string;
  try {
    host = new URL(raw).host;
  } catch {
    return null;
  }
  return {
    kind: 'page',
    protocol: null,
    url: redactUrl(raw),
    host,
    method: (input.method ?? 'GET').slice(0, 16).toUpperCase(),
    status: input.status ?? null,
    at: input.at,
    inFrame: input.inFrame ?? false,
    params: [],
  };
}

/** Whether a hop starts a sign-in (asks a provider). */
export function startsSignIn(hop: SignInHop): boolean {
  return hop.kind === 'authorize' || hop.kind === 'saml-request' || hop.kind === 'wsfed-signin';
}

/** Whether a hop is the way back from a provider (with a result or an error). */
export function returnsFromSignIn(hop: SignInHop): boolean {
  return hop.kind === 'callback' || hop.kind === 'saml-response' || hop.kind === 'wsfed-result';
}
