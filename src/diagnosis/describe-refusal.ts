import type { RefusalRecord } from '../capture/types';
import { parseChallenges } from './parse-challenges';
import type { Translate } from './translate';

/** Schemes with a plain-language name (message `scheme_<key>`). */
const NAMED_SCHEMES = new Set(['basic', 'digest', 'bearer', 'dpop', 'negotiate', 'ntlm', 'kerberos']);

/** A plain-language name for what a record's challenge asks for, e.g. "an access token (Bearer)". */
export function describeAskedFor(record: Pick<RefusalRecord, 'challenges'>, t: Translate): string | null {
  const { challenges } = parseChallenges(record.challenges);
  if (challenges.length === 0) return null;
  const names = [...new Set(challenges.map((c) => (NAMED_SCHEMES.has(c.schemeKey) ? t(`scheme_${c.schemeKey}`) : t('scheme_other', [c.scheme]))))];
  return names.join(t('scheme_or'));
}

/** The schemes a record's challenge names, as the server spelled them ("Basic, Bearer"). */
export function schemesOf(record: Pick<RefusalRecord, 'challenges'>): string[] {
  return [...new Set(parseChallenges(record.challenges).challenges.map((c) => c.scheme))];
}

/** One sentence saying what a refused request means, for someone who is not a developer. */
export function describeRefusal(record: RefusalRecord, t: Translate): string {
  const askedFor = describeAskedFor(record, t);
  const sentSomething = record.sent.authorizationScheme !== null;
  if (record.status === 407) return askedFor ? t('meaning_proxy_with', [askedFor]) : t('meaning_proxy');
  if (record.preflight) return t('meaning_preflight');
  if (!askedFor) return sentSomething ? t('meaning_no_challenge_sent') : t('meaning_no_challenge');
  if (sentSomething) return t('meaning_rejected', [askedFor]);
  if (record.sent.cookies) return t('meaning_cookies_only', [askedFor]);
  return record.sent.observed ? t('meaning_none_sent', [askedFor]) : t('meaning_asks', [askedFor]);
}
