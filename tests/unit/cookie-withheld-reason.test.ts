import { describe, expect, it } from 'vitest';
import { type CookieRequest, pathMatches, withheldReason, type WithheldReason } from '../../src/diagnosis/cookie-withheld-reason';
import { jarCookie } from '../support/scenarios';

const call = (change: Partial<CookieRequest> = {}): CookieRequest => ({
  url: 'https://app.example/api/me',
  method: 'GET',
  resourceType: 'xmlhttprequest',
  initiator: 'https://app.example',
  topOrigin: 'https://app.example',
  unspecifiedIsLax: true,
  ...change,
});

describe('withheldReason', () => {
  const rows: Array<[string, Parameters<typeof jarCookie>[0], Partial<CookieRequest>, WithheldReason | null]> = [
    ['sent: same site, every rule met', {}, {}, null],
    ['a host-only cookie of another host of the site', { domain: 'www.app.example' }, {}, 'domain'],
    ['a domain cookie of the parent reaches a subdomain', { domain: 'app.example', hostOnly: false }, { url: 'https://api.app.example/me' }, null],
    ['outside its Path', { path: '/admin' }, {}, 'path'],
    ['a Path prefix that is not a segment', { path: '/ap' }, {}, 'path'],
    ['Secure over plain http', {}, { url: 'http://app.example/api/me', initiator: 'http://app.example', topOrigin: 'http://app.example' }, 'secure'],
    ['Secure over http to a loopback address is sent', { domain: '127.0.0.1' }, { url: 'http://127.0.0.1:8080/api', initiator: 'http://127.0.0.1:8080', topOrigin: 'http://127.0.0.1:8080' }, null],
    ['Strict on a link from another site', { sameSite: 'strict' }, { resourceType: 'main_frame', url: 'https://app.example/account', initiator: 'https://mail.example' }, 'same-site-strict'],
    ['Strict on the site itself', { sameSite: 'strict' }, { resourceType: 'main_frame', url: 'https://app.example/account' }, null],
    ['Lax on a link from another site is sent', { sameSite: 'lax' }, { resourceType: 'main_frame', url: 'https://app.example/account', initiator: 'https://mail.example' }, null],
    ['Lax on a form POST from another site', { sameSite: 'lax' }, { resourceType: 'main_frame', method: 'POST', url: 'https://app.example/login', initiator: 'https://mail.example' }, 'same-site-lax'],
    ['no SameSite (Chrome: Lax) in a frame of another site', { sameSite: 'unspecified' }, { resourceType: 'sub_frame', initiator: 'https://shop.example', topOrigin: 'https://shop.example' }, 'same-site-lax'],
    ['no SameSite in Firefox (None) in a frame of another site: third-party blocking', { sameSite: 'unspecified' }, { resourceType: 'sub_frame', initiator: 'https://shop.example', topOrigin: 'https://shop.example', unspecifiedIsLax: false }, 'third-party'],
    ['None inside another site: third-party blocking', {}, { initiator: 'https://shop.example', topOrigin: 'https://shop.example' }, 'third-party'],
    ['a cookie partitioned under another top-level site', { partitionSite: 'shop.example' }, { initiator: 'https://blog.example', topOrigin: 'https://blog.example' }, 'partitioned'],
    ['a cookie partitioned under this top-level site is sent', { partitionSite: 'shop.example' }, { initiator: 'https://shop.example', topOrigin: 'https://www.shop.example' }, null],
    ['a partitioned cookie is not sent to the site in its own tab', { partitionSite: 'shop.example' }, { resourceType: 'main_frame', url: 'https://app.example/' }, 'partitioned'],
    ['http and https of one host are two sites (schemeful)', { sameSite: 'strict', secure: false }, { initiator: 'http://app.example', topOrigin: 'http://app.example' }, 'same-site-strict'],
  ];
  it.each(rows)('%s', (_name, cookie, request, expected) => expect(withheldReason(jarCookie(cookie), call(request))).toBe(expected));

  it('an unreadable address withholds nothing it can name', () => expect(withheldReason(jarCookie(), call({ url: 'not a url' }))).toBeNull());

  it('path-matches as RFC 6265 §5.1.4 says', () => {
    expect(pathMatches('/', '/')).toBe(true);
    expect(pathMatches('/api/me', '/api')).toBe(true);
    expect(pathMatches('/api/me', '/api/')).toBe(true);
    expect(pathMatches('/apix', '/api')).toBe(false);
  });
});
