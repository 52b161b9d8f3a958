import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { describeRefusal } from '../../src/view/describe-refusal';
import { en } from '../../dev/i18n';
import { responseEvent } from '../support/records';

const challenged = (value: string | null, sent: Array<{ name: string; value: string }> = [], status: 401 | 407 = 401) =>
  buildRefusalRecord(
    responseEvent({
      statusCode: status,
      responseHeaders: value === null ? [] : [{ name: status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate', value }],
    }),
    readRequestFacts(sent),
    'x',
  );

describe('describeRefusal: one sentence and the schemes, from one reading of the challenge', () => {
  it('names what was asked for and what was sent', () => {
    expect(describeRefusal(challenged('Bearer realm="a"'), en)).toEqual({
      meaning: 'The server asks for an access token (Bearer), and none were sent.',
      schemes: ['Bearer'],
    });
    const rejected = describeRefusal(challenged('Bearer error="invalid_token"', [{ name: 'Authorization', value: 'Bearer abc' }]), en);
    expect(rejected.meaning).toBe('The server asks for an access token (Bearer); the credentials that were sent were not accepted.');
    // Cookies answer only the site's own sign-in: to a Bearer challenge they are no answer at all.
    expect(describeRefusal(challenged('Bearer', [{ name: 'Cookie', value: 'a=1' }]), en).meaning).toBe('The server asks for an access token (Bearer), and none were sent.');
    expect(describeRefusal(challenged('FormsAuth realm="app"', [{ name: 'Cookie', value: 'a=1' }]), en).meaning).toContain('only cookies were sent');
    expect(describeRefusal(challenged('Custom-Scheme x=1'), en)).toEqual({ meaning: 'The server asks for an unknown sign-in scheme, and none were sent.', schemes: ['an unknown sign-in scheme'] });
  });

  it('never claims nothing was sent where the browser may have added saved credentials itself', () => {
    // Basic, Digest, NTLM and Negotiate credentials from the browser's own cache never show in webRequest.
    for (const challenge of ['Basic realm="a"', 'Digest realm="a", nonce="n"', 'NTLM', 'Negotiate']) {
      const { meaning } = describeRefusal(challenged(challenge), en);
      expect(meaning).toContain('the browser may have sent saved credentials itself, which extensions cannot see');
      expect(meaning).not.toContain('none were sent');
    }
  });

  it('a raw key without a scheme counts as sent', () => {
    const record = challenged('Bearer realm="a"', [{ name: 'Authorization', value: 'sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4' }]);
    expect(describeRefusal(record, en).meaning).toBe('The server asks for an access token (Bearer); the credentials that were sent were not accepted.');
  });

  it('a 401 without challenge, and a proxy 407', () => {
    expect(describeRefusal(challenged(null), en)).toMatchObject({ schemes: [], meaning: expect.stringContaining('did not say how (no WWW-Authenticate header)') });
    expect(describeRefusal(challenged('Basic realm="proxy"', [], 407), en).meaning).toBe(
      'Your proxy server wants you to sign in to it with a user name and password (Basic) before it lets this request through.',
    );
  });
});
