import { describe, expect, it } from 'vitest';
import { noteDeparture } from '../../src/capture/cookie-departures';
import { type BrowserCookie, CookieMirror, MAX_MIRRORED_COOKIES } from '../../src/capture/cookie-mirror';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const cookie = (change: Partial<BrowserCookie> = {}): BrowserCookie & { value: string } => ({
  name: 'sid',
  value: 'planted-secret-value',
  domain: 'app.example',
  hostOnly: true,
  path: '/',
  secure: true,
  sameSite: 'lax',
  ...change,
});

describe('CookieMirror', () => {
  it('reads what the jar holds for a request, never a value', () => {
    const mirror = new CookieMirror();
    mirror.reset([cookie(), cookie({ name: 'theme' }), cookie({ name: 'remember_me', domain: '.example.com', hostOnly: false }), cookie({ name: 'other_session', domain: 'other.example' })]);
    const facts = mirror.factsFor('https://app.example/api/me?x=1', 'https://shop.example/page', {}, NOW)!;
    expect(facts.topOrigin).toBe('https://shop.example');
    expect(facts.signIn.map((c) => c.name)).toEqual(['sid']);
    expect(facts.others).toBe(1);
    expect(JSON.stringify(facts)).not.toContain('planted-secret-value');
    expect(mirror.factsFor('https://app.example/', null, {}, NOW)!.topOrigin).toBe('https://app.example');
  });

  it('keeps the sign-in cookies of other hosts of the site (a Domain or host mismatch is a reason)', () => {
    const mirror = new CookieMirror();
    mirror.reset([cookie({ domain: 'www.app.example' })]);
    expect(mirror.factsFor('https://api.app.example/me', null, {}, NOW)!.signIn.map((c) => c.domain)).toEqual(['www.app.example']);
  });

  it('reads partitions in both browsers: Chrome and Firefox partition keys, Firefox first-party isolation', () => {
    const mirror = new CookieMirror();
    mirror.reset([cookie({ partitionKey: { topLevelSite: 'https://shop.example' } }), cookie({ name: 'auth', firstPartyDomain: 'blog.example' })]);
    expect(mirror.factsFor('https://app.example/', null, {}, NOW)!.signIn.map((c) => `${c.name}:${c.partitionSite}`)).toEqual(['sid:shop.example', 'auth:blog.example']);
  });

  it("turns a sign-in cookie's removal into a departure with the browser's reason and, when seen set, its lifetime", () => {
    const mirror = new CookieMirror();
    mirror.reset([]);
    expect(mirror.changed({ removed: false, cause: 'explicit', cookie: cookie({ expirationDate: (NOW + 1_800_000) / 1000 }) }, NOW)).toBeNull();
    const expired = mirror.changed({ removed: true, cause: 'expired', cookie: cookie({ expirationDate: (NOW + 1_800_000) / 1000 }) }, NOW + 1_800_500);
    expect(expired).toEqual({ name: 'sid', domain: 'app.example', hostOnly: true, at: NOW + 1_800_000, reason: 'expired', lifetimeSeconds: 1800 });
    expect(mirror.changed({ removed: true, cause: 'explicit', cookie: cookie({ name: 'auth' }) }, NOW)).toMatchObject({ name: 'auth', at: NOW, reason: 'explicit' });
    expect(mirror.changed({ removed: true, cause: 'expired', cookie: cookie({ name: 'theme' }) }, NOW)).toBeNull();
  });

  it('gives the departures that still explain something: not a cookie that came back, but a replaced one', () => {
    const mirror = new CookieMirror();
    mirror.reset([cookie()]);
    let log = noteDeparture({}, { name: 'sid', domain: 'app.example', hostOnly: true, at: NOW - 60_000, reason: 'explicit' }, NOW);
    expect(mirror.factsFor('https://app.example/', null, log, NOW)!.departures).toEqual([]);
    log = noteDeparture(log, { name: 'sid', domain: 'app.example', hostOnly: true, at: NOW - 30_000, reason: 'overwrite' }, NOW);
    expect(mirror.factsFor('https://app.example/', null, log, NOW)!.departures.map((d) => d.reason)).toEqual(['overwrite']);
  });

  it('counts a sign-in cookie past its expiry that the browser has not reported yet as expired', () => {
    const mirror = new CookieMirror();
    mirror.reset([cookie({ expirationDate: (NOW - 4_000) / 1000 })]);
    const facts = mirror.factsFor('https://app.example/', null, {}, NOW)!;
    expect(facts.signIn).toEqual([]);
    expect(facts.departures).toEqual([{ name: 'sid', domain: 'app.example', hostOnly: true, at: NOW - 4_000, reason: 'expired' }]);
  });

  it('is bounded: the oldest changes go first', () => {
    const mirror = new CookieMirror();
    mirror.reset(Array.from({ length: MAX_MIRRORED_COOKIES + 10 }, (_, i) => cookie({ name: `c${i}` })));
    expect(mirror.size).toBe(MAX_MIRRORED_COOKIES);
    mirror.changed({ removed: false, cause: 'explicit', cookie: cookie({ name: 'newest_session' }) }, NOW);
    expect(mirror.size).toBe(MAX_MIRRORED_COOKIES);
    expect(mirror.factsFor('https://app.example/', null, {}, NOW)!.signIn.map((c) => c.name)).toContain('newest_session');
  });
});
