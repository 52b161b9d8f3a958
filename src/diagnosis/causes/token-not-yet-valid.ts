import { defineCause } from '../cause';
import { duration, utcTime } from '../evidence-text';
import { Strength } from '../strength';
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
    if (token?.format !== 'jwt' || token.notBefore === null || token.notBefore <= now + 60) return null;
    const { t } = view.context;
    return { strength: Strength.CLEAR, evidence: [t('ev_token_not_yet_valid', [duration(token.notBefore - now, t), utcTime(token.notBefore), judgedBy(view)])] };
  },
});
