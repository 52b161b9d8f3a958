import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { diagnose } from '../../src/diagnosis/diagnose';
import { plainText } from '../../src/diagnosis/evidence-text';
import { en } from '../../dev/i18n';
import { bearer, NOW, recordFor, SCENARIOS } from '../support/scenarios';
import { makeJwt } from '../support/jwt';
import { responseEvent } from '../support/records';


describe('diagnose: one scenario per cause', () => {
  it.each(SCENARIOS)('$name → $expectTop', (scenario) => {
    const diagnosis = diagnose([recordFor(scenario)], { now: NOW, pageUrl: scenario.pageUrl ?? 'https://app.example/', t: en });
    expect(diagnosis.causes[0]?.id).toBe(scenario.expectTop);
    if (scenario.evidence) expect(diagnosis.causes[0]!.evidence.map(plainText).join(' ')).toContain(scenario.evidence);
    for (const cause of diagnosis.causes) {
      expect(cause.visitorSteps.length + cause.ownerSteps.length).toBeGreaterThan(0);
      expect(cause.evidence.length).toBeGreaterThan(0);
    }
  });

  it('ranks the supporting causes after the top one: server config hint for Apache Basic', () => {
    const d = diagnose([recordFor(SCENARIOS.at(-1)!)], { now: NOW, pageUrl: null, t: en });
    expect(d.causes.map((c) => c.id)).toContain('server-config');
    expect(d.causes.find((c) => c.id === 'server-config')!.evidence.join(' ')).toContain('.htaccess');
  });

  it('names endpoint permissions as a possibility when the page loaded with the same session', () => {
    const scenario = SCENARIOS.find((s) => s.name.startsWith('one endpoint'))!;
    const d = diagnose([recordFor(scenario)], { now: NOW, pageUrl: scenario.pageUrl!, t: en });
    expect(d.causes.find((c) => c.id === 'endpoint-permissions')?.likelihood).toBe('possible');
  });

  it('flags plain-http Basic sign-in even when another cause ranks first', () => {
    const scenario = SCENARIOS.find((s) => s.name === 'Basic over plain http')!;
    const d = diagnose([recordFor(scenario)], { now: NOW, pageUrl: null, t: en });
    expect(d.causes.find((c) => c.id === 'insecure-http')!.evidence.join(' ')).toContain('password readable');
  });

  it('says when a proxy may have dropped the Authorization header', () => {
    const d = diagnose([recordFor({ name: 'via', challenge: ['Bearer realm="api"'], headers: [{ name: 'Via', value: '1.1 corp-proxy' }], sent: [bearer('t')], expectTop: 'credentials-rejected' })], { now: NOW, pageUrl: null, t: en });
    expect(d.causes.map((c) => c.id)).toContain('proxy-strips-auth');
  });

  it('explains nothing for recovered refusals', () => {
    const record = recordFor(SCENARIOS[0]!);
    record.recovered = { at: NOW + 1, how: 'retry' };
    expect(diagnose([record], { now: NOW, pageUrl: null, t: en })).toEqual({ causes: [], headerProblems: [], considered: 0 });
  });

  it('reports malformed challenges as a server problem, with the parser\'s words', () => {
    const d = diagnose([recordFor({ name: 'bad', challenge: ['Basic realm="unterminated'], expectTop: 'no-credentials' })], { now: NOW, pageUrl: null, t: en });
    expect(d.headerProblems[0]).toContain('no closing quote');
    expect(d.causes.find((c) => c.id === 'server-config')!.evidence.join(' ')).toContain('malformed');
  });

  it('uses "likely" only on strong evidence and says "possible" on thin evidence', () => {
    const strong = diagnose([recordFor(SCENARIOS.find((s) => s.expectTop === 'cors-preflight')!)], { now: NOW, pageUrl: null, t: en });
    expect(strong.causes[0]!.likelihood).toBe('likely');
    const thin = diagnose([recordFor({ name: 'image', event: { type: 'image' }, challenge: ['Basic realm="x"'], expectTop: 'no-credentials' })], { now: NOW, pageUrl: null, t: en });
    expect(thin.causes[0]!.likelihood).toBe('unlikely');
  });
});

describe('diagnose: invalid_token without any token sent', () => {
  it('says the app did not attach its token rather than that credentials were refused', () => {
    const record = buildRefusalRecord(
      responseEvent({ timeStamp: NOW, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }] }),
      readRequestFacts([]),
      'r1',
    );
    const d = diagnose([record], { now: NOW, pageUrl: null, t: en });
    expect(d.causes[0]!.id).toBe('no-credentials');
    expect(d.causes[0]!.evidence.join(' ')).toContain('did not attach its token');
  });
});

describe('diagnose: a token for another service', () => {
  const causesFor = (aud: unknown, url = 'https://api.example/v1/orders', error = ', error="invalid_token"') =>
    diagnose([recordFor({ name: 'aud', event: { url }, challenge: [`Bearer realm="api"${error}`], sent: [bearer(makeJwt({ aud, exp: NOW / 1000 + 3600 }))], expectTop: 'token-wrong-audience' })], { now: NOW, pageUrl: 'https://app.example/', t: en }).causes;
  const named = (aud: unknown, url?: string, error?: string) => causesFor(aud, url, error).some((c) => c.id === 'token-wrong-audience');

  it('is named only when the single audience is a host and not this one, nor its parent or subdomain', () => {
    expect(named('https://billing.example')).toBe(true);
    expect(named('billing.example')).toBe(true);
    expect(named('https://api.example')).toBe(false);
    expect(named('https://example')).toBe(false); // a parent of api.example
    expect(named('https://eu.api.example/v1')).toBe(false); // a subdomain
    expect(named('account')).toBe(false); // Keycloak's default: names no host
    expect(named('api://3f1c-client-id')).toBe(false);
    expect(named(['https://billing.example', 'https://api.example'])).toBe(false); // several: only the first is kept
  });

  it('from a bare host name: likely when the server says invalid_token, possible when it says nothing', () => {
    expect(causesFor('billing.example')[0]?.id).toBe('token-wrong-audience');
    expect(causesFor('billing.example')[0]?.likelihood).toBe('likely');
    expect(causesFor('billing.example', undefined, '').find((c) => c.id === 'token-wrong-audience')?.likelihood).toBe('possible');
  });

  it('from an audience written as a URL (an identifier many providers issue): a hint that never leads on its own', () => {
    for (const error of [', error="invalid_token"', '']) {
      const causes = causesFor('https://reports.example/', undefined, error);
      expect(causes[0]?.id).not.toBe('token-wrong-audience');
      expect(causes.find((c) => c.id === 'token-wrong-audience')?.evidence.join(' ')).toContain('Many providers name an API by such an identifier');
    }
  });

  it('leads, quoting the server, when the server says the audience is wrong; the token confirms it', () => {
    const causes = causesFor('api://other-app', undefined, `, error="invalid_token", error_description="The audience 'api://other-app' is invalid"`);
    expect(causes[0]?.id).toBe('token-wrong-audience');
    expect(causes[0]?.likelihood).toBe('likely');
    expect(causes[0]?.evidence.map(plainText)).toContain(`The server's description: "The audience 'api://other-app' is invalid".`);
    expect(causes[0]?.evidence.map(plainText)).toContain('The token sent names the audience "api://other-app" (its aud claim).');
    expect(causes.map((c) => c.id)).not.toContain('credentials-rejected');
  });
});

describe('diagnose: a refusal whose request was sent before the worker listened', () => {
  const unobserved = (headers: Array<{ name: string; value: string }>) => {
    const record = buildRefusalRecord(responseEvent({ type: 'main_frame', url: 'https://shop.example/account', responseHeaders: headers }), null, 'u');
    return { ...record, sent: { ...record.sent, observed: false } };
  };
  const top = (record: ReturnType<typeof unobserved>) => diagnose([record], { now: NOW, t: en, pageUrl: 'https://shop.example/account' }).causes[0];

  it("the site's own sign-in (no challenge): not signed in leads, saying what was sent is not known", () => {
    const cause = top(unobserved([{ name: 'Content-Type', value: 'text/html' }]));
    expect(cause?.id).toBe('no-credentials');
    expect(cause?.evidence.join(' ')).not.toMatch(/nothing was sent/i);
  });

  it('a Basic challenge: still not signed in first', () => {
    expect(top(unobserved([{ name: 'WWW-Authenticate', value: 'Basic realm="Shop"' }]))?.id).toBe('no-credentials');
  });
});
