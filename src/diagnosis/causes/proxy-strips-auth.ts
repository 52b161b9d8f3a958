import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { quote, schemeLabel } from '../evidence-text';
import { Strength } from '../strength';

/** A proxy or gateway between may drop the Authorization header on the way. */
export const proxyStripsAuth = defineCause({
  id: 'proxy-strips-auth',
  visitorSteps: ['check-proxy'],
  ownerSteps: 1,
  detect(view) {
    const { record, bearer } = view;
    if (record.status !== 401 || !sentAuthorization(record.sent)) return null;
    const saysMissing = bearer !== null && !bearer.error && record.sent.authorizationScheme?.toLowerCase() === 'bearer';
    if (!record.hints.via && !saysMissing) return null;
    const { t } = view.context;
    const evidence = [t(saysMissing ? 'ev_auth_left_unseen' : 'ev_auth_left', [schemeLabel(record.sent, t)])];
    if (record.hints.via) evidence.push(t('ev_via', [quote(record.hints.via)]));
    return { strength: record.hints.via ? Strength.HINT : Strength.WEAK, evidence };
  },
});
