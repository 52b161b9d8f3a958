import type { RefusalRecord } from '../capture/types';
import { CAUSE_STEPS, causeText } from './cause-catalog';
import { duration, quote } from './evidence-text';
import { parseChallenges } from './parse-challenges';
import { clockSkew, statedTokenErrors, tokenValidity } from './rules/token-rules';
import { cookieSession, credentialsSent, signInLoop } from './rules/credential-rules';
import { digestStale, registryToken, serverConfig, windowsSignIn } from './rules/scheme-rules';
import {
  authDroppedOnRedirect,
  corsPreflight,
  endpointPermissions,
  insecureHttp,
  noChallenge,
  proxyAuth,
  proxyStripsAuth,
  thirdParty,
  wordpress,
} from './rules/context-rules';
import type { CauseId, Diagnosis, DiagnosisContext, Finding, Likelihood, RankedCause, RecordView, Rule } from './types';

/** Every rule, each a small function of one record. */
const RULES: Rule[] = [
  proxyAuth,
  authDroppedOnRedirect,
  corsPreflight,
  registryToken,
  statedTokenErrors,
  tokenValidity,
  clockSkew,
  digestStale,
  windowsSignIn,
  credentialsSent,
  cookieSession,
  signInLoop,
  wordpress,
  thirdParty,
  insecureHttp,
  noChallenge,
  serverConfig,
  proxyStripsAuth,
  endpointPermissions,
];

const MAX_EVIDENCE_PER_CAUSE = 6;
const MAX_RECORDS_CONSIDERED = 100;

function likelihood(score: number): Likelihood {
  return score >= 80 ? 'likely' : score >= 50 ? 'possible' : 'unlikely';
}

/** Server clock minus local clock, from the response Date header; null when absent or unreadable. */
export function clockSkewSeconds(record: Pick<RefusalRecord, 'date' | 'firstSeen'>): number | null {
  if (!record.date) return null;
  const server = Date.parse(record.date);
  return Number.isNaN(server) ? null : Math.round((server - record.firstSeen) / 1000);
}

function viewOf(record: RefusalRecord, siblings: RefusalRecord[], context: DiagnosisContext, problems: Map<string, string[]>): RecordView {
  const parsed = parseChallenges(record.challenges);
  for (const problem of parsed.problems) {
    const text = context.t(problem.key, problem.args);
    problems.set(text, [...(problems.get(text) ?? []), record.id]);
  }
  const bearerLike = parsed.challenges.find((c) => c.schemeKey === 'bearer' || c.schemeKey === 'dpop');
  return {
    record,
    challenges: parsed.challenges,
    schemes: new Set(parsed.challenges.map((c) => c.schemeKey)),
    bearer: bearerLike ? bearerLike.params : null,
    clockSkewSeconds: clockSkewSeconds(record),
    siblings,
    context,
  };
}

/** A cause resting on a request refused again and again says how often, and over how long. */
function noteRepeats(entry: { evidence: string[]; recordIds: string[] }, records: readonly RefusalRecord[], context: DiagnosisContext): void {
  const repeated = records.filter((r) => entry.recordIds.includes(r.id) && r.count > 1).sort((a, b) => b.count - a.count)[0];
  if (!repeated) return;
  const over = duration((repeated.lastSeen - repeated.firstSeen) / 1000, context.t);
  entry.evidence.unshift(context.t('ev_repeated', [`${repeated.method} ${quote(repeated.url)}`, repeated.count, over]));
  entry.evidence.length = Math.min(entry.evidence.length, MAX_EVIDENCE_PER_CAUSE);
}

/** Runs one rule without letting a bug in it take the whole diagnosis down. */
function safely(rule: Rule, view: RecordView): Finding[] {
  try {
    return rule(view);
  } catch {
    return [];
  }
}

/**
 * Names the likely causes of a tab's refused requests, most likely first, each with the
 * evidence behind it and steps for the visitor and the site owner. Pure: no browser API, never throws.
 * Recovered refusals are left out: they explain nothing that is wrong now.
 */
export function diagnose(records: readonly RefusalRecord[], context: DiagnosisContext): Diagnosis {
  const open = records.filter((r) => r.recovered === null).slice(-MAX_RECORDS_CONSIDERED);
  const problems = new Map<string, string[]>(); // problem → ids of the records whose header had it
  const merged = new Map<CauseId, { score: number; evidence: string[]; recordIds: string[] }>();
  for (const record of open) {
    const view = viewOf(record, open, context, problems);
    for (const rule of RULES) {
      for (const finding of safely(rule, view)) {
        const entry = merged.get(finding.cause) ?? { score: 0, evidence: [], recordIds: [] };
        entry.score = Math.max(entry.score, finding.score);
        for (const line of finding.evidence) if (!entry.evidence.includes(line) && entry.evidence.length < MAX_EVIDENCE_PER_CAUSE) entry.evidence.push(line);
        if (!entry.recordIds.includes(record.id)) entry.recordIds.push(record.id);
        merged.set(finding.cause, entry);
      }
    }
  }
  if (problems.size > 0) {
    const entry = merged.get('server-config') ?? { score: 0, evidence: [], recordIds: [] };
    entry.score = Math.max(entry.score, 55);
    entry.evidence.push(context.t('ev_malformed', [[...problems.keys()].slice(0, 3).join(' ')]));
    for (const id of [...problems.values()].flat()) if (!entry.recordIds.includes(id)) entry.recordIds.push(id);
    merged.set('server-config', entry);
  }
  for (const [id, entry] of merged) if (id !== 'sign-in-loop') noteRepeats(entry, open, context);
  const order = Object.keys(CAUSE_STEPS) as CauseId[];
  const causes: RankedCause[] = [...merged.entries()]
    .map(([id, entry]) => {
      const text = causeText(id, context.t);
      return {
        id,
        title: text.title,
        likelihood: likelihood(entry.score),
        score: entry.score,
        evidence: entry.evidence,
        visitorSteps: text.visitor,
        ownerSteps: text.owner,
        recordIds: entry.recordIds,
      };
    })
    // Highest score first; ties go to the more specific cause (catalog order).
    .sort((a, b) => b.score - a.score || order.indexOf(a.id) - order.indexOf(b.id));
  return { causes, headerProblems: [...problems.keys()], considered: open.length };
}
