import type { RefusalRecord } from '../capture/types';
import { parseChallenges } from './parse-challenges';

/** Human names of the schemes a challenge can name. */
const SCHEME_NAMES: Record<string, string> = {
  basic: 'a user name and password (Basic)',
  digest: 'a user name and password (Digest)',
  bearer: 'an access token (Bearer)',
  dpop: 'a proof-of-possession token (DPoP)',
  negotiate: 'Windows / Kerberos sign-in (Negotiate)',
  ntlm: 'Windows sign-in (NTLM)',
  kerberos: 'Kerberos sign-in',
};

/** A plain-language name for what a record's challenge asks for, e.g. "an access token (Bearer)". */
export function describeAskedFor(record: Pick<RefusalRecord, 'challenges'>): string | null {
  const { challenges } = parseChallenges(record.challenges);
  if (challenges.length === 0) return null;
  const names = [...new Set(challenges.map((c) => SCHEME_NAMES[c.schemeKey] ?? `the "${c.scheme}" scheme`))];
  return names.join(' or ');
}

/** The schemes a record's challenge names, as the server spelled them ("Basic, Bearer"). */
export function schemesOf(record: Pick<RefusalRecord, 'challenges'>): string[] {
  return [...new Set(parseChallenges(record.challenges).challenges.map((c) => c.scheme))];
}

/** One sentence saying what a refused request means, for someone who is not a developer. */
export function describeRefusal(record: RefusalRecord): string {
  const askedFor = describeAskedFor(record);
  const sentSomething = record.sent.authorizationScheme !== null;
  if (record.status === 407) {
    return askedFor
      ? `Your proxy server wants you to sign in to it with ${askedFor} before it lets this request through.`
      : 'Your proxy server wants you to sign in to it before it lets this request through.';
  }
  if (record.preflight) {
    return "The server refused the browser's permission check (CORS preflight) for a request from another site; the server must answer it without asking for credentials.";
  }
  if (!askedFor) {
    return sentSomething
      ? 'The server rejected the credentials that were sent and did not say how to sign in (no WWW-Authenticate header).'
      : 'The server wants you signed in but did not say how (no WWW-Authenticate header); a session or sign-in is probably missing.';
  }
  if (sentSomething) return `The server asks for ${askedFor}; the credentials that were sent were not accepted.`;
  if (record.sent.cookies) return `The server asks for ${askedFor}; only cookies were sent, and they did not sign you in.`;
  return record.sent.observed ? `The server asks for ${askedFor}, and none were sent.` : `The server asks for ${askedFor}.`;
}
