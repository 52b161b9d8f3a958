import { knownNoCookies, sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';

/** WordPress: REST cookie auth needs a nonce; Application Passwords need the Authorization header to reach PHP. */
export const wordpress = defineCause({
  id: 'wordpress',
  visitorSteps: ['sign-in-again', null],
  ownerSteps: 3,
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    const path = record.url.toLowerCase();
    const rest = path.includes('/wp-json/') || path.includes('rest_route=');
    if (!rest && !path.includes('/wp-admin/') && !path.includes('/wp-login.php') && !record.hints.wordpress) return null;
    const evidence = [rest ? t('ev_wp_rest', [quote(record.url)]) : t('ev_wp_site')];
    if (rest && record.sent.cookies && !record.sent.notableHeaders.includes('x-wp-nonce')) return { strength: Strength.CLEAR, evidence: [...evidence, t('ev_wp_nonce')] };
    if (rest && record.sent.authorizationScheme?.toLowerCase() === 'basic') return { strength: Strength.FITS, evidence: [...evidence, t('ev_wp_app_password')] };
    if (rest && record.sent.observed && !sentAuthorization(record.sent) && knownNoCookies(record.sent)) return { strength: Strength.FITS, evidence: [...evidence, t('ev_wp_anonymous')] };
    return { strength: Strength.POSSIBLE, evidence };
  },
});
