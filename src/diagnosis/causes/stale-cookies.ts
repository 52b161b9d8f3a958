import { defineCause } from '../cause';
import { Strength } from '../strength';
import { cookieSessionOnly } from './session-expired';

/** Old cookies for the site may confuse it: worth clearing when a cookie session is refused. */
export const staleCookies = defineCause({
  id: 'stale-cookies',
  visitorSteps: ['clear-site-data'],
  ownerSteps: 1,
  detect(view) {
    if (!cookieSessionOnly(view)) return null;
    return { strength: view.record.clearedCookieNames.length ? Strength.HINT : Strength.WEAK, evidence: [view.context.t('ev_stale_cookies')] };
  },
});
