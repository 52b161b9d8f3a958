
import type { RefusalRecord } from '../../capture/types';
import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import type { RecordView } from '../record-view';
import type { Translate } from '../translate';
import { Strength } from '../strength';
import { plural } from '../plural';

/**
 * Cookies were sent without other credentials, to a sign-in cookies can answer: the refusal is
 * about the cookie session. (A Basic, Digest, Bearer … challenge is never answered by cookies.)
 */
export function cookieSessionOnly(view: Pick<RecordView, 'record' | 'answer'>): boolean {
  return view.record.status === 401 && view.answer === 'cookies';
}

export function cookiesSentEvidence(record: RefusalRecord, t: Translate): string {
  return plural(t, 'ev_cookies_sent', record.sent.cookieCount);
}

/** A cookie session the server no longer accepts (clearest when it deletes the session cookie as it refuses). */
export const sessionExpired = defineCause({
  id: 'session-expired',
  visitorSteps: ['sign-in-again', 'clear-site-data'],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    if (!cookieSessionOnly(view)) return null;
    const { t } = view.context;
    const cleared = record.clearedCookieNames;
    const evidence = [cookiesSentEvidence(record, t)];
    if (cleared.length) evidence.push(t('ev_cookies_deleted', [cleared.map(quote).join(', ')]));
    return { strength: cleared.length ? Strength.CLEAR : Strength.POSSIBLE, evidence };
  },
});
