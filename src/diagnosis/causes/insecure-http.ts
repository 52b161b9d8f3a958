import { knownNoCookies, sentAuthorization } from '../../capture/sent-credentials';
import { isLoopbackHost } from '../../capture/redact-url';
import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';

/** Plain http: passwords travel readable, and Secure cookies are not sent at all. */
export const insecureHttp = defineCause({
  id: 'insecure-http',
  visitorSteps: ['open-https'],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    let url: URL;
    try {
      url = new URL(record.url);
    } catch {
      return null;
    }
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
    const { t } = view.context;
    const basic = view.schemes.has('basic');
    // A cookie sign-in refused over http: whatever other cookies went, a Secure session cookie never does.
    const cookieSignIn = view.signIn === 'site' && record.sent.observed && !sentAuthorization(record.sent);
    const secure = cookieSignIn ? [t(knownNoCookies(record.sent) ? 'ev_secure_cookies' : 'ev_secure_cookies_not_sent')] : [];
    const evidence = [t('ev_plain_http', [quote(record.url)]), ...(basic ? [t('ev_basic_over_http')] : []), ...secure];
    return { strength: basic || cookieSignIn ? Strength.FITS : Strength.HINT, evidence };
  },
});
