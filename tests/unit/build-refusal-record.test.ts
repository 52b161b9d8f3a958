import { describe, expect, it } from 'vitest';
import { buildRefusalRecord, initiatorOf } from '../../src/capture/build-refusal-record';
import { NOTHING_SENT } from '../../src/capture/sent-credentials';
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
    ['a CORS-readable fetch', { url: 'https://api.example/x', responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.example' }] }, true],
    ['a cross-origin fetch without CORS', { url: 'https://api.example/x' }, false],
    ['a cross-origin image, even with CORS', { url: 'https://bank.example/a.png', type: 'image', responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }] }, false],
    ['a request from an iframe', { url: 'https://app.example/api', frameId: 2 }, false],
    ["a proxy's 407 on a sub-resource", { url: 'https://app.example/api', statusCode: 407 }, false],
  ] as const)('readable by the page: %s → %s', (_what, overrides, expected) => {
    expect(buildRefusalRecord(responseEvent(overrides as never), null, 'x').pageReadable).toBe(expected);
  });
});
