import { defineCause } from '../cause';
import { duration, epochSeconds, utcTime } from '../evidence-text';
import { Strength } from '../strength';
import { statedError, tokenRefusedFor } from '../stated-error';
import { judgedBy, serverNow } from './token-expired';

/** The token's `nbf` (not before) lies ahead of the server's clock (by more than a minute). */
export const tokenNotYetValid = defineCause({
  id: 'token-not-yet-valid',
  visitorSteps: [null],
  ownerSteps: 1,
  moreFixes: ['reload'],
  detect(view) {
    const token = view.record.sent.token;
    const now = serverNow(view);
    const said = tokenRefusedFor(view) === 'not-yet-valid';
    const { t } = view.context;
    const notBefore = token?.format === 'jwt' ? epochSeconds(token.notBefore) : null;
    const ahead = notBefore !== null && notBefore > now + 60;
    const fact = ahead ? [t('ev_token_not_yet_valid', [duration(notBefore - now, t), utcTime(notBefore, t), judgedBy(view)])] : [];
    if (said) return { strength: Strength.SAID, evidence: [...statedError(view), ...fact] };
    return ahead ? { strength: Strength.CLEAR, evidence: fact } : null;
  },
});
