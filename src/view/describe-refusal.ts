import { sentAuthorization } from '../capture/sent-credentials';
import type { RefusalRecord } from '../capture/types';
import { knownSchemeName } from '../capture/auth-schemes';
import { browserMayAddCredentials, schemeNames } from '../diagnosis/evidence-text';
import { type Challenge, parseChallenges } from '../diagnosis/parse-challenges';
import { cookiesAnswer } from '../diagnosis/sign-in-kind';
import type { Translate } from '../diagnosis/translate';

/** Schemes with a plain-language name (message `scheme_<key>`). */
export const NAMED_SCHEMES: ReadonlySet<string> = new Set(['basic', 'digest', 'bearer', 'dpop', 'negotiate', 'ntlm', 'kerberos']);

/** Resource types with a plain-language name (message `type_<type>`). */
export const NAMED_RESOURCE_TYPES: ReadonlySet<string> = new Set(['main_frame', 'sub_frame', 'xmlhttprequest', 'image', 'script', 'stylesheet', 'font', 'media', 'websocket', 'other']);

/** A request's resource type in the reader's words ("page"), or as the browser named it. */
export function resourceTypeName(type: string, t: Translate): string {
  return NAMED_RESOURCE_TYPES.has(type) ? t(`type_${type}`) : type;
}

/** What the popup says about one refused request. */
export interface RefusalDescription {
  /** One sentence saying what the refusal means, for someone who is not a developer. */
  meaning: string;
  /** The schemes the challenge names, by their registered names ("Basic", "Bearer"), or "an unknown sign-in scheme". */
  schemes: string[];
}

/** What one challenge asks for in plain words: "an access token (Bearer)", "the HOBA scheme", "an unknown sign-in scheme". */
function schemeWords(challenge: Challenge, t: Translate): string {
  if (NAMED_SCHEMES.has(challenge.schemeKey)) return t(`scheme_${challenge.schemeKey}`);
  const known = knownSchemeName(challenge.scheme);
  return known ? t('scheme_named', [known]) : t('scheme_unknown');
}

/** A plain-language name for what a challenge asks for, e.g. "an access token (Bearer)". */
function askedFor(challenges: Challenge[], t: Translate): string | null {
  if (challenges.length === 0) return null;
  return [...new Set(challenges.map((c) => schemeWords(c, t)))].join(t('scheme_or'));
}

function meaning(record: RefusalRecord, challenges: Challenge[], asked: string | null, t: Translate): string {
  const sentSomething = sentAuthorization(record.sent);
  if (record.status === 407) return asked ? t('meaning_proxy_with', [asked]) : t('meaning_proxy');
  if (record.preflight) return t('meaning_preflight');
  if (!asked) return sentSomething ? t('meaning_no_challenge_sent') : t('meaning_no_challenge');
  if (sentSomething) return t('meaning_rejected', [asked]);
  const schemes = new Set(challenges.map((c) => c.schemeKey));
  // Cookies answer only the site's own sign-in, never a Basic, Digest, Bearer … challenge.
  if (cookiesAnswer(record, schemes)) return t('meaning_cookies_only', [asked]);
  if (!record.sent.observed) return t('meaning_asks', [asked]);
  const browserMayAdd = browserMayAddCredentials({ record, schemes });
  return t(browserMayAdd ? 'meaning_none_seen' : 'meaning_none_sent', [asked]);
}

/** Describes a refused request, reading its challenge once. */
export function describeRefusal(record: RefusalRecord, t: Translate): RefusalDescription {
  const { challenges } = parseChallenges(record.challenges);
  return { meaning: meaning(record, challenges, askedFor(challenges, t), t), schemes: schemeNames(challenges, t) };
}
