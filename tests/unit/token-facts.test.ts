import { describe, expect, it } from 'vitest';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { readTokenFacts } from '../../src/capture/token-facts';
import { makeJwt } from '../support/jwt';

describe('readTokenFacts', () => {
  it('reads expiry, validity, issuer host, audience and algorithm from a JWT', () => {
    const token = makeJwt({ exp: 1_800_000_000, nbf: 1_700_000_000, iat: 1_700_000_000, iss: 'https://login.example.com/tenant-123/v2.0', aud: ['api://orders', 'x'], sub: 'alice@example.com' });
    expect(readTokenFacts(token)).toEqual({
      format: 'jwt',
      algorithm: 'RS256',
      expiresAt: 1_800_000_000,
      notBefore: 1_700_000_000,
      issuedAt: 1_700_000_000,
      issuerHost: 'login.example.com',
      audience: 'api://orders',
      audienceCount: 2,
    });
  });

  it('keeps no personal claim (sub, email) and no part of the token', () => {
    const token = makeJwt({ sub: 'alice@example.com', email: 'alice@example.com', exp: 1 });
    const facts = JSON.stringify(readTokenFacts(token));
    expect(facts).not.toContain('alice');
    for (const part of token.split('.')) expect(facts).not.toContain(part);
  });

  it.each([
    ['an opaque token', 'gho_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['garbage with dots', 'a.b.c'],
    ['a JSON array payload', `${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.x`],
    ['empty', ''],
  ])('reports %s as opaque without throwing', (_name, token) => {
    expect(readTokenFacts(token).format).toBe('opaque');
  });

  it('reads UTF-8 claims', () => {
    expect(readTokenFacts(makeJwt({ aud: 'café-api' })).audience).toBe('café-api');
  });
});

describe('token facts at capture', () => {
  it('derives facts from a Bearer header and drops the token', () => {
    const token = makeJwt({ exp: 42 });
    const facts = readRequestFacts([
      { name: 'Authorization', value: `Bearer ${token}` },
      { name: 'X-WP-Nonce', value: 'abc123' },
    ]);
    expect(facts?.sent.token?.expiresAt).toBe(42);
    expect(facts?.sent.notableHeaders).toEqual(['x-wp-nonce']);
    expect(JSON.stringify(facts)).not.toContain(token.split('.')[1]);
    expect(JSON.stringify(facts)).not.toContain('abc123');
  });
});
