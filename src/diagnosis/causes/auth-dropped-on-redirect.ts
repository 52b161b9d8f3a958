import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { hostOf, quote, schemeLabel } from '../evidence-text';
import { Strength } from '../strength';

/**
 * The request was redirected to another origin and the browser dropped its Authorization header
 * on the way (the fetch standard since whatwg/fetch#1544: Chrome 119, Firefox 111): the next hop
 * arrived without credentials and was refused.
 */
export const authDroppedOnRedirect = defineCause({
  id: 'auth-dropped-on-redirect',
  visitorSteps: ['copy-report'],
  ownerSteps: 2,
  detect(view) {
    const { record } = view;
    const redirect = record.redirect;
    if (!redirect?.sentAuthorization || sentAuthorization(record.sent) || record.status !== 401) return null;
    const { t } = view.context;
    const to = hostOf(record.url) ?? record.url;
    return {
      strength: Strength.SAID,
      evidence: [t('ev_redirect_dropped', [schemeLabel({ authorizationScheme: redirect.authorizationScheme }, t), quote(redirect.from), quote(to)]), t('ev_redirect_rule')],
    };
  },
});
