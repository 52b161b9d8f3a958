import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { offeredSchemes } from '../record-view';
import { Strength } from '../strength';

/** The Authorization header sent is of another kind than the server asks for, or has no scheme at all. */
export const wrongScheme = defineCause({
  id: 'wrong-scheme',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 1,
  moreFixes: ['copy-report'],
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    if (record.status !== 401 || record.preflight || !record.sent.observed) return null;
    if (record.sent.authorizationWithoutScheme) {
      return { strength: Strength.CLEAR, evidence: [t('ev_auth_no_scheme', [view.challenges.length ? offeredSchemes(view) : t('ev_a_scheme')])] };
    }
    const scheme = record.sent.authorizationScheme;
    if (!scheme || view.schemes.size === 0 || view.schemes.has(scheme.toLowerCase())) return null;
    return { strength: Strength.CLEAR, evidence: [t('ev_wrong_scheme', [quote(scheme), offeredSchemes(view)])] };
  },
});
