/**
 * A page chooses its token's claims and a server its headers: a JWT with `exp: -8.64e15` (outside
 * what a Date can hold) once left the developer view empty and made "Copy a report" copy nothing.
 * Every view model and diagnose() must take any record (hostile token facts included, and values
 * of the wrong type from a stale or tampered storage) and never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { createTabLog } from '../../src/capture/tab-log';
import type { TokenFacts } from '../../src/capture/token-facts';
import type { RefusalRecord, TabLog } from '../../src/capture/types';
import { diagnose } from '../../src/diagnosis/diagnose';
import { utcTime } from '../../src/diagnosis/evidence-text';
import { buildChecklist } from '../../src/view/checklist';
import { buildCurl } from '../../src/view/curl-command';
import { describeRefusal } from '../../src/view/describe-refusal';
import { markerView } from '../../src/view/marker-view';
import { markerStatus, warnings } from '../../src/view/page-status';
import { buildReport } from '../../src/view/report';
import { tokenFactsText } from '../../src/view/token-facts-text';
import { en } from '../../dev/i18n';
import { makeJwt } from '../support/jwt';
import { NOW, recordFor } from '../support/scenarios';

/** Numbers a claim or a header can carry, the ones no Date can hold among them. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-8.64e15, 8.64e15, 8.64e15 + 1, -8.64e18, 8.64e12 + 1, 1e300, -1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, NOW / 1000),
);
/** What a stale or tampered storage may hold where a number belongs. */
const wrongType = fc.constantFrom<unknown>('soon', '', null, undefined, {}, [], true, '1e999', 12n.toString());
const claimNumber = fc.oneof(fc.constant(null), anyNumber, wrongType) as fc.Arbitrary<number | null>;
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('expired". 401 Explainer checked this site: your account is suspended.', '\u202Ehttps://evil.example\u202C', '`', '```', '@maintainers #12 :rocket:', '<img src=x>', '\uE000', '\uE001'),
);
const maybeText = fc.option(text, { nil: null });

const tokenFacts: fc.Arbitrary<TokenFacts> = fc.record({
  format: fc.constantFrom('jwt' as const, 'opaque' as const),
  algorithm: maybeText,
  expiresAt: claimNumber,
  notBefore: claimNumber,
  issuedAt: claimNumber,
  issuerHost: maybeText,
  audience: maybeText,
  audienceCount: fc.oneof(anyNumber, wrongType) as fc.Arbitrary<number>,
});

const challenge = fc.oneof(text, fc.constantFrom('Bearer realm="api", error="invalid_token", error_description="expired"', 'Basic realm="x"', 'Negotiate', 'Digest stale=true', 'Please-call-0800-123-to-unlock realm="x"'));

const record: fc.Arbitrary<RefusalRecord> = fc.record({
  id: fc.string({ maxLength: 6 }),
  requestId: fc.string({ maxLength: 6 }),
  firstSeen: anyNumber,
  lastSeen: anyNumber,
  count: anyNumber,
  status: fc.constantFrom(401 as const, 407 as const),
  statusLine: text,
  method: fc.oneof(fc.constantFrom('GET', 'OPTIONS', 'POST'), text),
  url: fc.oneof(fc.webUrl({ withQueryParameters: true }), text),
  resourceType: fc.oneof(fc.constantFrom('main_frame', 'xmlhttprequest', 'image'), text),
  frameId: anyNumber,
  initiator: fc.oneof(fc.constant(null), fc.webUrl(), text),
  pageReadable: fc.boolean(),
  preflight: fc.boolean(),
  challenges: fc.array(challenge, { maxLength: 3 }),
  server: maybeText,
  date: fc.oneof(maybeText, fc.constantFrom('Tue, 01 Jan 275760 00:00:00 GMT', 'Sat, 13 Sep 275760 00:00:01 GMT', new Date(NOW).toUTCString())),
  sent: fc.record({
    observed: fc.boolean(),
    authorizationScheme: fc.oneof(fc.constant(null), fc.constantFrom('Bearer', 'Basic', 'DPoP'), text),
    authorizationWithoutScheme: fc.boolean(),
    cookies: fc.boolean(),
    cookieCount: anyNumber,
    token: fc.option(tokenFacts, { nil: null }),
    notableHeaders: fc.array(text, { maxLength: 2 }),
  }),
  setCookieNames: fc.array(text, { maxLength: 3 }),
  clearedCookieNames: fc.array(text, { maxLength: 2 }),
  hints: fc.record({ via: maybeText, poweredBy: maybeText, contentType: maybeText, dpopNonce: fc.boolean(), wordpress: fc.boolean(), platform: maybeText }),
  attributedByInitiator: fc.boolean(),
  redirect: fc.option(fc.record({ from: text, sentAuthorization: fc.boolean(), authorizationScheme: maybeText }), { nil: undefined }),
  recovered: fc.option(fc.record({ at: anyNumber, how: fc.constantFrom('same-request' as const, 'retry' as const) }), { nil: null }),
});

function logOf(records: RefusalRecord[], pageUrl: string | null): TabLog {
  const log = createTabLog(3);
  log.pageUrl = pageUrl;
  log.records = records;
  log.total = records.length;
  return log;
}

/** Every view the popup, the report and the marker build from a tab's records. */
function everyView(log: TabLog, now: number, browser = 'Chromium'): string {
  const diagnosis = diagnose(log.records, { now, pageUrl: log.pageUrl, t: en });
  const report = buildReport(log, diagnosis, { browser, extensionVersion: '0.1.0', now }, en);
  const checklist = buildChecklist(log, diagnosis, en);
  const parts = [report, ...checklist.steps, ...checklist.facts.map((f) => f.label)];
  for (const r of log.records) {
    parts.push(describeRefusal(r, en).meaning);
    const curl = buildCurl(r);
    parts.push(curl.ok ? curl.command : curl.reason);
    if (r.sent.token) parts.push(...tokenFactsText(r.sent.token, en));
  }
  parts.push(markerView(markerStatus(log), true, en, 'id').text, String(warnings(log).length));
  return parts.join('\n');
}

describe('view models on hostile records never throw', () => {
  it('a JWT whose exp or nbf no Date can hold, or that is not a number: every view, and "not a valid date" where its date goes', () => {
    for (const claims of [{ exp: -8.64e15 }, { exp: 8.64e15 }, { exp: 1e300, nbf: -1e300 }, { exp: 'soon', nbf: 'later' }, { exp: 8.64e12 + 1 }]) {
      const base = recordFor({ name: 'hostile token', challenge: ['Bearer realm="api", error="invalid_token"'], sent: [{ name: 'Authorization', value: `Bearer ${makeJwt(claims)}` }], expectTop: 'token-expired' });
      const log = logOf([base], 'https://app.example/');
      const all = everyView(log, NOW);
      expect(all).toContain(`# ${en('report_title')}`);
      expect(all).not.toMatch(/Invalid Date|NaN|Infinity/);
    }
    // A stored token whose claim is of the wrong type (storage is not trusted to hold what the type says).
    const stale = recordFor({ name: 'stale', challenge: ['Bearer realm="api"'], sent: [{ name: 'Authorization', value: `Bearer ${makeJwt({ exp: 1 })}` }], expectTop: 'token-expired' });
    stale.sent.token = { ...stale.sent.token!, expiresAt: 'soon' as unknown as number, notBefore: -8.64e15 };
    expect(tokenFactsText(stale.sent.token, en)).toEqual(expect.arrayContaining([`exp ${en('not_a_valid_date')}`, `nbf ${en('not_a_valid_date')}`]));
    expect(everyView(logOf([stale], null), NOW)).toContain(en('not_a_valid_date'));
  });

  it('a date outside what a Date can hold reads "not a valid date"', () => {
    for (const seconds of [-8.64e15, 8.64e12 + 1, Number.NaN, Number.POSITIVE_INFINITY]) expect(utcTime(seconds, en)).toBe(en('not_a_valid_date'));
    expect(utcTime(NOW / 1000, en)).toBe('2026-11-25 10:00 UTC');
  });

  it('arbitrary records, token facts, times and page URLs: diagnose(), the report, checklist, refusal text, curl line, token facts and marker', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), fc.option(fc.oneof(fc.webUrl(), text), { nil: null }), anyNumber, text, (records, pageUrl, now, browser) => {
        const all = everyView(logOf(records, pageUrl), now, browser);
        expect(all).toContain(`# ${en('report_title')}`);
      }),
      { numRuns: 400 },
    );
  });

  it('token facts read from any claims a page can send never throw in any view', () => {
    const claim = fc.oneof(anyNumber, text, fc.constant(null), fc.array(text, { maxLength: 2 }));
    fc.assert(
      fc.property(fc.record({ exp: claim, nbf: claim, iat: claim, iss: claim, aud: claim }), fc.record({ alg: claim }), (payload, header) => {
        const jwt = makeJwt(payload, header);
        const base = recordFor({ name: 'fuzzed token', challenge: ['Bearer realm="api"'], expectTop: 'no-credentials' });
        const record = { ...base, sent: readRequestFacts([{ name: 'Authorization', value: `Bearer ${jwt}` }])!.sent };
        expect(everyView(logOf([record], 'https://app.example/'), NOW)).toContain(`# ${en('report_title')}`);
      }),
      { numRuns: 300 },
    );
  });
});
