import type { RefusalRecord } from '../capture/types';
import type { Challenge } from './parse-challenges';
import type { Translate } from './translate';

/** Every cause the engine can name. */
export type CauseId =
  | 'proxy-auth'
  | 'auth-dropped-on-redirect'
  | 'cors-preflight'
  | 'registry-token'
  | 'step-up-required'
  | 'dpop-nonce'
  | 'insufficient-scope'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'clock-skew'
  | 'digest-stale'
  | 'windows-sign-in'
  | 'sign-in-loop'
  | 'credentials-rejected'
  | 'wrong-scheme'
  | 'session-expired'
  | 'no-credentials'
  | 'wordpress'
  | 'third-party'
  | 'insecure-http'
  | 'no-challenge'
  | 'server-config'
  | 'endpoint-permissions'
  | 'stale-cookies'
  | 'proxy-strips-auth';

/** How sure the engine is: "likely" rests on what the server said outright; "possible" on circumstantial evidence. */
export type Likelihood = 'likely' | 'possible' | 'unlikely';

/** One rule's conclusion about one record. */
export interface Finding {
  cause: CauseId;
  /** 0–100: how strongly the evidence points at this cause. */
  score: number;
  /** Plain sentences quoting what was observed; server strings are quoted as text. */
  evidence: string[];
}

/** A record with its challenge already parsed, handed to every rule. */
export interface RecordView {
  record: RefusalRecord;
  challenges: Challenge[];
  /** Lower-cased schemes the server offered. */
  schemes: Set<string>;
  /** The Bearer/DPoP challenge's parameters (error, error_description, scope, ...), if any. */
  bearer: Record<string, string> | null;
  /** Server clock minus local clock, in seconds, from the Date header; null without one. */
  clockSkewSeconds: number | null;
  /** All unrecovered records of the tab, for rules that look across requests. */
  siblings: RefusalRecord[];
  context: DiagnosisContext;
}

export interface DiagnosisContext {
  /** Local time of the diagnosis, ms since the epoch. */
  now: number;
  /** Looks up the reader's language (browser.i18n in the extension). */
  t: Translate;
  /** Redacted URL of the tab's page, when known. */
  pageUrl: string | null;
}

export type Rule = (view: RecordView) => Finding[];

export interface RankedCause {
  id: CauseId;
  title: string;
  likelihood: Likelihood;
  score: number;
  evidence: string[];
  visitorSteps: string[];
  ownerSteps: string[];
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
