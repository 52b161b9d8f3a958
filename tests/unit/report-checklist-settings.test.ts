import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { addRefusal, createTabLog } from '../../src/capture/tab-log';
import { buildChecklist } from '../../src/view/checklist';
import { diagnose } from '../../src/diagnosis/diagnose';
import { buildCurl } from '../../src/view/curl-command';
import { buildReport } from '../../src/view/report';
import { DEFAULT_SETTINGS, isIgnoredUrl, normalizeHost, normalizeSettings } from '../../src/shared/storage-schema';
import { makeJwt } from '../support/jwt';
import { responseEvent } from '../support/records';
import { en } from '../../dev/i18n';

const TOKEN = makeJwt({ exp: 1_000, sub: 'secret-subject' });

function logWithRefusal() {
  const log = createTabLog(3);
  log.pageUrl = 'http://shop.example/account';
  const record = buildRefusalRecord(
    responseEvent({
      url: "https://api.example/v1/me?access_token=abc&q=it's",
      responseHeaders: [
        { name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"\n' },
        { name: 'Date', value: new Date(1_000_000).toUTCString() },
      ],
    }),
    readRequestFacts([
      { name: 'Authorization', value: `Bearer ${TOKEN}` },
      { name: 'Cookie', value: 'sid=cookie-secret' },
    ]),
    '3-1',
  );
  addRefusal(log, record);
  return log;
}

describe('buildReport and buildCurl', () => {
  it('describe the refusal with placeholders instead of any secret', () => {
    const log = logWithRefusal();
    const report = buildReport(log, diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }), { browser: 'TestBrowser/1', extensionVersion: '0.1.0', now: 0 }, en);
    expect(report).toContain('# 401 Explainer report');
    expect(report).toContain('Authorization: Bearer (value not recorded)');
    expect(report).toContain('access_token=redacted');
    expect(report).toContain('```sh');
    for (const secret of ['cookie-secret', 'secret-subject', ...TOKEN.split('.'), 'abc']) expect(report).not.toContain(secret);
  });

  it('curl for a preflight sends Origin and the preflight header', () => {
    const record = buildRefusalRecord(responseEvent({ method: 'OPTIONS', initiator: 'https://app.example' }), null, 'x');
    const curl = buildCurl(record);
    expect(curl.ok && curl.command).toContain(`-X 'OPTIONS'`);
    expect(curl.ok && curl.command).toContain(`-H 'Origin: https://app.example'`);
  });
});

describe('buildChecklist', () => {
  it('checks what it can by itself and lists the steps of the ranked causes', () => {
    const log = logWithRefusal();
    const checklist = buildChecklist(log, diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }), en);
    const state = Object.fromEntries(checklist.facts.map((f) => [f.id, f.state]));
    expect(state).toMatchObject({ 'credentials-sent': 'yes', https: 'no', proxy: 'unknown', 'same-site': 'no' });
    // A Bearer challenge is never answered by cookies: whether they went is no fact worth a mark.
    expect(state['cookies-sent']).toBeUndefined();
    expect(checklist.steps.length).toBeGreaterThan(0);
    expect(new Set(checklist.steps).size).toBe(checklist.steps.length);
  });

  it("says whether cookies were sent where the sign-in is the site's own (no challenge a header answers)", () => {
    const log = createTabLog(3);
    log.pageUrl = 'https://app.example/';
    log.records = [buildRefusalRecord(responseEvent({ responseHeaders: [] }), readRequestFacts([{ name: 'Cookie', value: 'sid=1' }]), 'r1')];
    const checklist = buildChecklist(log, diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en }), en);
    expect(Object.fromEntries(checklist.facts.map((f) => [f.id, f.state]))['cookies-sent']).toBe('yes');
  });
});

describe('settings schema', () => {
  it('reads settings saved before they had a version (version 0) as the current version', () => {
    expect(normalizeSettings({ showMarker: false, badgeScope: 'main-frame', ignoredSites: ['intranet.example'] })).toEqual({
      version: DEFAULT_SETTINGS.version,
      showMarker: false,
      badgeScope: 'main-frame',
      ignoredSites: ['intranet.example'],
      cookieWatch: false,
    });
  });

  it('the cookie watch is on only when saved exactly as true (consent is never guessed)', () => {
    expect(normalizeSettings({ cookieWatch: true }).cookieWatch).toBe(true);
    for (const value of ['true', 1, null, undefined, {}]) expect(normalizeSettings({ cookieWatch: value }).cookieWatch).toBe(false);
    expect(DEFAULT_SETTINGS.cookieWatch).toBe(false);
  });

  it('falls back to defaults on damaged data', () => {
    expect(normalizeSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ showMarker: 'no', badgeScope: 'x', ignoredSites: [1, 'Example.COM', 'https://a.example/x', '*.b.example', ''] })).toEqual({
      version: 1,
      showMarker: true,
      badgeScope: 'all',
      ignoredSites: ['example.com', 'a.example', 'b.example'],
      cookieWatch: false,
    });
  });

  it.each([
    ['https://www.example.com/path', 'www.example.com'],
    ['example.com', 'example.com'],
    ['not a host at all', null],
    ['', null],
  ])('normalizeHost(%s) → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });

  it('ignores a site and its subdomains, not look-alikes', () => {
    const settings = normalizeSettings({ ignoredSites: ['example.com'] });
    expect(isIgnoredUrl(settings, 'https://example.com/x')).toBe(true);
    expect(isIgnoredUrl(settings, 'https://api.example.com/x')).toBe(true);
    expect(isIgnoredUrl(settings, 'https://notexample.com/x')).toBe(false);
    expect(isIgnoredUrl(settings, 'garbage')).toBe(false);
  });
});
