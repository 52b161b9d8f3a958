import { unrecovered } from '../capture/tab-log';
import type { RefusalRecord } from '../capture/types';
import type { CauseDefinition, Detection } from './cause';
import { CAUSE_BY_ID, CAUSES, type CauseId } from './causes';
import { duration, quote } from './evidence-text';
import { PARSER_OWN_ARGS } from './parse-challenges';
import { type DiagnosisContext, type RecordView, viewOf } from './record-view';
import { bodyWords } from './stated-error';
import { likelihood, Strength } from './strength';
import type { Translate } from './translate';
import type { Diagnosis, RankedCause } from './types';
import { plural } from './plural';

const MAX_EVIDENCE_PER_CAUSE = 6;
/** The cause that takes malformed challenges (exactly one declares it; a unit test checks). */
const MALFORMED_CHALLENGE_CAUSE = CAUSES.find((cause) => cause.takesMalformedChallenges)!.id as CauseId;
const MAX_RECORDS_CONSIDERED = 100;

interface Merged {
  strength: number;
  evidence: string[];
  recordIds: string[];
}

/** Runs one cause's rule without letting a bug in it take the whole diagnosis down. */
function safely(cause: CauseDefinition, view: RecordView): Detection | null {
  try {
    return cause.detect(view);
  } catch {
    return null;
  }
}

function merge(into: Map<CauseId, Merged>, id: CauseId, strength: number, evidence: string[], recordId: string): void {
  const entry = into.get(id) ?? { strength: 0, evidence: [], recordIds: [] };
  entry.strength = Math.max(entry.strength, strength);
  for (const line of evidence) if (!entry.evidence.includes(line) && entry.evidence.length < MAX_EVIDENCE_PER_CAUSE) entry.evidence.push(line);
  if (!entry.recordIds.includes(recordId)) entry.recordIds.push(recordId);
  into.set(id, entry);
}

/** A cause resting on a request refused again and again says how often, and over how long. */
function noteRepeats(entry: Merged, records: readonly RefusalRecord[], t: Translate): void {
  const repeated = records.filter((r) => entry.recordIds.includes(r.id) && r.count > 1).sort((a, b) => b.count - a.count)[0];
  if (!repeated) return;
  const over = duration((repeated.lastSeen - repeated.firstSeen) / 1000, t);
  entry.evidence.unshift(plural(t, 'ev_repeated', repeated.count, [quote(`${repeated.method} ${repeated.url}`), over]));
  entry.evidence.length = Math.min(entry.evidence.length, MAX_EVIDENCE_PER_CAUSE);
}

/** A cause's words in the reader's language, and the fixes that serve it (its steps' first). */
function ranked(id: CauseId, entry: Merged, t: Translate): RankedCause {
  const cause = CAUSE_BY_ID.get(id)!;
  const key = `cause_${id.replace(/-/g, '_')}`;
  const fixes = [...cause.visitorSteps, ...(cause.moreFixes ?? [])].filter((fix, i, all): fix is NonNullable<typeof fix> => fix !== null && all.indexOf(fix) === i);
  return {
    id,
    title: t(`${key}_title`),
    likelihood: likelihood(entry.strength),
    score: entry.strength,
    evidence: entry.evidence,
    visitorSteps: cause.visitorSteps.map((fix, i) => ({ text: t(`${key}_visitor_${i + 1}`), fix })),
    ownerSteps: Array.from({ length: cause.ownerSteps }, (_, i) => t(`${key}_owner_${i + 1}`)),
    fixes,
    recordIds: entry.recordIds,
  };
}

/**
 * Names the likely causes of a tab's refused requests, most likely first, each with the evidence
 * behind it, steps for the visitor (with their fixes) and the site owner. Pure: no browser API,
 * never throws. Recovered refusals are left out: they explain nothing that is wrong now.
 */
export function diagnose(records: readonly RefusalRecord[], context: DiagnosisContext): Diagnosis {
  const open = unrecovered(records).slice(-MAX_RECORDS_CONSIDERED);
  const problems = new Map<string, string[]>(); // problem → ids of the records whose header had it
  const merged = new Map<CauseId, Merged>();
  for (const record of open) {
    const { view, problems: found } = viewOf(record, open, context);
    for (const problem of found) {
      // The parser's substitutions are the server's text (a parameter, a scheme), but for its own counts.
      const text = context.t(problem.key, PARSER_OWN_ARGS.has(problem.key) ? problem.args : problem.args.map(quote));
      problems.set(text, [...(problems.get(text) ?? []), record.id]);
    }
    const said = bodyWords(record, context.t); // the body's own words, first, for each cause of this request
    for (const cause of CAUSES) {
      if (Boolean(record.seenAfterStart) !== Boolean(cause.judgesUnwatched)) continue;
      const detection = safely(cause, view);
      if (detection) merge(merged, cause.id, detection.strength, [...said, ...detection.evidence], record.id);
    }
  }
  if (problems.size > 0) {
    // A malformed challenge is a server configuration problem whatever else is wrong.
    const evidence = [context.t('ev_malformed', [[...problems.keys()].slice(0, 3).join(' ')])];
    for (const id of new Set([...problems.values()].flat())) merge(merged, MALFORMED_CHALLENGE_CAUSE, Strength.HINT, evidence, id);
  }
  for (const [id, entry] of merged) if (!CAUSE_BY_ID.get(id)!.countsRepeats) noteRepeats(entry, open, context.t);
  const order = CAUSES.map((cause) => cause.id as CauseId);
  const causes = [...merged.entries()]
    .map(([id, entry]) => ranked(id, entry, context.t))
    // Strongest first; ties go to the more specific cause (the registry's order).
    .sort((a, b) => b.score - a.score || order.indexOf(a.id) - order.indexOf(b.id));
  return { causes, headerProblems: [...problems.keys()], considered: open.length };
}
