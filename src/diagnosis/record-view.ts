import type { RefusalRecord } from '../capture/types';
import { schemeNames } from './evidence-text';
import { type Challenge, parseChallenges, type ParseProblem } from './parse-challenges';
import { type Answer, answerOf, type SignInKind, signInKind } from './sign-in-kind';
import type { Translate } from './translate';

export interface DiagnosisContext {
  /** Local time of the diagnosis, ms since the epoch. */
  now: number;
  /** Looks up the reader's language (browser.i18n in the extension). */
  t: Translate;
  /** Redacted URL of the tab's page, when known. */
  pageUrl: string | null;
}

/** A record with its challenge already read, handed to every cause's rule. */
export interface RecordView {
  record: RefusalRecord;
  challenges: Challenge[];
  /** Lower-cased schemes the server offered. */
  schemes: Set<string>;
  /** What the server asked for: a credential in a header (Basic, Digest, Bearer …), or the site's own sign-in (cookies, a form). */
  signIn: SignInKind;
  /** What was sent that answers what the server asked for (see sign-in-kind.ts `answerOf`). */
  answer: Answer;
  /** The Bearer/DPoP challenge's parameters (error, error_description, scope, ...), if any. */
  bearer: Record<string, string> | null;
  /** The Bearer/DPoP `error` code, lower-cased, if any. */
  bearerError: string | null;
  /** Server clock minus local clock, in seconds, from the Date header; null without one. */
  clockSkewSeconds: number | null;
  /** All unrecovered records of the tab, for rules that look across requests. */
  siblings: readonly RefusalRecord[];
  context: DiagnosisContext;
}

/** Server clock minus local clock, from the response Date header; null when absent or unreadable. */
export function clockSkewSeconds(record: Pick<RefusalRecord, 'date' | 'firstSeen'>): number | null {
  if (!record.date) return null;
  const server = Date.parse(record.date);
  return Number.isNaN(server) ? null : Math.round((server - record.firstSeen) / 1000);
}

/** Reads a record's challenge once for all rules; reports what was malformed in it. */
export function viewOf(record: RefusalRecord, siblings: readonly RefusalRecord[], context: DiagnosisContext): { view: RecordView; problems: ParseProblem[] } {
  const parsed = parseChallenges(record.challenges);
  const bearerLike = parsed.challenges.find((c) => c.schemeKey === 'bearer' || c.schemeKey === 'dpop');
  const bearer = bearerLike ? bearerLike.params : null;
  const schemes = new Set(parsed.challenges.map((c) => c.schemeKey));
  const signIn = signInKind(schemes);
  return {
    view: {
      record,
      challenges: parsed.challenges,
      schemes,
      signIn,
      answer: answerOf(record, schemes),
      bearer,
      bearerError: bearer?.error?.toLowerCase() ?? null,
      clockSkewSeconds: clockSkewSeconds(record),
      siblings,
      context,
    },
    problems: parsed.problems,
  };
}

/** The schemes the server offered, by name ("Basic, Bearer"); a scheme no list knows is "an unknown sign-in scheme". */
export function offeredSchemes(view: RecordView): string {
  return schemeNames(view.challenges, view.context.t).join(', ');
}
