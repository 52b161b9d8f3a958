import { sentAuthorization } from '../capture/sent-credentials';
import { unrecovered } from '../capture/tab-log';
import type { RefusalRecord, TabLog } from '../capture/types';
import { clockSkewSeconds } from '../diagnosis/record-view';
import { hostOf, siteOf } from '../diagnosis/evidence-text';
import { parseChallenges } from '../diagnosis/parse-challenges';
import { signInKind } from '../diagnosis/sign-in-kind';
import type { ProxyReading } from './proxy-setting';
import type { Translate } from '../diagnosis/translate';
import type { Diagnosis } from '../diagnosis/types';

/** What the extension found when it checked a fact by itself: yes, no, or unknown (it could not tell). */
export type CheckState = 'yes' | 'no' | 'unknown';

export interface CheckFact {
  id: string;
  label: string;
  state: CheckState;
  /** Whether "yes" is the healthy answer (for the tick or warning mark). */
  goodWhen: 'yes' | 'no';
}

export interface Checklist {
  /** What the extension could check by itself. */
  facts: CheckFact[];
  /** Steps of the other likely causes, for the person to tick (the top cause's are on its card, with their fixes). */
  steps: string[];
}

const MAX_STEPS = 8;

/** The refused request the diagnosis rests on: the top cause's first record, else the newest unrecovered one. */
export function primaryRecord(log: TabLog, diagnosis: Diagnosis): RefusalRecord | null {
  const id = diagnosis.causes[0]?.recordIds[0];
  return log.records.find((r) => r.id === id) ?? unrecovered(log.records).at(-1) ?? null;
}

function yesNo(value: boolean | null): CheckState {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

export function buildChecklist(log: TabLog, diagnosis: Diagnosis, t: Translate): Checklist {
  const record = primaryRecord(log, diagnosis);
  const facts: CheckFact[] = [];
  if (record) {
    const sent = record.sent;
    facts.push({ id: 'credentials-sent', label: t('check_credentials_sent'), state: yesNo(sent.observed ? sentAuthorization(sent) : null), goodWhen: 'yes' });
    // Cookies answer only the site's own sign-in: for a Basic, Digest, Bearer … challenge whether they went says nothing.
    const schemes = new Set(parseChallenges(record.challenges).challenges.map((c) => c.schemeKey));
    if (signInKind(schemes) === 'site') {
      facts.push({ id: 'cookies-sent', label: t('check_cookies_sent'), state: yesNo(sent.observed && !sent.cookiesHidden ? sent.cookies : null), goodWhen: 'yes' });
    }
    const skew = clockSkewSeconds(record);
    facts.push({ id: 'clock', label: t('check_clock'), state: yesNo(skew === null ? null : Math.abs(skew) <= 300), goodWhen: 'yes' });
    const viaProxy = record.status === 407 || record.hints.via !== null;
    facts.push({ id: 'proxy', label: t('check_proxy'), state: viaProxy ? 'yes' : 'unknown', goodWhen: 'no' });
    const pageSite = siteOf(log.pageUrl);
    if (pageSite && record.resourceType !== 'main_frame') {
      facts.push({ id: 'same-site', label: t('check_same_site', [hostOf(log.pageUrl) ?? '']), state: yesNo(siteOf(record.url) === pageSite), goodWhen: 'yes' });
    }
  }
  if (log.pageUrl) facts.push({ id: 'https', label: t('check_https'), state: yesNo(log.pageUrl.startsWith('https:')), goodWhen: 'yes' });
  const steps: string[] = [];
  const onCard = new Set(diagnosis.causes[0]?.visitorSteps.map((step) => step.text));
  for (const cause of diagnosis.causes.slice(1, 4)) {
    for (const { text } of cause.visitorSteps) if (!onCard.has(text) && !steps.includes(text) && steps.length < MAX_STEPS) steps.push(text);
  }
  return { facts, steps };
}

/** The browser's own proxy setting as a checked fact; unknown when it could not be read (no permission). */
export function browserProxyFact(reading: ProxyReading | null, t: Translate): CheckFact {
  return { id: 'browser-proxy', label: t('check_browser_proxy'), state: yesNo(reading?.configured ?? null), goodWhen: 'no' };
}
