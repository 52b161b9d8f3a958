/**
 * What the diagnosis engine produces: plain data, stored by the worker (`diagnosis:<tabId>`) and
 * drawn by the popup. The causes themselves are defined one per file in causes/.
 */
import type { FixId } from './cause';
import type { CauseId } from './causes';
import type { Likelihood } from './strength';

export type { CauseId } from './causes';
export type { FixId } from './cause';
export type { DiagnosisContext, RecordView } from './record-view';
export type { Likelihood } from './strength';

/** A step for the visitor, in their language, with the one-click fix that carries it out, if any. */
export interface VisitorStep {
  text: string;
  fix: FixId | null;
}

export interface RankedCause {
  id: CauseId;
  title: string;
  likelihood: Likelihood;
  /** Its strength (see strength.ts): what ranks it. */
  score: number;
  evidence: string[];
  visitorSteps: VisitorStep[];
  ownerSteps: string[];
  /** Every fix that serves this cause, steps' first: the buttons the popup shows for it. */
  fixes: FixId[];
  /** The records this cause explains. */
  recordIds: string[];
}

export interface Diagnosis {
  /** Most likely first. Empty when nothing is refused now. */
  causes: RankedCause[];
  /** Problems found while reading the challenge headers (malformed input), in plain words. */
  headerProblems: string[];
  /** Refused requests considered (unrecovered only). */
  considered: number;
}
