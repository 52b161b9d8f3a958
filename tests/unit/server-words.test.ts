/**
 * What a server or page wrote is never the extension's own words: it reaches our sentences only as
 * a marked quote (quote() → serverParts), which every output sets apart, and it can neither end
 * that quote nor hide characters in it. Checked as a class: a marker placed in every string a
 * server or page controls must come out of diagnose() and the request descriptions only inside
 * quotes, whatever else the string holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import type { HttpHeader } from '../../src/capture/types';
import { visible } from '../../src/capture/visible-text';
import { diagnose } from '../../src/diagnosis/diagnose';
import { plainText, quote, SERVER_CLOSE, SERVER_OPEN, serverParts } from '../../src/diagnosis/evidence-text';
import { describeRefusal } from '../../src/view/describe-refusal';
import { tokenFactsText } from '../../src/view/token-facts-text';
import { catalog, en } from '../../dev/i18n';
import { translatorFor } from '../../src/diagnosis/translate';
import { makeJwt } from '../support/jwt';
import { responseEvent } from '../support/records';
import { NOW } from '../support/scenarios';

/** The marker: lower case (hosts are lower-cased), short enough never to look like a secret. */
const MARK = 'zqx';
const MARKED = /zqx/i;
/** Invisible, bidi and separator characters: Unicode Cf, Zl, Zp, and C0/C1 controls but tab. */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u0000-\u0008\u000a-\u001f\u007f-\u009f]/u;

/** Text around the marker a hostile server would try: closing our quote, our own name, marks, bidi. */
const hostileAround = fc.constantFrom('', '"', '". 401 Explainer checked this site: ', '\u202E', '\u2066', '\u200B', SERVER_OPEN, SERVER_CLOSE, `${SERVER_CLOSE} `, '`', '`` ', ' @x #1 :rocket: ', '\\"');
const markedText = fc.tuple(hostileAround, hostileAround, fc.string({ maxLength: 8 })).map(([before, after, noise]) => `${before}${MARK}${noise}${after}`);
/** A quoted-string value for a challenge parameter (escapes `"` and `\`). */
const asQuoted = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;

const scheme = fc.constantFrom('Bearer', 'Basic', 'Digest', 'DPoP', 'Negotiate', 'NTLM', `${MARK}-Call-Now`, 'HOBA');
const param = fc.tuple(fc.constantFrom('realm', 'error', 'error_description', 'scope', 'acr_values', 'max_age', 'service', 'stale', `${MARK}x`), fc.oneof(markedText, fc.constantFrom('invalid_token', 'insufficient_scope', 'insufficient_user_authentication', 'use_dpop_nonce', 'invalid_request', 'true', 'repository:a/b:pull')));
const challenge = fc.tuple(scheme, fc.array(param, { maxLength: 4 }), fc.boolean()).map(([s, params, broken]) => `${s} ${params.map(([name, value]) => `${name}=${asQuoted(value)}`).join(', ')}${broken ? `, ${MARK}="unclosed` : ''}`);

const response = fc.record({
  status: fc.constantFrom(401 as const, 407 as const),
  url: fc.constantFrom(`https://${MARK}.example/api/${MARK}?q=${MARK}`, `http://shop.example/wp-json/${MARK}`, `https://app.example/api/${MARK}`, `http://${MARK}.example/`),
  type: fc.constantFrom('main_frame', 'xmlhttprequest', 'sub_frame'),
  method: fc.constantFrom('GET', 'OPTIONS', `${MARK.toUpperCase()}`, '#12'),
  initiator: fc.constantFrom(`https://${MARK}.other.example`, 'https://app.example', undefined),
  challenges: fc.array(challenge, { maxLength: 3 }),
  headers: fc.array(
    fc.tuple(fc.constantFrom('Server', 'Via', 'Content-Type', 'Date', 'Set-Cookie', 'X-Powered-By', 'cf-ray'), markedText).map(([name, value]): HttpHeader => ({ name, value: name === 'Set-Cookie' ? `${MARK}${value.replace(/[=;\s]/g, '')}=; Max-Age=0` : value })),
    { maxLength: 5 },
  ),
  statusText: markedText,
});

const request = fc.record({
  authorization: fc.constantFrom(null, 'Bearer', 'Basic YTpi', `${MARK}-Call-Now abc`, 'sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4', 'Token abc'),
  token: fc.record({ aud: fc.oneof(markedText, fc.constantFrom(`${MARK}.billing.example`, `https://${MARK}.reports.example/`)), iss: fc.constantFrom(`https://${MARK}.example/`, `${MARK}.example`), alg: markedText, exp: fc.constantFrom(1, NOW / 1000 + 3600, -8.64e15) }),
  cookies: fc.boolean(),
  redirect: fc.boolean(),
});

type Response = typeof response extends fc.Arbitrary<infer T> ? T : never;
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function recordOf(r: Response, q: Request, count: number) {
  const challengeName = r.status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
  const sent: HttpHeader[] = [];
  if (q.authorization === 'Bearer') sent.push({ name: 'Authorization', value: `Bearer ${makeJwt({ aud: q.token.aud, iss: q.token.iss, exp: q.token.exp }, { alg: q.token.alg })}` });
  else if (q.authorization) sent.push({ name: 'Authorization', value: q.authorization });
  if (q.cookies) sent.push({ name: 'Cookie', value: 'sid=1; theme=dark' });
  const record = buildRefusalRecord(
    responseEvent({
      statusCode: r.status,
      url: r.url,
      type: r.type,
      method: r.method,
      initiator: r.initiator,
      statusLine: `HTTP/1.1 ${r.status} ${r.statusText}`,
      responseHeaders: [...r.challenges.map((value) => ({ name: challengeName, value })), ...r.headers],
    }),
    readRequestFacts(sent),
    `r-${count}`,
  );
  record.count = count;
  record.lastSeen = record.firstSeen + 30_000;
  if (q.redirect) record.redirect = { from: `https://${MARK}.example`, sentAuthorization: true, authorizationScheme: `${MARK}-Call-Now` };
  return record;
}

/** Our words in a sentence: everything but its quotes. */
const ourWords = (sentence: string) =>
  serverParts(sentence)
    .filter((part) => !part.server)
    .map((part) => part.text)
    .join('');

describe("a server's or page's words reach our sentences only as quotes", () => {
  it('a marker in every string they control comes out of diagnose() and the request descriptions only inside quotes, in English and German', () => {
    const de = translatorFor(catalog('de'));
    let quotedMarkers = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(response, request, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 3 }), fc.constantFrom(en, de), (inputs, t) => {
        const records = inputs.map(([r, q, count], i) => recordOf(r, q, count + i));
        const diagnosis = diagnose(records, { now: NOW, pageUrl: `https://${MARK}.example/`, t });
        const sentences = [...diagnosis.causes.flatMap((c) => c.evidence), ...diagnosis.headerProblems, ...records.flatMap((r) => [describeRefusal(r, t).meaning, ...describeRefusal(r, t).schemes])];
        for (const sentence of sentences) {
          expect(ourWords(sentence)).not.toMatch(MARKED);
          for (const part of serverParts(sentence)) {
            expect(part.text).not.toMatch(INVISIBLE);
            if (MARKED.test(part.text)) quotedMarkers++;
          }
        }
        for (const r of records) if (r.sent.token) for (const fact of tokenFactsText(r.sent.token, t)) expect(ourWords(fact)).not.toMatch(MARKED);
      }),
      { numRuns: 400 },
    );
    // The marker did reach the sentences, as quotes.
    expect(quotedMarkers).toBeGreaterThan(400);
  });

  it('a quote cannot be ended, opened or hidden in: any string comes back whole, as one quote, with its invisible characters shown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), markedText), (text) => {
        const parts = serverParts(`We saw ${quote(text)}, then stopped.`);
        expect(parts.map((p) => p.server)).toEqual([false, true, false]);
        expect(parts[1]!.text).toBe(visible(text.length > 200 ? `${text.slice(0, 199)}…` : text));
        expect(parts[1]!.text).not.toMatch(INVISIBLE);
        expect(parts[0]!.text + parts[2]!.text).toBe('We saw , then stopped.');
      }),
      { numRuns: 500 },
    );
    // Length stays capped (MAX_QUOTE).
    expect(serverParts(quote('x'.repeat(10_000)))[0]!.text).toHaveLength(200);
    expect(plainText(`Realm: ${quote('a"b')}.`)).toBe('Realm: "a"b".');
  });
});

describe('invisible and bidi characters are shown, never obeyed', () => {
  it('visible() escapes every Cf, Zl, Zp and control character (tab aside), and is idempotent', () => {
    const samples = '\u00AD\u061C\u180E\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\u2028\u2029\uFEFF\uFFF9\u{E0001}\u{E0041}\u0000\u001B\u007F\u0085\n';
    for (const char of samples) expect(visible(`a${char}b`)).toMatch(/^a\\u(\{[0-9A-F]+\}|[0-9A-F]{4})b$/);
    expect(visible('\u202E')).toBe('\\u202E');
    expect(visible('tab\there')).toBe('tab\there');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const shown = visible(text);
        expect(shown).not.toMatch(INVISIBLE);
        expect(visible(shown)).toBe(shown);
      }),
    );
  });

  it('capture keeps none: challenge, error_description, realm, Server, status line, cookie names, URL and token claims', () => {
    const bidi = '\u202Eevil\u202C\u2066x\u2069\u200B\u2028';
    const record = buildRefusalRecord(
      responseEvent({
        url: `https://app.example/${bidi}?q=${bidi}`,
        statusLine: `HTTP/1.1 401 ${bidi}`,
        responseHeaders: [
          { name: 'WWW-Authenticate', value: `Bearer realm="${bidi}", error="invalid_token", error_description="${bidi}"` },
          { name: 'Server', value: bidi },
          { name: 'Via', value: bidi },
          { name: 'Date', value: bidi },
          { name: 'Set-Cookie', value: `sid${bidi.replace(/\u2028/, '')}=; Max-Age=0` },
        ],
      }),
      readRequestFacts([{ name: 'Authorization', value: `Bearer ${makeJwt({ aud: bidi, iss: `x${bidi}` }, { alg: bidi })}` }]),
      'b',
    );
    const stored = JSON.stringify(record);
    expect(stored).not.toMatch(INVISIBLE);
    expect(stored).toContain('\\\\u202E');
    expect(record.sent.token?.audience).toContain('\\u202E');
  });
});
