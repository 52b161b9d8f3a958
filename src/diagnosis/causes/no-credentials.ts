import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { browserMayAddCredentials } from '../evidence-text';
import { offeredSchemes } from '../record-view';
import { Strength } from '../strength';
import { nothingSent, statedError } from '../stated-error';

/** Nothing was sent that the server could accept: not signed in, or the app did not attach its token. */
export const noCredentials = defineCause({
  id: 'no-credentials',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 1,
  moreFixes: ['reload'],
  detect(view) {
    const { record } = view;
    const { t } = view.context;
    const error = view.bearerError;
    if ((error === 'invalid_token' || error === 'invalid_dpop_proof') && nothingSent(view)) {
      return { strength: Strength.FITS, evidence: [...statedError(view), t('ev_token_not_attached')] };
    }
    if (error === 'invalid_request' && !sentAuthorization(record.sent)) {
      return { strength: Strength.CLEAR, evidence: [...statedError(view), t('ev_no_authorization')] };
    }
    if (record.status !== 401 || record.preflight) return null;
    // Cookies answer only the site's own sign-in: for a Basic, Digest, Bearer … challenge they do not count.
    const { answer } = view;
    if (answer === 'authorization' || answer === 'cookies' || answer === 'browser') return null;
    // Sent before the worker listened: for the site's own sign-in as likely as with hidden cookies (below).
    if (!record.sent.observed) return { strength: view.signIn === 'site' ? Strength.POSSIBLE : Strength.WEAK, evidence: [t('ev_not_observed')] };
    const asksFor = view.challenges.length ? [t('ev_server_asks_for', [offeredSchemes(view)])] : [];
    if (answer === 'unknown') {
      // Chrome hid the Cookie header of a site's own sign-in: a cookie session may have been sent and refused.
      return { strength: Strength.POSSIBLE, evidence: [t('ev_no_authorization_cookies_hidden'), ...asksFor] };
    }
    const signInPrompt = record.resourceType === 'main_frame' && (view.schemes.has('basic') || view.schemes.has('digest'));
    // The browser adds saved Basic/Digest/NTLM/Negotiate credentials itself, where no extension can see them.
    const mayAdd = browserMayAddCredentials(view);
    const nothing = record.sent.cookiesHidden
      ? // Hidden, a Set-Cookie that ends a session is hidden too: say what a reload shows (the first cause stays).
        [t(mayAdd ? 'ev_no_authorization_seen' : 'ev_no_authorization_cookies_hidden')]
      : record.sent.cookies
        ? [t(mayAdd ? 'ev_no_authorization_seen' : 'ev_no_authorization'), t('ev_cookies_do_not_answer')]
        : [t(mayAdd ? 'ev_nothing_seen' : 'ev_nothing_sent')];
    return { strength: signInPrompt ? Strength.CLEAR : Strength.FITS, evidence: [...nothing, ...asksFor] };
  },
});
