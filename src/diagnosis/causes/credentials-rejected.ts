import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { quote, schemeLabel } from '../evidence-text';
import { Strength } from '../strength';
import { nothingSent, type StatedReason, statedError, statedReason } from '../stated-error';

/** Reasons a server may give that this cause says in its own words; the others have a cause of their own. */
const OWN_REASONS: Partial<Record<StatedReason, string>> = {
  issuer: 'ev_reason_issuer',
  signature: 'ev_reason_signature',
  revoked: 'ev_reason_revoked',
  'not-assigned': 'ev_reason_not_assigned',
};

/** Credentials of a kind the server accepts were sent and refused anyway: a wrong password, a revoked key or token. */
export const credentialsRejected = defineCause({
  id: 'credentials-rejected',
  visitorSteps: ['sign-in-again', null],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    if (record.preflight) return null;
    const error = view.bearerError;
    if ((error === 'invalid_token' || error === 'invalid_dpop_proof') && !nothingSent(view)) {
      const reason = statedReason(view);
      const own = reason && OWN_REASONS[reason];
      if (own) return { strength: Strength.SAID, evidence: [...statedError(view), t(own)] };
      if (reason) return null; // the server named a reason another cause says (expired, audience, not yet valid, clock)
      return { strength: Strength.FITS, evidence: [...statedError(view), t('ev_token_refused')] };
    }
    if (error === 'invalid_request' && sentAuthorization(record.sent)) {
      return { strength: Strength.FITS, evidence: [...statedError(view), t('ev_request_malformed', [schemeLabel(record.sent, t)])] };
    }
    // Chromium answered the password challenge itself, out of sight, and the answer was refused.
    if (view.answer === 'browser') return { strength: Strength.CLEAR, evidence: [t('ev_password_refused_out_of_sight')] };
    const scheme = record.sent.authorizationScheme;
    if (record.status !== 401 || !record.sent.observed || !scheme) return null;
    if (view.schemes.size > 0 && !view.schemes.has(scheme.toLowerCase())) return null; // wrong-scheme says it
    if (/^(basic|digest)$/i.test(scheme)) return { strength: Strength.CLEAR, evidence: [t(record.retriedByBrowser ? 'ev_password_refused_by_browser' : 'ev_password_refused', [schemeLabel(record.sent, t)])] };
    if (error) return null; // another stated error has its own cause
    // Without any challenge the server's silence is the stronger clue (see no-challenge).
    return { strength: view.challenges.length ? Strength.POSSIBLE : Strength.HINT, evidence: [t('ev_credential_refused', [quote(scheme)])] };
  },
});
