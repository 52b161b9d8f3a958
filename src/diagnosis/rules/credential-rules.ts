import { sentAuthorization } from '../../capture/sent-credentials';
import { browserMayAddCredentials, duration, quote } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const REPEAT_THRESHOLD = 3;

function offered(view: RecordView): string {
  return view.challenges.map((c) => c.scheme).join(', ');
}

/** Nothing was sent, or something was sent and refused, or the wrong kind was sent. */
export function credentialsSent(view: RecordView): Finding[] {
  const { record } = view;
  const { t } = view.context;
  if (record.status !== 401 || record.preflight) return [];
  const sent = record.sent;
  if (!sent.observed) {
    return [{ cause: 'no-credentials', score: 40, evidence: [t('ev_not_observed')] }];
  }
  if (!sentAuthorization(sent)) {
    if (sent.cookies) return [];
    const basicPrompt = record.resourceType === 'main_frame' && (view.schemes.has('basic') || view.schemes.has('digest'));
    return [
      {
        cause: 'no-credentials',
        score: basicPrompt ? 85 : 75,
        evidence: [
          // The browser adds saved Basic/Digest/NTLM/Negotiate credentials itself, where no extension can see them.
          t(browserMayAddCredentials(view) ? 'ev_nothing_seen' : 'ev_nothing_sent'),
          ...(view.challenges.length ? [t('ev_server_asks_for', [offered(view)])] : []),
        ],
      },
    ];
  }
  if (sent.authorizationScheme === null) {
    const asks = view.challenges.length ? offered(view) : t('ev_a_scheme');
    return [{ cause: 'wrong-scheme', score: 86, evidence: [t('ev_auth_no_scheme', [asks])] }];
  }
  const scheme = sent.authorizationScheme.toLowerCase();
  if (view.schemes.size > 0 && !view.schemes.has(scheme)) {
    return [
      {
        cause: 'wrong-scheme',
        score: 86,
        evidence: [t('ev_wrong_scheme', [quote(sent.authorizationScheme), offered(view)])],
      },
    ];
  }
  // A scheme the server accepts was sent and refused anyway: wrong password, revoked key or token.
  const findings: Finding[] = [];
  if (scheme === 'basic' || scheme === 'digest') {
    findings.push({ cause: 'credentials-rejected', score: 82, evidence: [t('ev_password_refused', [sent.authorizationScheme])] });
  } else if (!view.bearer?.error) {
    // Without any challenge the server's silence is the stronger clue (see noChallenge).
    const score = view.challenges.length ? 65 : 55;
    findings.push({ cause: 'credentials-rejected', score, evidence: [t('ev_credential_refused', [quote(sent.authorizationScheme)])] });
  }
  return findings;
}

/** Cookies were sent without other credentials: a cookie session the server no longer accepts. */
export function cookieSession(view: RecordView): Finding[] {
  const { record } = view;
  const { t } = view.context;
  if (record.status !== 401 || !record.sent.cookies || sentAuthorization(record.sent)) return [];
  const cleared = record.clearedCookieNames;
  const evidence = [record.sent.cookieCount === 1 ? t('ev_one_cookie_sent') : t('ev_cookies_sent', [record.sent.cookieCount])];
  if (cleared.length) evidence.push(t('ev_cookies_deleted', [cleared.map(quote).join(', ')]));
  return [
    { cause: 'session-expired', score: cleared.length ? 86 : 66, evidence },
    { cause: 'stale-cookies', score: cleared.length ? 55 : 48, evidence: [t('ev_stale_cookies')] },
  ];
}

/** The same request refused again and again although credentials were sent: a sign-in loop. */
export function signInLoop(view: RecordView): Finding[] {
  const { record, siblings } = view;
  const credentialed = sentAuthorization(record.sent) || record.sent.cookies;
  if (!credentialed) return [];
  const sameUrl = siblings.filter((r) => r.url === record.url && r.method === record.method);
  const times = sameUrl.reduce((sum, r) => sum + r.count, 0);
  if (times < REPEAT_THRESHOLD) return [];
  const seconds = (Math.max(...sameUrl.map((r) => r.lastSeen)) - Math.min(...sameUrl.map((r) => r.firstSeen))) / 1000;
  return [
    {
      cause: 'sign-in-loop',
      score: 84,
      evidence: [view.context.t('ev_loop', [`${record.method} ${quote(record.url)}`, times, duration(seconds, view.context.t)])],
    },
  ];
}
