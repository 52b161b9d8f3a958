import type { CookieDeparture } from '../../capture/cookie-departures';
import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { duration, quote } from '../evidence-text';
import { signInCookieReasons } from '../jar-view';
import type { RecordView } from '../record-view';
import type { Translate } from '../translate';
import { Strength } from '../strength';

/** A departure the browser reported a moment after the refusal still came first (events of two APIs, no common order). */
const REPORT_SLACK_MS = 5_000;
/** The site replacing its cookie explains a refusal only shortly after (sites renew their session cookie all the time). */
const OVERWRITE_WINDOW_MS = 10 * 60_000;

/** The browser's rules kept a sign-in cookie the jar holds for this site off the request. */
function signInCookieWithheld(view: RecordView): boolean {
  return signInCookieReasons(view).some(({ reason }) => reason !== null);
}

function reasonText(departure: CookieDeparture, t: Translate): string {
  if (departure.reason === 'expired' && departure.lifetimeSeconds) return t('ev_departure_expired_lifetime', [duration(departure.lifetimeSeconds, t)]);
  return t(`ev_departure_${departure.reason}`);
}

/**
 * The sign-in cookie of the site went away shortly before the refusal, as the browser reported it
 * (expired, evicted, deleted by the browser or an extension, deleted or replaced by the site): seen
 * only with the person's consent (background/cookie-watcher.ts), which keeps names, times and reasons.
 */
export const sessionCookieEnded = defineCause({
  id: 'session-cookie-ended',
  visitorSteps: ['sign-in-again', null],
  ownerSteps: 1,
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    if (record.status !== 401 || record.preflight || sentAuthorization(record.sent)) return null;
    const departure = record.jar?.departures.find((d) => {
      const before = record.firstSeen - d.at;
      return before >= -REPORT_SLACK_MS && (d.reason !== 'overwrite' || before <= OVERWRITE_WINDOW_MS);
    });
    if (!departure) return null;
    const ago = duration(Math.max(0, record.firstSeen - departure.at) / 1000, t);
    const evidence = [t('ev_session_cookie_ended', [quote(departure.name), ago, reasonText(departure, t)])];
    // A sign-in cookie the jar holds now, kept off this request by the browser's rules, is the nearer
    // reason (it may be the ended one's successor): `cookie-not-sent` or `third-party-cookies-blocked` lead.
    return { strength: departure.reason === 'overwrite' || signInCookieWithheld(view) ? Strength.POSSIBLE : Strength.SAID, evidence };
  },
});
