import { defineCause } from '../cause';
import { duration, epochSeconds, quote } from '../evidence-text';
import { Strength } from '../strength';
import { statedError, tokenRefusedFor } from '../stated-error';

/** Differences of clocks within this are normal and harmless. */
export const SKEW_TOLERANCE_SECONDS = 300;

/** This computer's clock differs from the server's: tokens and cookies look expired or not yet valid. */
export const clockSkew = defineCause({
  id: 'clock-skew',
  visitorSteps: [null],
  ownerSteps: 1,
  moreFixes: ['reload'],
  detect(view) {
    const skew = view.clockSkewSeconds;
    const said = tokenRefusedFor(view) === 'clock';
    if (said && (skew === null || Math.abs(skew) <= SKEW_TOLERANCE_SECONDS)) return { strength: Strength.SAID, evidence: statedError(view) };
    if (skew === null || Math.abs(skew) <= SKEW_TOLERANCE_SECONDS) return null;
    const { t } = view.context;
    const evidence = [t(skew > 0 ? 'ev_clock_behind' : 'ev_clock_ahead', [duration(skew, t), quote(view.record.date ?? '')])];
    const token = view.record.sent.token;
    const local = view.record.firstSeen / 1000;
    // A token that is valid by one clock and not by the other makes the skew the cause.
    const expiresAt = token?.format === 'jwt' ? epochSeconds(token.expiresAt) : null;
    const notBefore = token?.format === 'jwt' ? epochSeconds(token.notBefore) : null;
    const flips = (expiresAt !== null && expiresAt <= local !== expiresAt <= local + skew) || (notBefore !== null && notBefore > local !== notBefore > local + skew);
    if (flips) evidence.push(t('ev_clock_flips'));
    return { strength: flips || said ? Strength.SAID : Strength.POSSIBLE, evidence: said ? [...statedError(view), ...evidence] : evidence };
  },
});
