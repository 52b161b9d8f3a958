import { defineCause } from '../cause';
import { Strength } from '../strength';

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
 * The JWT sent names a single audience, and it is another service's host: servers refuse tokens
 * made for someone else. Likely when the server says `invalid_token`; possible otherwise (a gateway
 * may front that service under another name).
 */
export const tokenWrongAudience = defineCause({
  id: 'token-wrong-audience',
  visitorSteps: ['sign-in-again'],
  ownerSteps: 2,
  moreFixes: ['copy-report'],
  detect(view) {
    const token = view.record.sent.token;
    if (token?.format !== 'jwt' || token.audience === null || token.audienceCount !== 1) return null;
    const intended = audienceHost(token.audience);
    const actual = requestHost(view.record.url);
    if (!intended || !actual || related(intended, actual)) return null;
    const strength = view.bearerError === 'invalid_token' ? Strength.CLEAR : Strength.POSSIBLE;
    return { strength, evidence: [view.context.t('ev_token_wrong_audience', [token.audience, actual])] };
  },
});
