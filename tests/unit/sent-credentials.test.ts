import { describe, expect, it } from 'vitest';
import { authorizationScheme, readRequestFacts } from '../../src/capture/sent-credentials';

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

describe('authorizationScheme', () => {
  it.each([
    ['Basic YWxpY2U6cGFzcw==', 'Basic'],
    ['bearer abc', 'bearer'],
    ['DPoP eyJ...', 'DPoP'],
    ['', 'unknown'],
    ['"quoted" junk', 'unknown'],
    [`${'x'.repeat(100)} abc`, 'unknown'],
    ['SingleTokenWithoutScheme', 'SingleTokenWithoutScheme'],
  ])('%s → %s', (value, expected) => {
    expect(authorizationScheme(value)).toBe(expected);
  });
});
