import { defineCause } from '../cause';
import { Strength } from '../strength';

/** Digest `stale=true`: the server's nonce expired, the password itself was fine (RFC 7616 §3.3). */
export const digestStale = defineCause({
  id: 'digest-stale',
  visitorSteps: ['reload'],
  ownerSteps: 1,
  detect(view) {
    const digest = view.challenges.find((c) => c.schemeKey === 'digest');
    if (digest?.params.stale?.toLowerCase() !== 'true') return null;
    return { strength: Strength.SAID, evidence: [view.context.t('ev_digest_stale')] };
  },
});
