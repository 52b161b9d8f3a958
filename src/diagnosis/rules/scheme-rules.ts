import { sentAuthorization } from '../../capture/sent-credentials';
import { quote, schemeLabel } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const WINDOWS_SCHEMES = ['negotiate', 'ntlm', 'kerberos'];

/** Digest `stale=true`: the server's nonce expired, the password itself was fine (RFC 7616 §3.3). */
export function digestStale(view: RecordView): Finding[] {
  const digest = view.challenges.find((c) => c.schemeKey === 'digest');
  if (digest?.params.stale?.toLowerCase() !== 'true') return [];
  return [{ cause: 'digest-stale', score: 90, evidence: [view.context.t('ev_digest_stale')] }];
}

/** Negotiate / NTLM / Kerberos: Windows domain sign-in. */
export function windowsSignIn(view: RecordView): Finding[] {
  const offered = view.challenges.filter((c) => WINDOWS_SCHEMES.includes(c.schemeKey)).map((c) => c.scheme);
  if (offered.length === 0) return [];
  const { t } = view.context;
  const sent = view.record.sent.authorizationScheme?.toLowerCase();
  const tried = sent !== undefined && WINDOWS_SCHEMES.includes(sent);
  const evidence = [t('ev_windows_asked', [offered.join(', ')])];
  evidence.push(tried ? t('ev_windows_refused', [schemeLabel(view.record.sent, t)]) : view.record.sent.observed ? t('ev_windows_not_tried') : '');
  return [{ cause: 'windows-sign-in', score: tried ? 76 : 84, evidence: evidence.filter(Boolean) }];
}

/** Hints for the site owner from the server software and the challenge. */
export function serverConfig(view: RecordView): Finding[] {
  const { t } = view.context;
  const server = view.record.server?.toLowerCase() ?? '';
  const realm = view.challenges.find((c) => c.params.realm !== undefined)?.params.realm;
  const evidence: string[] = [];
  if (view.record.server) evidence.push(t('ev_server', [quote(view.record.server)]));
  if (realm !== undefined) evidence.push(t('ev_realm', [quote(realm)]));
  let score = 0;
  if (view.schemes.has('basic') || view.schemes.has('digest')) {
    if (server.includes('apache')) {
      evidence.push(t('ev_apache'));
      score = 45;
    } else if (server.includes('nginx')) {
      evidence.push(t('ev_nginx'));
      score = 45;
    }
  }
  if (server.includes('microsoft-iis') && view.challenges.some((c) => WINDOWS_SCHEMES.includes(c.schemeKey))) {
    evidence.push(t('ev_iis'));
    score = 45;
  }
  return score ? [{ cause: 'server-config', score, evidence }] : [];
}

/**
 * A container registry (Docker/OCI distribution): `Bearer realm=…,service=…,scope="repository:…"`
 * means "fetch a token for this scope from that realm, then come back" (the registry token flow).
 * A refusal with no credentials at all is a client that has not logged in to the registry.
 */
export function registryToken(view: RecordView): Finding[] {
  const bearer = view.challenges.find((c) => c.schemeKey === 'bearer' && c.params.realm !== undefined && c.params.service !== undefined);
  if (!bearer || view.record.status !== 401) return [];
  const scope = bearer.params.scope;
  const registryScope = scope === undefined || /^(repository|registry)(\(\w+\))?:/.test(scope);
  if (!registryScope || bearer.params.error === 'insufficient_scope') return [];
  const { t } = view.context;
  const evidence = [
    scope
      ? t('ev_registry_scope', [quote(scope), quote(bearer.params.realm!), quote(bearer.params.service!)])
      : t('ev_registry_no_scope', [quote(bearer.params.realm!), quote(bearer.params.service!)]),
  ];
  const sent = sentAuthorization(view.record.sent);
  if (sent) evidence.push(t('ev_registry_token_refused', [schemeLabel(view.record.sent, t)]));
  return [{ cause: 'registry-token', score: sent ? 70 : 91, evidence }];
}
