import { describe, expect, it } from 'vitest';
import {
  type CookieDeparture,
  DEPARTURE_MAX_AGE_MS,
  departuresFor,
  MAX_DEPARTURE_DOMAINS,
  MAX_DEPARTURES_PER_DOMAIN,
  noteDeparture,
  readDepartureLog,
} from '../../src/capture/cookie-departures';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const gone = (change: Partial<CookieDeparture> = {}): CookieDeparture => ({ name: 'sid', domain: 'app.example', hostOnly: false, at: NOW, reason: 'expired', ...change });

describe('cookie departures', () => {
  it('keeps the latest departure per name and domain, newest first', () => {
    let log = noteDeparture({}, gone({ at: NOW - 5_000, reason: 'overwrite' }), NOW);
    log = noteDeparture(log, gone({ name: 'remember_me', at: NOW - 3_000 }), NOW);
    log = noteDeparture(log, gone({ at: NOW - 1_000, reason: 'explicit' }), NOW);
    expect(log['app.example']!.map((d) => `${d.name}:${d.reason}`)).toEqual(['sid:explicit', 'remember_me:expired']);
  });

  it('is bounded per domain, in domains (the least recent go) and in time', () => {
    let log = {};
    for (let i = 0; i < MAX_DEPARTURES_PER_DOMAIN + 5; i++) log = noteDeparture(log, gone({ name: `session${i}`, at: NOW - 1000 + i }), NOW);
    expect(log['app.example' as keyof typeof log]).toHaveLength(MAX_DEPARTURES_PER_DOMAIN);
    for (let i = 0; i < MAX_DEPARTURE_DOMAINS + 3; i++) log = noteDeparture(log, gone({ domain: `site${i}.example`, at: NOW + i }), NOW + i);
    expect(Object.keys(log)).toHaveLength(MAX_DEPARTURE_DOMAINS);
    expect(Object.keys(log)).not.toContain('app.example');
    const later = noteDeparture(log, gone({ domain: 'new.example', at: NOW + DEPARTURE_MAX_AGE_MS + 10_000 }), NOW + DEPARTURE_MAX_AGE_MS + 10_000);
    expect(Object.keys(later)).toEqual(['new.example']);
  });

  it('gives the departures a host would have received (host-only cookies of that host, domain cookies of its parents)', () => {
    let log = noteDeparture({}, gone({ domain: 'example.com', hostOnly: false }), NOW);
    log = noteDeparture(log, gone({ name: 'auth', domain: 'www.example.com', hostOnly: true, at: NOW - 10 }), NOW);
    log = noteDeparture(log, gone({ name: 'other_session', domain: 'other.example', at: NOW - 20 }), NOW);
    expect(departuresFor(log, 'api.example.com', NOW).map((d) => d.name)).toEqual(['sid']);
    expect(departuresFor(log, 'www.example.com', NOW).map((d) => d.name)).toEqual(['sid', 'auth']);
  });

  it('drops damaged stored data', () => {
    expect(readDepartureLog('x')).toEqual({});
    expect(readDepartureLog({ 'a.example': [gone(), { name: 1 }, gone({ reason: 'stolen' as 'expired' })], 'b.example': 'x' })).toEqual({ 'a.example': [gone()] });
  });
});
