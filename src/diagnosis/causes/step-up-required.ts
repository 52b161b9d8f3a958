import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';
import { statedError } from '../stated-error';

/** RFC 9470: the server wants a stronger or more recent sign-in (acr_values, max_age). */
export const stepUpRequired = defineCause({
  id: 'step-up-required',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 1,
  detect(view) {
    const bearer = view.bearer;
    const asked = view.bearerError === 'insufficient_user_authentication' || (bearer !== null && ('acr_values' in bearer || 'max_age' in bearer) && view.bearerError !== 'invalid_token');
    if (!asked) return null;
    const { t } = view.context;
    const extra: string[] = [];
    if (bearer?.acr_values) extra.push(t('ev_acr_values', [quote(bearer.acr_values)]));
    if (bearer?.max_age) extra.push(t('ev_max_age', [quote(bearer.max_age)]));
    return { strength: Strength.SAID, evidence: [...statedError(view), ...extra] };
  },
});
