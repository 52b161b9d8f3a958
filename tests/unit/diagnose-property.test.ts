import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import type { RefusalRecord } from '../../src/capture/types';
import { CAUSES } from '../../src/diagnosis/causes';
import { diagnose } from '../../src/diagnosis/diagnose';
import { en } from '../../dev/i18n';
import { parseChallenges } from '../../src/diagnosis/parse-challenges';
import { signInKind } from '../../src/diagnosis/sign-in-kind';
import { NOW, recordFor, SCENARIOS, type Scenario } from '../support/scenarios';

const headerName = fc.constantFrom('WWW-Authenticate', 'Proxy-Authenticate', 'Date', 'Server', 'Set-Cookie', 'Via', 'Link', 'X-Powered-By', 'cf-ray', 'DPoP-Nonce', 'Content-Type');
const requestHeaderName = fc.constantFrom('Authorization', 'Cookie', 'X-WP-Nonce', 'Access-Control-Request-Method', 'DPoP', 'Accept');
const anyText = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('Bearer error="invalid_token"', 'Basic realm="x"', 'Digest stale=true', 'Negotiate', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.x', 'sid=; Max-Age=0', 'Thu, 01 Jan 1970 00:00:00 GMT'));

const event = fc.record({
  requestId: fc.string({ maxLength: 8 }),
  url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 50 })),
  method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'PUT', 'x'),
  type: fc.constantFrom('main_frame', 'sub_frame', 'xmlhttprequest', 'image', 'script', 'other'),
  frameId: fc.integer({ min: -1, max: 5 }),
  tabId: fc.integer({ min: -1, max: 5 }),
  timeStamp: fc.double({ min: 0, max: 4e12, noNaN: true }),
  statusCode: fc.constantFrom(401 as const, 407 as const),
  initiator: fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), { nil: undefined }),
  responseHeaders: fc.array(fc.record({ name: headerName, value: anyText }), { maxLength: 8 }),
});

describe('diagnose on arbitrary records', () => {
  it('always returns a well-formed, ranked result and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(event, fc.array(fc.record({ name: requestHeaderName, value: anyText }), { maxLength: 4 }), fc.boolean(), fc.integer({ min: 1, max: 50 })), { maxLength: 6 }),
        fc.option(fc.webUrl(), { nil: null }),
        (inputs, pageUrl) => {
          const records = inputs.map(([e, sent, recovered, count], i) => {
            const record = buildRefusalRecord(e, readRequestFacts(sent), `r${i}`);
            record.count = count;
            if (recovered) record.recovered = { at: e.timeStamp, how: 'retry' };
            return record;
          });
          const result = diagnose(records, { now: Date.now(), pageUrl, t: en });
          expect(result.considered).toBe(records.filter((r) => !r.recovered).length);
          for (let i = 0; i < result.causes.length; i++) {
            const cause = result.causes[i]!;
            expect(CAUSES.map((c) => c.id as string)).toContain(cause.id);
            expect(cause.title).not.toMatch(/^cause_/); // every title has a message
            expect(cause.score).toBeGreaterThanOrEqual(0);
            expect(cause.score).toBeLessThanOrEqual(100);
            expect(cause.evidence.length).toBeGreaterThan(0);
            expect(cause.recordIds.length).toBeGreaterThan(0);
            if (i > 0) expect(cause.score).toBeLessThanOrEqual(result.causes[i - 1]!.score);
          }
          if (result.considered === 0) expect(result.causes).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the first answer does not depend on cookies a challenge never asked for', () => {
  // A scenario whose challenge asks for a header credential (Basic, Digest, Bearer …), where the server deleted no cookie.
  const headerSignIn = SCENARIOS.filter((s) => {
    const record = recordFor(s);
    return signInKind(new Set(parseChallenges(record.challenges).challenges.map((c) => c.schemeKey))) === 'header' && !record.sent.cookies && record.clearedCookieNames.length === 0;
  });
  const first = (record: RefusalRecord, s: Scenario) => {
    const [top] = diagnose([record], { now: NOW, pageUrl: s.pageUrl ?? 'https://app.example/', t: en }).causes;
    return { cause: top?.id, fix: top?.fixes[0] };
  };
  /** The scenario's record as Chrome gives it without `extraHeaders`: the Cookie header hidden. */
  const cookiesHidden = (s: Scenario) => {
    const record = recordFor(s);
    const facts = readRequestFacts(s.sent ?? [], false) ?? readRequestFacts([{ name: 'Accept', value: '*/*' }], false);
    return { ...record, sent: facts?.sent ?? { ...record.sent, cookiesHidden: true as const } };
  };

  it('covers the scenarios it is about', () => {
    expect(headerSignIn.length).toBeGreaterThan(15);
  });

  it.each(headerSignIn.map((s) => [s.name, s] as const))('%s: the same first cause and fix with unrelated cookies, with none, and with cookies hidden', (_name, s) => {
    const plain = first(recordFor(s), s);
    const unrelated = fc.sample(fc.integer({ min: 1, max: 40 }), 1)[0]!;
    const withCookies = first(recordFor({ ...s, sent: [...(s.sent ?? []), { name: 'Cookie', value: Array.from({ length: unrelated }, (_, i) => `c${i}=v`).join('; ') }] }), s);
    expect(withCookies).toEqual(plain);
    expect(first(cookiesHidden(s), s)).toEqual(plain);
  });
});
