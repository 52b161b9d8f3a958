import type { RecordView } from './record-view';
import type { Strength } from './strength';

/** The one-click fixes a cause can offer; the popup turns each into a button. */
export type FixId = 'sign-in-again' | 'reload' | 'clear-site-data' | 'open-https' | 'check-proxy' | 'copy-report' | 'open-sign-in-site';

/** What a cause's rule concluded about one refused request. */
export interface Detection {
  strength: Strength;
  /** Plain sentences quoting what was observed; server strings are quoted as text. */
  evidence: string[];
}

/**
 * Everything that makes one cause, in its own file under causes/: how it is detected, and what the
 * visitor and the site owner can do. Its words live in _locales as `cause_<id>_title`,
 * `cause_<id>_visitor_<n>` and `cause_<id>_owner_<n>` (the id with dashes as underscores).
 */
export interface CauseDefinition<Id extends string = string> {
  id: Id;
  /** The visitor's steps, in order; each names the fix that carries it out, if one does. */
  visitorSteps: readonly (FixId | null)[];
  /** How many steps there are for the site's owner. */
  ownerSteps: number;
  /** Fixes offered besides the steps' own (a report to hand the site's owner, say). */
  moreFixes?: readonly FixId[];
  /** Also takes the challenges the parser found malformed (one cause does: they are a server configuration problem). */
  takesMalformedChallenges?: true;
  /** Its evidence says how often the request was refused already: diagnose() adds no "refused N times" line. */
  countsRepeats?: true;
  /**
   * It judges the refusals found after the fact (`seenAfterStart`: no headers seen), and only those;
   * every other cause reads headers, and never sees such a record (no challenge there is not "none").
   */
  judgesUnwatched?: true;
  /** Judges one refused request (with its challenge read, and the page's other refusals at hand). */
  detect(view: RecordView): Detection | null;
}

/** Declares a cause, keeping its id as a literal type (so the list of causes gives the id union). */
export function defineCause<const Id extends string>(cause: CauseDefinition<Id>): CauseDefinition<Id> {
  return cause;
}
