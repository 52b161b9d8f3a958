import { quote } from '../evidence-text';
import type { Finding, RecordView } from '../types';

const REPEAT_THRESHOLD = 3;

function offered(view: RecordView): string {
  return view.challenges.map((c) => c.scheme).join(', ');
}

/** Nothing was sent, or something was sent and refused, or the wrong kind was sent. */
export function credentialsSent(view: RecordView): Finding[] {
  const { record } = view;
  if (record.status !== 401 || record.preflight) return [];
  const sent = record.sent;
  if (!sent.observed) {
    return [{ cause: 'no-credentials', score: 40, evidence: ['The browser does not show what this kind of request (image, script, style) sent; sign-in state is unknown.'] }];
  }
  if (!sent.authorizationScheme) {
    if (sent.cookies) return [];
    const basicPrompt = record.resourceType === 'main_frame' && (view.schemes.has('basic') || view.schemes.has('digest'));
    return [
      {
        cause: 'no-credentials',
        score: basicPrompt ? 85 : 75,
        evidence: [
          'The request carried no Authorization header and no cookies.',
          ...(view.challenges.length ? [`The server asks for: ${offered(view)}.`] : []),
        ],
      },
    ];
  }
  const scheme = sent.authorizationScheme.toLowerCase();
  if (view.schemes.size > 0 && !view.schemes.has(scheme)) {
    return [
      {
        cause: 'wrong-scheme',
        score: 86,
        evidence: [`A ${quote(sent.authorizationScheme)} Authorization header was sent, but the server asks for ${offered(view)}.`],
      },
    ];
  }
  // A scheme the server accepts was sent and refused anyway: wrong password, revoked key or token.
  const findings: Finding[] = [];
  if (scheme === 'basic' || scheme === 'digest') {
    findings.push({ cause: 'credentials-rejected', score: 82, evidence: [`${sent.authorizationScheme} credentials were sent and the server asked again: the user name or password was not accepted.`] });
  } else if (!view.bearer?.error) {
    // Without any challenge the server's silence is the stronger clue (see noChallenge).
    const score = view.challenges.length ? 65 : 55;
    findings.push({ cause: 'credentials-rejected', score, evidence: [`A ${quote(sent.authorizationScheme)} credential was sent and refused without an error code.`] });
  }
  return findings;
}

/** Cookies were sent without other credentials: a cookie session the server no longer accepts. */
export function cookieSession(view: RecordView): Finding[] {
  const { record } = view;
  if (record.status !== 401 || !record.sent.cookies || record.sent.authorizationScheme) return [];
  const cleared = record.clearedCookieNames;
  const evidence = [`${record.sent.cookieCount} cookie${record.sent.cookieCount === 1 ? ' was' : 's were'} sent, and no Authorization header.`];
  if (cleared.length) evidence.push(`The server deleted these cookies in its answer: ${cleared.map(quote).join(', ')}.`);
  return [
    { cause: 'session-expired', score: cleared.length ? 86 : 66, evidence },
    { cause: 'stale-cookies', score: cleared.length ? 55 : 48, evidence: ['Old or damaged cookies for this site can keep a session from being recognised.'] },
  ];
}

/** The same request refused again and again although credentials were sent: a sign-in loop. */
export function signInLoop(view: RecordView): Finding[] {
  const { record, siblings } = view;
  const credentialed = record.sent.authorizationScheme !== null || record.sent.cookies;
  if (!credentialed) return [];
  const sameUrl = siblings.filter((r) => r.url === record.url && r.method === record.method);
  const times = sameUrl.reduce((sum, r) => sum + r.count, 0);
  if (times < REPEAT_THRESHOLD) return [];
  return [
    {
      cause: 'sign-in-loop',
      score: 84,
      evidence: [`${record.method} ${quote(record.url)} was refused ${times} times on this page although credentials or cookies were sent.`],
    },
  ];
}
