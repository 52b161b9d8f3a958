import { describe, expect, it } from 'vitest';
import { authorizationScheme, readRequestFacts, sentAuthorization } from '../../src/capture/sent-credentials';

describe('readRequestFacts', () => {
  it('returns null when nothing worth keeping was sent (the common case)', () => {
    expect(readRequestFacts([{ name: 'Accept', value: '*/*' }])).toBeNull();
    expect(readRequestFacts(undefined)).toBeNull();
  });

  it('keeps the Authorization scheme and never the credential', () => {
    const facts = readRequestFacts([{ name: 'Authorization', value: 'Bearer s3cr3t-t0ken' }]);
    expect(facts?.sent).toMatchObject({ observed: true, authorizationScheme: 'Bearer', cookies: false, cookieCount: 0 });
    expect(JSON.stringify(facts)).not.toContain('s3cr3t');
  });

  it('counts cookies without keeping names or values', () => {
    const facts = readRequestFacts([{ name: 'cookie', value: 'session=abc123; theme=dark; ' }]);
    expect(facts?.sent).toMatchObject({ observed: true, authorizationScheme: null, cookies: true, cookieCount: 2 });
    expect(JSON.stringify(facts)).not.toMatch(/session|abc123/);
  });

  it('recognises a CORS preflight by Access-Control-Request-Method', () => {
    expect(readRequestFacts([{ name: 'Access-Control-Request-Method', value: 'PUT' }])?.preflight).toBe(true);
  });
});

describe('authorizationScheme: only `<scheme> <credentials>` with a plausible scheme yields one', () => {
  it.each([
    ['Basic YWxpY2U6cGFzcw==', 'Basic'],
    ['bearer abc', 'bearer'],
    ['DPoP eyJ...', 'DPoP'],
    ['Bearer', 'Bearer'], // a known scheme with nothing after it (a common bug) is still that scheme
    ['Token abc123', 'Token'],
    ['AWS4-HMAC-SHA256 Credential=x', 'AWS4-HMAC-SHA256'],
    ['Custom-Auth v1:abc', 'Custom-Auth'],
    ['', null],
    ['"quoted" junk', null],
    [`${'x'.repeat(100)} abc`, null],
    ['SingleTokenWithoutScheme', null],
    ['sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4', null], // a raw API key: never a "scheme"
    ['sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4 trailing', null],
    ['A1b2C3d4E5f6G7h8I9j0K1 x', null],
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a something', null],
  ])('%s → %s', (value, expected) => {
    expect(authorizationScheme(value)).toBe(expected);
  });

  it('records a raw key as "an Authorization header without a scheme", keeping nothing of it', () => {
    const key = 'sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4';
    const facts = readRequestFacts([{ name: 'Authorization', value: key }]);
    expect(facts?.sent).toMatchObject({ authorizationScheme: null, authorizationWithoutScheme: true, token: null });
    expect(sentAuthorization(facts!.sent)).toBe(true);
    expect(JSON.stringify(facts)).not.toContain('sk_live');
  });
});
