import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { hostOf, quote, siteOf } from '../evidence-text';
import { signInCookieReasons, topOf } from '../jar-view';
import { plural } from '../plural';
import { Strength } from '../strength';

/** Requests an embedded sign-in makes: a frame (also a hidden `prompt=none` one) or a page's call. */
const EMBEDDED_TYPES: ReadonlySet<string> = new Set(['sub_frame', 'xmlhttprequest']);

/**
 * An embedded sign-in (a frame of another site, or a call to another site) the browser sent none of
 * that site's cookies: it blocks or partitions third-party cookies (Chrome's setting, Firefox's Total
 * Cookie Protection, private windows). With the cookie jar at hand (consent), a jar holding cookies
 * the site gets in its own tab tells it apart from not being signed in there at all; without it a
 * frame's refusal says "probably", and a call is left to `third-party`.
 */
export const thirdPartyCookiesBlocked = defineCause({
  id: 'third-party-cookies-blocked',
  visitorSteps: [null, 'open-sign-in-site'],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    if (record.status !== 401 || record.preflight || !EMBEDDED_TYPES.has(record.resourceType)) return null;
    if (view.signIn !== 'site' || !record.sent.observed || sentAuthorization(record.sent) || record.sent.cookies) return null;
    const top = topOf(view);
    const site = siteOf(record.url);
    if (!site || !siteOf(top) || siteOf(top) === site) return null;
    const host = quote(hostOf(record.url) ?? '');
    const topHost = quote(hostOf(top) ?? '');
    const hidden = record.sent.cookiesHidden === true;
    const evidence = [t(hidden ? 'ev_tpc_embedded_hidden' : 'ev_tpc_embedded', [host, topHost])];
    const jar = record.jar;
    if (!jar) {
      if (record.resourceType !== 'sub_frame') return null;
      // Inside another site, today's browsers withhold a frame's cookies by default (Chrome's setting,
      // Total Cookie Protection, Safari): the usual reading, also when Chrome hid the Cookie header.
      return { strength: Strength.FITS, evidence: [...evidence, t('ev_tpc_probably', [host])] };
    }
    const blocked = signInCookieReasons(view)
      .filter(({ reason }) => reason === 'third-party')
      .map(({ cookie }) => cookie);
    if (blocked.length === 0 && jar.others === 0) return null; // nothing to send: not signed in there at all
    const names = blocked.slice(0, 3).map((cookie) => quote(cookie.name));
    evidence.push(
      names.length ? t('ev_tpc_jar_sign_in', [names.join(', '), host, topHost]) : plural(t, 'ev_tpc_jar_others', jar.others, [host, topHost]),
    );
    return { strength: hidden || names.length === 0 ? Strength.FITS : Strength.CLEAR, evidence };
  },
});
