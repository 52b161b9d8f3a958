import { knownNoCookies, sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { hostOf, quote, siteOf } from '../evidence-text';
import { Strength } from '../strength';

/** A request to another site than the one that made it (a widget, an embedded service). */
export const thirdParty = defineCause({
  id: 'third-party',
  visitorSteps: [null, null],
  moreFixes: ['reload'],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    if (record.preflight || record.resourceType === 'main_frame') return null;
    const requestSite = siteOf(record.url);
    const initiatorSite = siteOf(record.initiator);
    if (!requestSite || !initiatorSite || requestSite === initiatorSite) return null;
    const { t } = view.context;
    const evidence = [t('ev_third_party', [quote(hostOf(record.initiator) ?? ''), quote(hostOf(record.url) ?? '')])];
    // Blocked third-party cookies matter only to a sign-in cookies answer (not to Basic, Bearer …).
    const cookieSignIn = view.signIn === 'site' && record.sent.observed && !sentAuthorization(record.sent) && !record.sent.cookies;
    if (cookieSignIn) evidence.push(t(knownNoCookies(record.sent) ? 'ev_third_party_cookies' : 'ev_third_party_cookies_hidden'));
    return { strength: cookieSignIn ? Strength.FITS : Strength.HINT, evidence };
  },
});
