import { defineCause } from '../cause';
import { Strength } from '../strength';

/**
 * Refused while the browser restored the tab as it started, before the extension was watching: the
 * page's own timing data says which request was refused, not what the server asked for or what was
 * sent. Reloading shows the refusal again, this time explained in full.
 */
export const seenAfterStart = defineCause({
  id: 'seen-after-start',
  visitorSteps: ['reload'],
  ownerSteps: 1,
  judgesUnwatched: true,
  detect(view) {
    if (!view.record.seenAfterStart) return null;
    return { strength: Strength.CLEAR, evidence: [view.context.t('ev_seen_after_start', [view.record.status])] };
  },
});
