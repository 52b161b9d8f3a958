import { defineCause } from '../cause';
import { duration, epochSeconds, utcTime } from '../evidence-text';
import type { RecordView } from '../record-view';
import { Strength } from '../strength';
import { statedError, tokenRefusedFor } from '../stated-error';

/** The server's idea of "now" in seconds: its Date header when given, else this computer's clock at capture. */
export function serverNow(view: RecordView): number {
  return view.record.firstSeen / 1000 + (view.clockSkewSeconds ?? 0);
}

/** Whose clock judged a token: the server's (Date header) or, without one, this computer's. */
export function judgedBy(view: RecordView): string {
  return view.context.t(view.clockSkewSeconds === null ? 'ev_clock_local' : 'ev_clock_server');
}

/** The access token had expired: read from the JWT itself (judged by the server's clock) or said by the server. */
export const tokenExpired = defineCause({
  id: 'token-expired',
  visitorSteps: ['reload'],
  ownerSteps: 2,
  moreFixes: ['sign-in-again'],
  detect(view) {
    const { t } = view.context;
    const token = view.record.sent.token;
    const now = serverNow(view);
    // Only a claim that names a real date is judged (a page picks its token's claims).
    const expiresAt = token?.format === 'jwt' ? epochSeconds(token.expiresAt) : null;
    if (expiresAt !== null && expiresAt <= now) {
      return { strength: Strength.SAID, evidence: [t('ev_token_expired', [duration(now - expiresAt, t), utcTime(expiresAt, t), judgedBy(view)])] };
    }
    // With nothing sent at all, the token was not attached (see no-credentials), whatever the server says of it.
    return tokenRefusedFor(view) === 'expired' ? { strength: Strength.SAID, evidence: statedError(view) } : null;
  },
});
