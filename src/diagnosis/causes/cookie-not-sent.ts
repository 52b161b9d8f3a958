import { defineCause } from '../cause';
import { withheldReason } from '../cookie-withheld-reason';
import { hostOf, quote } from '../evidence-text';
import { Strength } from '../strength';
import { topOf } from './third-party-cookies-blocked';

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
    const request = { url: record.url, method: record.method, resourceType: record.resourceType, initiator: record.initiator, topOrigin: top };
    const reasons = jar.signIn.map((cookie) => ({ cookie, reason: withheldReason(cookie, request) }));
    // One sign-in cookie the rules let through, or one kept off as a third party's: another cause, or none.
    if (reasons.some(({ reason }) => reason === null || reason === 'third-party')) return null;
    const { t } = view.context;
    const { cookie, reason } = reasons[0]!;
    const from = quote(hostOf(reason === 'partitioned' ? top : record.initiator === null ? top : record.initiator) ?? '');
    const why = t(`ev_withheld_${reason!.replace(/-/g, '_')}`, [quote(reason === 'path' ? cookie.path : reason === 'domain' ? cookie.domain : ''), from]);
    const evidence = [t('ev_cookie_withheld', [quote(cookie.name), quote(hostOf(record.url) ?? ''), why])];
    const guessed = cookie.sameSite === 'unspecified' && reason === 'same-site-lax';
    return { strength: guessed ? Strength.FITS : Strength.CLEAR, evidence };
  },
});
