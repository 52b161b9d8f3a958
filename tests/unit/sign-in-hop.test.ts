import { describe, expect, it } from 'vitest';
import { pageHop, recogniseHop } from '../../src/capture/sign-in-hop';

const at = 1_000;
const hop = (url: string, extra: { method?: string; status?: number } = {}) => recogniseHop({ url, at, ...extra });

/** Secrets planted in the URLs below: none may survive in a hop. */
const SECRETS = ['SplxlOBeZQQYbYS6WxSbIA', 'af0ifjsldkj', 'n-0S6_WzA2Mj', 'PHNhbWxwOlJlc3BvbnNl', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'alice@example.com', 'xyzSECRET12345abcdef'];

describe('recogniseHop', () => {
  it.each([
    ['OIDC authorize', 'https://login.example/authorize?response_type=code&client_id=app1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid&state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&prompt=none', 'authorize'],
    ['Entra v2 authorize path', 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76&redirect_uri=https://app.example/', 'authorize'],
    ['Keycloak authorize', 'https://kc.example/realms/r/protocol/openid-connect/auth?client_id=app&response_type=code&state=af0ifjsldkj', 'authorize'],
    ['code callback', 'https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj', 'callback'],
    ['error callback', 'https://app.example/cb?error=access_denied&error_description=The+user+denied&state=af0ifjsldkj', 'callback'],
    ['fragment callback', 'https://app.example/cb#error=login_required&state=af0ifjsldkj', 'callback'],
    ['implicit tokens in fragment', 'https://app.example/cb#id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl&state=af0ifjsldkj', 'callback'],
    ['token endpoint', 'https://login.example/oauth2/v2.0/token', 'token'],
    ['Keycloak token endpoint', 'https://kc.example/realms/r/protocol/openid-connect/token', 'token'],
    ['userinfo', 'https://login.example/userinfo', 'userinfo'],
    ['SAML redirect request', 'https://idp.example/sso?SAMLRequest=PHNhbWxwOlJlc3BvbnNl&RelayState=xyzSECRET12345abcdef', 'saml-request'],
    ['SAML redirect response', 'https://sp.example/acs?SAMLResponse=PHNhbWxwOlJlc3BvbnNl&RelayState=xyzSECRET12345abcdef', 'saml-response'],
    ['WS-Fed sign-in', 'https://adfs.example/adfs/ls/?wa=wsignin1.0&wtrealm=urn:app&wctx=xyzSECRET12345abcdef', 'wsfed-signin'],
  ])('%s', (_name, url, kind) => {
    const found = hop(url);
    expect(found?.kind).toBe(kind);
    const kept = JSON.stringify(found);
    for (const secret of SECRETS) expect(kept).not.toContain(secret);
    expect(found!.url).not.toContain('#');
  });

  it.each([
    'https://app.example/',
    'https://app.example/search?q=code&state=open',
    'https://app.example/page?error=1',
    'https://app.example/#section',
    'about:blank',
    'not a url',
    'https://app.example/items?code=42',
  ])('no hop: %s', (url) => {
    expect(hop(url)).toBeNull();
  });

  it('keeps the protocol vocabulary of an authorize request, and no other value', () => {
    const found = hop('https://login.example/authorize?response_type=code%20id_token&client_id=https%3A%2F%2Fapp.example%2Fclient.json&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&prompt=none&response_mode=form_post&login_hint=alice@example.com');
    expect(found).toMatchObject({ kind: 'authorize', protocol: 'oauth', responseType: 'code id_token', prompt: 'none', responseMode: 'form_post', returnHost: 'app.example', clientHost: 'app.example', host: 'login.example' });
    expect(found!.params).toEqual(expect.arrayContaining(['response_type', 'client_id', 'redirect_uri', 'prompt', 'login_hint']));
    expect(JSON.stringify(found)).not.toContain('alice');
    // A value that is not the protocol's word is not kept.
    expect(hop('https://login.example/authorize?response_type=<script>&client_id=a&prompt=evil')).not.toHaveProperty('prompt');
    expect(hop('https://login.example/authorize?response_type=<script>&client_id=a')).not.toHaveProperty('responseType');
  });

  it("reads the provider's error from the query and from the fragment, redacted and cut", () => {
    const query = hop('https://app.example/cb?error=access_denied&error_description=AADSTS50105%3A+user+alice%40example.com+is+not+assigned&error_uri=https%3A%2F%2Fidp.example%2Ferr%3Ftoken%3Dabc&state=x');
    expect(query!.error!.code).toBe('access_denied');
    expect(query!.error!.description).toContain('AADSTS50105');
    expect(query!.error!.description).not.toContain('alice@example.com');
    expect(query!.error!.uri).toContain('idp.example');
    expect(query!.error!.uri).not.toContain('abc');
    const fragment = hop(`https://app.example/cb#error=server_error&error_description=${'x'.repeat(500)}&state=x`);
    expect(fragment).toMatchObject({ kind: 'callback', fromFragment: true, error: { code: 'server_error' } });
    expect(fragment!.error!.description!.length).toBeLessThanOrEqual(200);
  });

  it('keeps method and status, and a plain page hop for any URL', () => {
    expect(hop('https://app.example/cb?code=abc&state=def', { method: 'post', status: 302 })).toMatchObject({ method: 'POST', status: 302 });
    expect(pageHop({ url: 'https://login.example/interaction/Zx9aB3cD4eF5gH6iJ7kL?x=1', at })).toMatchObject({ kind: 'page', host: 'login.example' });
    expect(pageHop({ url: '::', at })).toBeNull();
  });
});
