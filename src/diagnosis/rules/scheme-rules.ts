import { quote } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const WINDOWS_SCHEMES = ['negotiate', 'ntlm', 'kerberos'];

/** Digest `stale=true`: the server's nonce expired, the password itself was fine (RFC 7616 §3.3). */
export function digestStale(view: RecordView): Finding[] {
  const digest = view.challenges.find((c) => c.schemeKey === 'digest');
  if (!digest || digest.params.stale?.toLowerCase() !== 'true') return [];
  return [{ cause: 'digest-stale', score: 90, evidence: ['The Digest challenge says stale=true: the sign-in expired on the server, not the password.'] }];
}

/** Negotiate / NTLM / Kerberos: Windows domain sign-in. */
export function windowsSignIn(view: RecordView): Finding[] {
  const offered = view.challenges.filter((c) => WINDOWS_SCHEMES.includes(c.schemeKey)).map((c) => c.scheme);
  if (offered.length === 0) return [];
  const sent = view.record.sent.authorizationScheme?.toLowerCase();
  const tried = sent !== undefined && WINDOWS_SCHEMES.includes(sent);
  const evidence = [`The server asks for Windows sign-in: ${offered.join(', ')}.`];
  evidence.push(
    tried
      ? `The browser tried ${view.record.sent.authorizationScheme} and was refused: this account is not allowed, or the Kerberos ticket could not be used.`
      : view.record.sent.observed
        ? 'The browser did not attempt it: the site is probably not on the browser\'s list of sites allowed to use Windows sign-in, or this computer is not signed in to the domain.'
        : '',
  );
  return [{ cause: 'windows-sign-in', score: tried ? 76 : 84, evidence: evidence.filter(Boolean) }];
}

/** Hints for the site owner from the server software and the challenge. */
export function serverConfig(view: RecordView): Finding[] {
  const server = view.record.server?.toLowerCase() ?? '';
  const realm = view.challenges.find((c) => c.params.realm !== undefined)?.params.realm;
  const evidence: string[] = [];
  if (view.record.server) evidence.push(`Server: ${quote(view.record.server)}.`);
  if (realm !== undefined) evidence.push(`Realm: ${quote(realm)}.`);
  let score = 0;
  if (view.schemes.has('basic') || view.schemes.has('digest')) {
    if (server.includes('apache')) {
      evidence.push('Apache asks for this password through AuthType/AuthUserFile/Require (often in an .htaccess file).');
      score = 45;
    } else if (server.includes('nginx')) {
      evidence.push('nginx asks for this password through auth_basic and auth_basic_user_file.');
      score = 45;
    }
  }
  if (server.includes('microsoft-iis') && view.challenges.some((c) => WINDOWS_SCHEMES.includes(c.schemeKey))) {
    evidence.push('IIS has Windows Authentication enabled for this path.');
    score = 45;
  }
  return score ? [{ cause: 'server-config', score, evidence }] : [];
}
