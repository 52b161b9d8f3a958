import { defineCause } from '../cause';
import { Strength } from '../strength';
import { statedError } from '../stated-error';

/** RFC 9449: the resource server wants a fresh DPoP nonce in the proof (the app retries by itself). */
export const dpopNonce = defineCause({
  id: 'dpop-nonce',
  visitorSteps: ['reload'],
  ownerSteps: 1,
  detect(view) {
    const asked = view.bearerError === 'use_dpop_nonce' || (view.schemes.has('dpop') && view.record.hints.dpopNonce);
    if (!asked) return null;
    const extra = view.record.hints.dpopNonce ? [view.context.t('ev_dpop_nonce_header')] : [];
    return { strength: Strength.SAID, evidence: [...statedError(view), ...extra] };
  },
});
