/**
 * Redaction by name and by shape, one row per shape (URLs, challenge parameters, cookie names,
 * token claims), and bounded work on hostile input: what a page or server sends is cut before it
 * is parsed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { redactChallenge, redactText } from '../../src/capture/redact-text';
import { MAX_URL_INPUT } from '../../src/capture/limits';
import { redactUrl } from '../../src/capture/redact-url';
import { readTokenFacts } from '../../src/capture/token-facts';
import { makeJwt } from '../support/jwt';
import { responseEvent } from '../support/records';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZw';
const SAML = 'fZJNT8Mw+EITvSPwHy3f+Yaq9kWE3cY3b0Q2Y0a9';

describe('redactUrl: secrets by name and by shape', () => {
  it.each([
    ['OAuth state', 'https://idp.example/cb?state=af0ifjsldkj&x=1', 'https://idp.example/cb?state=redacted&x=1'],
    ['SAML RelayState', 'https://sp.example/acs?RelayState=/inbox', 'https://sp.example/acs?RelayState=redacted'],
    ['a short password name', 'https://e.example/login?user=bob&pw=hunter2', 'https://e.example/login?user=redacted&pw=redacted'],
    ['an e-mail address by name', 'https://e.example/?email=alice%40example.org', 'https://e.example/?email=redacted'],
    ['an e-mail address by shape', 'https://e.example/?to=alice%40example.org', 'https://e.example/?to=redacted'],
    ['login_hint', 'https://idp.example/authorize?login_hint=alice', 'https://idp.example/authorize?login_hint=redacted'],
    ['client_secret and id_token', 'https://idp.example/t?client_secret=s&id_token=t', 'https://idp.example/t?client_secret=redacted&id_token=redacted'],
    ['a code nested in redirect_uri', 'https://idp.example/a?redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fcode%3Dsecret42%26lang%3Den', 'https://idp.example/a?redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fcode%3Dredacted%26lang%3Den'],
    ['a SAMLRequest with a literal +', `https://idp.example/sso?SAMLRequest=${SAML}`, 'https://idp.example/sso?SAMLRequest=redacted'],
    ['a base64 value with a literal + under a harmless name', `https://idp.example/sso?blob=${SAML}`, 'https://idp.example/sso?blob=redacted'],
    ['a reset token in the path', 'https://e.example/reset/Xy7kP2mQ9rT4', 'https://e.example/reset/redacted'],
    ['an invite code in the path', 'https://e.example/invite/ab12cd34', 'https://e.example/invite/redacted'],
    ['a random segment anywhere in the path', 'https://e.example/files/9f86d081884c7d659a2feaa0c55ad015/x', 'https://e.example/files/redacted/x'],
    ['a JWT in the path', `https://e.example/verify/${JWT}`, 'https://e.example/verify/redacted'],
    ['a session id in a matrix parameter', 'https://e.example/app;jsessionid=1A2B3C4D5E6F?x=1', 'https://e.example/app;jsessionid=redacted?x=1'],
    ['a card number', 'https://e.example/pay?n=4111111111111111', 'https://e.example/pay?n=redacted'],
  ])('%s', (_shape, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    ['ordinary query values', 'https://e.example/search?q=cats&lang=en&page=2'],
    ['a slug with words and a year', 'https://e.example/blog/how-to-reset-your-password-2024'],
    ['numeric ids', 'https://e.example/users/12345/orders/678'],
    ['a registry scope path', 'https://registry.example/v2/library/alpine/manifests/latest'],
  ])('keeps %s', (_what, input) => {
    expect(redactUrl(input)).toBe(input);
  });
});

describe('redactChallenge and redactText: what a server echoes back', () => {
  it.each([
    ['a token in error_description', `Bearer error="invalid_token", error_description="The access token ${JWT} expired"`, 'Bearer error="invalid_token", error_description="The access token redacted expired"'],
    ['a token parameter', 'Bearer realm="api", token="opaque-value"', 'Bearer realm="api", token="redacted"'],
    ['a code in error_uri', 'Bearer error_uri="https://e.example/help?code=abc123&lang=en"', 'Bearer error_uri="https://e.example/help?code=redacted&lang=en"'],
    ['an unquoted secret parameter', 'Newauth code=abc123xyz, realm=intranet', 'Newauth code=redacted, realm=intranet'],
    ['a Negotiate/NTLM blob', 'Negotiate TlRMTVNTUAACAAAADAAMADgAAAAFgokC', 'Negotiate redacted'],
    ['an e-mail address in a realm', 'Basic realm="Ask alice@example.org for access"', 'Basic realm="Ask redacted for access"'],
    ['an escaped quote stays escaped', 'Bearer realm="a\\"b", error="invalid_token"', 'Bearer realm="a\\"b", error="invalid_token"'],
  ])('%s', (_shape, input, expected) => {
    expect(redactChallenge(input)).toBe(expected);
  });

  it('keeps what the diagnosis reads: scheme, realm, service, scope, error, stale', () => {
    const registry = 'Bearer realm="https://auth.registry.example/token",service="registry.example",scope="repository:library/alpine:pull"';
    expect(redactChallenge(registry)).toBe(registry);
    expect(redactChallenge('Digest realm="Files", nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC", stale=true, qop="auth"')).toBe(
      'Digest realm="Files", nonce="redacted", stale=true, qop="auth"',
    );
  });

  it('redacts URLs, addresses and tokens inside free text', () => {
    expect(redactText(`Call ![t](http://host.example/p.png?t=abcdef1234567890abcdef). Mail bob@example.org, key ${JWT}`)).toBe(
      'Call ![t](http://host.example/p.png?t=redacted). Mail redacted, key redacted',
    );
  });
});

/** Security round 2, class 5: the shapes of class 4 in what a server says. */
describe('redactChallenge and redactText: secrets a server echoes in its words [21.5]', () => {
  it.each([
    ['user:password in error_description', 'Bearer error="invalid_token", error_description="invalid credentials bob:Winter2026!"', 'Bearer error="invalid_token", error_description="invalid credentials redacted"'],
    ['a weaker user:password', 'Basic realm="x", error_description="login bob:hunter2 refused"', 'Basic realm="x", error_description="login redacted refused"'],
    ['a card number with spaces', 'Bearer error="invalid_request", error_description="card 4111 1111 1111 1111 declined"', 'Bearer error="invalid_request", error_description="card redacted declined"'],
    ['a card number with dashes', 'Bearer error_description="card 3782-822463-10005 declined"', 'Bearer error_description="card redacted declined"'],
    ['a 16-character key', 'Bearer error="invalid_client", error_description="unknown key a8F3k2L9q0W8e7R6"', 'Bearer error="invalid_client", error_description="unknown key redacted"'],
    ['a 16-character hex id', 'Bearer error_description="session 9f86d081884c7d65 unknown"', 'Bearer error_description="session redacted unknown"'],
    ['JSON with a secret name', 'Bearer error="invalid_request", error_description="bad body {\\"password\\":\\"hunter2\\",\\"n\\":1}"', 'Bearer error="invalid_request", error_description="bad body {\\"password\\":\\"redacted\\",\\"n\\":1}"'],
    ['name=value with a secret name in other languages', 'Bearer error_description="rejected passwort=Sommer1 senha=abc"', 'Bearer error_description="rejected passwort=redacted senha=redacted"'],
    ['addresses with a display name, several', 'Basic realm="Ask \\"Alice Example\\" <alice@example.org> or bob@example.org"', 'Basic realm="Ask redacted or redacted"'],
    ['a custom-scheme URL', 'Bearer error_uri="myapp://help?code=abc123", error="x"', 'Bearer error_uri="myapp://help?code=redacted", error="x"'],
    ['a protocol-relative URL', 'Bearer error_description="see //login.example/cb?code=abc123 now"', 'Bearer error_description="see //login.example/cb?code=redacted now"'],
    ['an id:secret token', 'Bearer error_description="bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw is blocked"', 'Bearer error_description="bot redacted is blocked"'],
    ['user:pass@host without a scheme', 'Basic realm="proxy bob:Winter2026!@proxy.example"', 'Basic realm="proxy redacted"'],
  ])('%s', (_shape, input, expected) => {
    expect(redactChallenge(input)).toBe(expected);
  });

  it.each([
    ['an ISO time', 'Bearer error="invalid_token", error_description="The token expired at 2026-11-25T10:00:00Z"'],
    ['OAuth scopes with colons', 'Bearer realm="api", scope="read:user repo:status", error="insufficient_scope"'],
    ['a registry scope', 'Bearer realm="https://auth.registry.example/token",service="registry.example",scope="repository:library/alpine:pull,push"'],
    ['a host and port', 'Basic realm="Server 10.0.0.1:8080"'],
    ['a scheme with digits', 'AWS4-HMAC-SHA256 realm="s3"'],
    ['an identity provider code and a time', 'Bearer error_description="IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): \'1/1/2026 10:00:00 AM\'"'],
    ['an audience URI', 'Bearer error_description="AADSTS500011: The resource principal named api://orders-api was not found"'],
  ])('keeps %s', (_what, input) => {
    expect(redactChallenge(input)).toBe(input);
  });

  it('keeps what a server says of itself', () => {
    for (const text of ['Wed, 25 Nov 2026 10:00:00 GMT', 'Apache/2.4.62 (Debian) OpenSSL/3.0.15', 'HTTP/1.1 401 Unauthorized', 'application/json; charset=utf-8', '1.1 proxy.example:3128 (squid/5.7)']) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('a record keeps none of them (status line, Server, Via)', () => {
    const record = buildRefusalRecord(
      responseEvent({
        statusLine: 'HTTP/1.1 401 bad credentials bob:Winter2026!',
        responseHeaders: [
          { name: 'Server', value: 'gw card 4111 1111 1111 1111' },
          { name: 'Via', value: '1.1 a8F3k2L9q0W8e7R6' },
          { name: 'WWW-Authenticate', value: 'Bearer error_description="{\\"senha\\":\\"Sommer1\\"}"' },
        ],
      }),
      null,
      'c',
    );
    expect(JSON.stringify(record)).not.toMatch(/Winter2026|4111 1111|a8F3k2L9q0W8e7R6|Sommer1/);
  });
});

describe('cookie names and token claims', () => {
  it('a Set-Cookie without "=" is a nameless cookie: its text (a value) is never kept', () => {
    const record = buildRefusalRecord(responseEvent({ responseHeaders: [{ name: 'Set-Cookie', value: 'SECRETVALUE; Path=/' }, { name: 'Set-Cookie', value: 'sid=x; Path=/' }] }), null, 'c');
    expect(record.setCookieNames).toEqual(['sid']);
    expect(JSON.stringify(record)).not.toContain('SECRETVALUE');
  });

  it('a secret-shaped cookie name is redacted like a value', () => {
    const record = buildRefusalRecord(responseEvent({ responseHeaders: [{ name: 'Set-Cookie', value: `${JWT}=1; Path=/` }] }), null, 'c');
    expect(record.setCookieNames).toEqual(['redacted']);
  });

  it('e-mail addresses in aud and iss are redacted; hosts are kept', () => {
    const facts = readTokenFacts(makeJwt({ aud: 'alice@example.org', iss: 'bob@example.org', exp: 1 }));
    expect(facts).toMatchObject({ audience: 'redacted', issuerHost: 'redacted', expiresAt: 1 });
    expect(readTokenFacts(makeJwt({ aud: ['orders-api', 'x'], iss: 'https://login.example/tenant' }))).toMatchObject({ audience: 'orders-api', issuerHost: 'login.example' });
  });

  it('server strings (status line, Server, Date, Via) are redacted too', () => {
    const record = buildRefusalRecord(
      responseEvent({ statusLine: `HTTP/1.1 401 token ${JWT}`, responseHeaders: [{ name: 'Server', value: 'gw (admin@example.org)' }, { name: 'Via', value: `1.1 ${JWT}` }] }),
      null,
      'c',
    );
    expect(JSON.stringify(record)).not.toMatch(/eyJhbGci|admin@example/);
  });
});

describe('bounded work on hostile input', () => {
  const RealURL = globalThis.URL;
  afterEach(() => vi.unstubAllGlobals());

  /** Replaces URL with a subclass that records how long each parsed input was. */
  function spyOnUrlParsing(): number[] {
    const lengths: number[] = [];
    vi.stubGlobal(
      'URL',
      class extends RealURL {
        constructor(url: string | URL, base?: string | URL) {
          lengths.push(String(url).length);
          super(url, base);
        }
      },
    );
    return lengths;
  }

  it('a 1.9 MB URL is cut before it is parsed (redaction and the whole record)', () => {
    const huge = `https://e.example/inj?${'a=1&'.repeat(480_000)}`;
    const lengths = spyOnUrlParsing();
    const record = buildRefusalRecord(responseEvent({ url: huge, documentUrl: huge, originUrl: huge, initiator: undefined }), null, 'h');
    expect(record.url.length).toBeLessThanOrEqual(1_000);
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(MAX_URL_INPUT);
  });

  it('a huge challenge or Set-Cookie header is cut before it is cleaned and redacted', () => {
    const calls: number[] = [];
    const realReplace = String.prototype.replace;
    vi.spyOn(String.prototype, 'replace').mockImplementation(function (this: string, ...args: unknown[]) {
      calls.push(this.length);
      return (realReplace as (...a: unknown[]) => string).apply(this, args);
    });
    const record = buildRefusalRecord(
      responseEvent({ responseHeaders: [{ name: 'WWW-Authenticate', value: `Bearer realm="${'R'.repeat(2_000_000)}"` }, { name: 'Set-Cookie', value: `a=${'v'.repeat(2_000_000)}` }] }),
      null,
      'h',
    );
    vi.restoreAllMocks();
    expect(record.challenges[0]!.length).toBeLessThanOrEqual(1_000);
    expect(Math.max(...calls)).toBeLessThanOrEqual(10_000);
  });

  it('a huge bearer token is not decoded', () => {
    const huge = makeJwt({ exp: 1, pad: 'x'.repeat(100_000) });
    expect(readTokenFacts(huge).format).toBe('opaque');
  });
});
