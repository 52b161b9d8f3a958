import { defineCause } from '../cause';
import { hostOf, quote } from '../evidence-text';
import { Strength } from '../strength';
import { signInCookieReasons, topOf } from '../jar-view';

/**
 * The jar holds a sign-in cookie of the request's site, and the browser's cookie rules kept it off
 * this request: SameSite on a request from another site, Secure over plain http, its Path or Domain,
 * a partition of another site (diagnosis/cookie-withheld-reason.ts). Blocked third-party cookies
 * are `third-party-cookies-blocked`'s. Seen only with the person's consent (the cookie jar).
 */
export const cookieNotSent = defineCause({
  id: 'cookie-not-sent',
  visitorSteps: ['open-sign-in-site', null],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    const jar = record.jar;
    if (!jar || record.status !== 401 || record.preflight || view.signIn !== 'site' || jar.signIn.length === 0) return null;
    const top = topOf(view);
    const reasons = signInCookieReasons(view);
    const withheld = reasons.filter(({ reason }) => reason !== null && reason !== 'third-party');
    // Kept off as a third party's: `third-party-cookies-blocked`. None kept off: another cause, or none.
    if (withheld.length === 0 || reasons.some(({ reason }) => reason === 'third-party')) return null;
    const { t } = view.context;
    const { cookie, reason } = withheld[0]!;
    const from = quote(hostOf(reason === 'partitioned' || record.initiator === null ? top : record.initiator) ?? '');
    const why = t(`ev_withheld_${reason!.replace(/-/g, '_')}`, [quote(reason === 'path' ? cookie.path : reason === 'domain' ? cookie.domain : ''), from]);
    const evidence = [t('ev_cookie_withheld', [quote(cookie.name), quote(hostOf(record.url) ?? ''), why])];
    // Another sign-in cookie went along, or Chrome's Lax-by-default guessed: one reading among others.
    const certain = withheld.length === reasons.length && !(cookie.sameSite === 'unspecified' && reason === 'same-site-lax');
    return { strength: certain ? Strength.CLEAR : Strength.FITS, evidence };
  },
});
