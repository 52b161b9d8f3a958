
import { defineCause } from '../cause';
import { duration, quote } from '../evidence-text';
import { Strength } from '../strength';
import { plural } from '../plural';

const REPEAT_THRESHOLD = 3;

/** The same request refused again and again although credentials were sent: a sign-in loop. */
export const signInLoop = defineCause({
  id: 'sign-in-loop',
  visitorSteps: ['clear-site-data', null],
  ownerSteps: 1,
  countsRepeats: true,
  detect(view) {
    const { record, siblings } = view;
    if (view.answer !== 'authorization' && view.answer !== 'cookies') return null;
    // A Basic or Digest password asked for again and again is a refused password (credentials-rejected):
    // the browser keeps it, and clearing the site's data does not change it.
    if (/^(basic|digest)$/i.test(record.sent.authorizationScheme ?? '')) return null;
    const sameUrl = siblings.filter((r) => r.url === record.url && r.method === record.method);
    const times = sameUrl.reduce((sum, r) => sum + r.count, 0);
    if (times < REPEAT_THRESHOLD) return null;
    const seconds = (Math.max(...sameUrl.map((r) => r.lastSeen)) - Math.min(...sameUrl.map((r) => r.firstSeen))) / 1000;
    const { t } = view.context;
    return { strength: Strength.CLEAR, evidence: [plural(t, 'ev_loop', times, [quote(`${record.method} ${record.url}`), duration(seconds, t)])] };
  },
});
