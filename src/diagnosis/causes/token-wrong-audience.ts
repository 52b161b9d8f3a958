import { defineCause } from '../cause';
import { quote } from '../evidence-text';
import { Strength } from '../strength';
import { statedError, tokenRefusedFor } from '../stated-error';

/**
 * The host an audience value names, when it names one: an http(s) URL or a bare host name. Other
 * shapes (`account`, a client id, `api://…`) say nothing we can compare with the request's host.
 */
function audienceHost(audience: string): string | null {
  if (/^https?:\/\//i.test(audience)) {
    try {
      return new URL(audience).hostname.toLowerCase();
    } catch {
      return null;
    }
  }
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(audience) ? audience.toLowerCase() : null;
}

function requestHost(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The same host, or one a subdomain of the other (api.example and example): no mismatch to report. */
const related = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * The token was made for another service. Said outright when the server's description names the
 * audience (the token's own aud then confirms it). Read from the token alone when its single
 * audience is a bare host name that is not this one: likely with `invalid_token`, possible
 * otherwise (a gateway may front that service under another name). An audience written as a URL
 * is an identifier many providers issue (`https://reports.example/`), not a claim about which host
 * serves the API: it only hints.
 */
export const tokenWrongAudience = defineCause({
  id: 'token-wrong-audience',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 2,
  moreFixes: ['copy-report'],
  detect(view) {
    const { t } = view.context;
    const token = view.record.sent.token;
    const audience = token?.format === 'jwt' && token.audience !== null ? token.audience : null;
    if (tokenRefusedFor(view) === 'audience') {
      return { strength: Strength.SAID, evidence: [...statedError(view), ...(audience !== null ? [t('ev_token_audience', [quote(audience)])] : [])] };
    }
    if (audience === null || token?.audienceCount !== 1) return null;
    const intended = audienceHost(audience);
    const actual = requestHost(view.record.url);
    if (!intended || !actual || related(intended, actual)) return null;
    if (/^https?:\/\//i.test(audience)) return { strength: Strength.HINT, evidence: [t('ev_token_audience_identifier', [quote(audience), quote(actual)])] };
    const strength = view.bearerError === 'invalid_token' ? Strength.CLEAR : Strength.POSSIBLE;
    return { strength, evidence: [t('ev_token_wrong_audience', [quote(audience), quote(actual)])] };
  },
});
