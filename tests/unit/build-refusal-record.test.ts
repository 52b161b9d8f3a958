import { describe, expect, it } from 'vitest';
import { buildRefusalRecord, initiatorOf } from '../../src/capture/build-refusal-record';
import { NOTHING_SENT, readRequestFacts } from '../../src/capture/sent-credentials';
import { responseEvent } from '../support/records';

describe('buildRefusalRecord', () => {
  it('keeps the evidence: challenge, server, date, cookie names, what was sent', () => {
    const record = buildRefusalRecord(
      responseEvent({
        url: 'https://app.example/api/me?token=abc&x=1',
        responseHeaders: [
          { name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' },
          { name: 'Server', value: 'nginx/1.25' },
          { name: 'Date', value: 'Wed, 25 Nov 2026 10:00:00 GMT' },
          { name: 'Set-Cookie', value: 'session=; Max-Age=0\nother=value; Path=/' },
        ],
      }),
      { sent: { observed: true, authorizationScheme: 'Bearer', authorizationWithoutScheme: false, cookies: true, cookieCount: 1, token: null, notableHeaders: [] }, preflight: false },
      'a-1',
    );
    expect(record).toMatchObject({
      id: 'a-1',
      status: 401,
      method: 'GET',
      url: 'https://app.example/api/me?token=redacted&x=1',
      challenges: ['Bearer error="invalid_token"'],
      server: 'nginx/1.25',
      date: 'Wed, 25 Nov 2026 10:00:00 GMT',
      setCookieNames: ['session', 'other'],
      sent: { observed: true, authorizationScheme: 'Bearer', authorizationWithoutScheme: false, cookies: true, cookieCount: 1, token: null, notableHeaders: [] },
      recovered: null,
      count: 1,
    });
    expect(JSON.stringify(record)).not.toContain('value');
  });

  it('notes cookies the response deleted and platform hints', () => {
    const record = buildRefusalRecord(
      responseEvent({
        timeStamp: Date.parse('2026-11-25T10:00:00Z'),
        responseHeaders: [
          { name: 'Set-Cookie', value: 'session=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/' },
          { name: 'Set-Cookie', value: 'csrf=; Max-Age=0' },
          { name: 'Set-Cookie', value: 'theme=dark; Max-Age=3600' },
          { name: 'Link', value: '<https://blog.example/wp-json/>; rel="https://api.w.org/"' },
          { name: 'Via', value: '1.1 squid' },
          { name: 'CF-RAY', value: '8a1b2c3d4e5f-AMS' },
          { name: 'DPoP-Nonce', value: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' },
        ],
      }),
      null,
      'x',
    );
    expect(record.setCookieNames).toEqual(['session', 'csrf', 'theme']);
    expect(record.clearedCookieNames).toEqual(['session', 'csrf']);
    expect(record.hints).toEqual({ via: '1.1 squid', poweredBy: null, contentType: null, dpopNonce: true, wordpress: true, platform: 'Cloudflare' });
    expect(JSON.stringify(record)).not.toContain('eyJ7S_zG');
  });

  it('reads Proxy-Authenticate for a 407 and ignores WWW-Authenticate there', () => {
    const record = buildRefusalRecord(
      responseEvent({
        statusCode: 407,
        responseHeaders: [
          { name: 'Proxy-Authenticate', value: 'Basic realm="corp proxy"' },
          { name: 'WWW-Authenticate', value: 'Bearer' },
        ],
      }),
      null,
      'x',
    );
    expect(record.challenges).toEqual(['Basic realm="corp proxy"']);
  });

  it('splits header lines Firefox joins with newlines', () => {
    const record = buildRefusalRecord(responseEvent({ responseHeaders: [{ name: 'www-authenticate', value: 'Negotiate\nNTLM' }] }), null, 'x');
    expect(record.challenges).toEqual(['Negotiate', 'NTLM']);
  });

  it('bounds hostile input: huge values, many lines, control characters', () => {
    const headers = Array.from({ length: 500 }, (_, i) => ({ name: 'WWW-Authenticate', value: `Basic realm="${'x'.repeat(100_000)}\u0000\u001b${i}"` }));
    const cookies = Array.from({ length: 500 }, (_, i) => ({ name: 'Set-Cookie', value: `c${i}=v` }));
    const record = buildRefusalRecord(responseEvent({ responseHeaders: [...headers, ...cookies] }), null, 'x');
    expect(record.challenges.length).toBe(8);
    expect(record.challenges.every((c) => c.length <= 1_000 && !/[\u0000-\u001f]/.test(c))).toBe(true);
    expect(record.setCookieNames.length).toBe(20);
    expect(JSON.stringify(record).length).toBeLessThan(12_000);
  });

  it('flags a CORS preflight from the request facts, or from OPTIONS alone when headers were hidden', () => {
    expect(buildRefusalRecord(responseEvent({ method: 'OPTIONS' }), { sent: { observed: true, authorizationScheme: null, authorizationWithoutScheme: false, cookies: false, cookieCount: 0, token: null, notableHeaders: [] }, preflight: true }, 'x').preflight).toBe(true);
    expect(buildRefusalRecord(responseEvent({ method: 'OPTIONS' }), null, 'x').preflight).toBe(true);
    expect(buildRefusalRecord(responseEvent({ method: 'GET' }), null, 'x').preflight).toBe(false);
  });

  it('says when the request headers were not observed (images, scripts) instead of claiming nothing was sent', () => {
    expect(buildRefusalRecord(responseEvent({ type: 'image' }), null, 'x').sent.observed).toBe(false);
    expect(buildRefusalRecord(responseEvent({ type: 'xmlhttprequest' }), null, 'x').sent).toEqual(NOTHING_SENT);
  });

  it('survives missing headers and status line', () => {
    const record = buildRefusalRecord(responseEvent({ responseHeaders: undefined, statusLine: undefined }), null, 'x');
    expect(record.challenges).toEqual([]);
    expect(record.statusLine).toBe('');
  });
});

describe('initiatorOf', () => {
  it('uses Chrome initiator, else Firefox documentUrl/originUrl', () => {
    expect(initiatorOf({ initiator: 'https://a.example' })).toBe('https://a.example');
    expect(initiatorOf({ documentUrl: 'https://b.example/page?x' })).toBe('https://b.example');
    expect(initiatorOf({ originUrl: 'moz-extension://abc/x' })).toBe(null);
    expect(initiatorOf({})).toBe(null);
  });

  it.each([
    ['the page itself', { type: 'main_frame', url: 'https://x.example/' }, true],
    ['a same-origin fetch of the top frame', { url: 'https://app.example/api' }, true],
    ['a cross-origin fetch without CORS', { url: 'https://api.example/x' }, false],
    ['a cross-origin image, even with CORS', { url: 'https://bank.example/a.png', type: 'image', responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }] }, false],
    ['a request from an iframe', { url: 'https://app.example/api', frameId: 2 }, false],
    ["a proxy's 407 on a sub-resource", { url: 'https://app.example/api', statusCode: 407 }, false],
  ] as const)('readable by the page: %s → %s', (_what, overrides, expected) => {
    expect(buildRefusalRecord(responseEvent(overrides as never), null, 'x').pageReadable).toBe(expected);
  });
});

describe("another origin's refusal is readable by the page only by the CORS rules, in any credentials mode [21.3]", () => {
  const APP = 'https://app.example';
  const cors = (allowOrigin: string | null, allowCredentials: string | null, extra: Array<{ name: string; value: string }> = []) => [
    { name: 'WWW-Authenticate', value: 'Bearer realm="api"' },
    ...(allowOrigin === null ? [] : [{ name: 'Access-Control-Allow-Origin', value: allowOrigin }]),
    ...(allowCredentials === null ? [] : [{ name: 'Access-Control-Allow-Credentials', value: allowCredentials }]),
    ...extra,
  ];
  /** What a request's headers told: `Origin`, `Sec-Fetch-Mode`, cookies, Authorization. */
  const sent = (headers: Array<[string, string]>, cookiesVisible = true) => readRequestFacts(headers.map(([name, value]) => ({ name, value })), cookiesVisible);
  const corsGet: Array<[string, string]> = [['Origin', APP], ['Sec-Fetch-Mode', 'cors']];
  const readable = (responseHeaders: ReturnType<typeof cors>, facts: ReturnType<typeof sent>, overrides: Record<string, unknown> = {}) =>
    buildRefusalRecord(responseEvent({ url: 'https://api.example/me', responseHeaders, ...overrides }), facts, 'x').pageReadable;

  it("the origin and Allow-Credentials: true: readable whatever the call sent (the page reads the 401 itself)", () => {
    expect(readable(cors(APP, 'true'), sent(corsGet))).toBe(true);
    expect(readable(cors(APP, 'true'), sent([...corsGet, ['Cookie', 'sid=1']]))).toBe(true);
    // Plain http: no Sec-Fetch-Mode, but a GET with an Origin is a CORS call.
    expect(readable(cors(APP, 'true'), sent([['Origin', APP]]))).toBe(true);
  });

  it.each([
    ["'*' to a call with cookies", cors('*', null), [...corsGet, ['Cookie', 'sid=1']]],
    ["'*' to a call with Authorization", cors('*', null), [...corsGet, ['Authorization', 'Bearer x']]],
    // credentials: 'include' with nothing to send (signed out) looks like a call without credentials, and still gets a network error.
    ["'*' to a call that sent nothing (its credentials mode is not visible)", cors('*', null), corsGet],
    ["'*' with Allow-Credentials (never valid)", cors('*', 'true'), corsGet],
    ['the origin without Allow-Credentials', cors(APP, null), corsGet],
    ["the origin with Allow-Credentials other than 'true'", cors(APP, 'True'), corsGet],
    ['another origin', cors('https://other.example', 'true'), corsGet],
    ['two Allow-Origin headers', cors(APP, 'true', [{ name: 'Access-Control-Allow-Origin', value: APP }]), corsGet],
    ['two Allow-Origin values joined (Firefox)', cors(`${APP}\n${APP}`, 'true'), corsGet],
  ] as const)('not readable: %s', (_what, responseHeaders, headers) => {
    expect(readable(responseHeaders, sent(headers as Array<[string, string]>))).toBe(false);
  });

  it('not readable when the call was not in CORS mode, or its mode was not seen', () => {
    // A no-cors GET carries no Origin; a no-cors POST does, and says no-cors where Sec-Fetch-Mode is sent.
    expect(readable(cors(APP, 'true'), sent([['Sec-Fetch-Mode', 'no-cors']]))).toBe(false);
    expect(readable(cors(APP, 'true'), sent([['Origin', APP], ['Sec-Fetch-Mode', 'no-cors']]), { method: 'POST' })).toBe(false);
    // Without Sec-Fetch-Mode (plain http) a POST's Origin does not tell the mode.
    expect(readable(cors(APP, 'true'), sent([['Origin', APP]]), { method: 'POST' })).toBe(false);
    // Chrome without extraHeaders shows neither header: nothing to go on.
    expect(readable(cors(APP, 'true'), null)).toBe(false);
    expect(readable(cors(APP, 'true'), sent([['Authorization', 'Bearer x']], false))).toBe(false);
    // After a redirect to another origin the browser sends Origin: null.
    expect(readable(cors('null', 'true'), sent([['Origin', 'null'], ['Sec-Fetch-Mode', 'cors']]))).toBe(false);
  });

  it("a preflight's answer never reaches the page", () => {
    expect(readable(cors(APP, 'true'), sent([...corsGet, ['Access-Control-Request-Method', 'PUT']]), { method: 'OPTIONS' })).toBe(false);
  });
});
