import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';
import { statedError } from '../stated-error';

/** RFC 6750 `insufficient_scope`: the token is valid but does not cover this action. */
export const insufficientScope = defineCause({
  id: 'insufficient-scope',
  visitorSteps: ['sign-in-again', null],
  ownerSteps: 2,
  detect(view) {
    if (view.bearerError !== 'insufficient_scope') return null;
    const scope = view.bearer?.scope;
    return { strength: Strength.SAID, evidence: [...statedError(view), ...(scope ? [view.context.t('ev_needs_scope', [quote(scope)])] : [])] };
  },
});
