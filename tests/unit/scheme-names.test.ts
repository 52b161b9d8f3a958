/**
 * A challenge's scheme is whatever token the server writes: `WWW-Authenticate:
 * Please-call-0800-123-to-unlock realm="x"` must not read as "the server asks for the
 * Please-call-0800-123-to-unlock scheme". Schemes are named from a list (the IANA registry, NTLM,
 * Kerberos and the vendor schemes the code knows); anything else is "an unknown sign-in scheme",
 * and its raw value shows only in the raw challenge and the developer view.
 */
import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { readRequestFacts } from '../../src/capture/sent-credentials';
import { diagnose } from '../../src/diagnosis/diagnose';
import { describeRefusal } from '../../src/view/describe-refusal';
import { buildReport } from '../../src/view/report';
import { createTabLog } from '../../src/capture/tab-log';
import { en } from '../../dev/i18n';
import { responseEvent } from '../support/records';

const HOSTILE = 'Please-call-0800-123-to-unlock';

function refused(challenges: string[], sent: Array<{ name: string; value: string }> = [], status: 401 | 407 = 401, type = 'xmlhttprequest') {
  const name = status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
  return buildRefusalRecord(responseEvent({ statusCode: status, type, responseHeaders: challenges.map((value) => ({ name, value })) }), readRequestFacts(sent), 'x');
}

/** Every sentence of ours about the record: its meaning, the schemes listed, every cause's evidence and title. */
function ourWords(record: ReturnType<typeof refused>): string {
  const { meaning, schemes } = describeRefusal(record, en);
  const diagnosis = diagnose([record], { now: 0, pageUrl: 'https://app.example/', t: en });
  return [meaning, ...schemes, ...diagnosis.causes.flatMap((c) => [c.title, ...c.evidence])].join('\n');
}

describe('scheme names come from a list, never from the server', () => {
  it.each([
    ['a hostile scheme alone', [`${HOSTILE} realm="x"`], [], 401],
    ['beside Basic', [`${HOSTILE} realm="x"`, 'Basic realm="y"'], [], 401],
    ['with a wrong scheme sent', [`${HOSTILE} realm="x"`], [{ name: 'Authorization', value: 'Token abc' }], 401],
    ['with a raw key sent', [`${HOSTILE} realm="x"`], [{ name: 'Authorization', value: 'sk_live_51Hx9aKJ2eZvKYlo2C0a1b2c3d4' }], 401],
    ['from a proxy', [`${HOSTILE} realm="x"`], [], 407],
  ] as const)('%s: "an unknown sign-in scheme", and the raw value only in the raw challenge', (_name, challenges, sent, status) => {
    const record = refused([...challenges], [...sent], status);
    const words = ourWords(record);
    expect(words).toContain('an unknown sign-in scheme');
    expect(words).not.toMatch(/Please|0800/);
    // The raw challenge keeps it (the report's WWW-Authenticate line, the popup's "Raw challenge").
    expect(record.challenges.join('\n')).toContain(HOSTILE);
    const report = buildReport({ ...createTabLog(1), records: [record] }, diagnose([record], { now: 0, pageUrl: null, t: en }), { browser: 'b', extensionVersion: '0', now: 0 }, en);
    const withIt = report.split('\n').filter((line) => line.includes(HOSTILE));
    expect(withIt).toHaveLength(1);
    expect(withIt[0]).toMatch(/^- (WWW|Proxy)-Authenticate: `/);
  });

  it('known schemes by their registered names, whatever case the server used', () => {
    expect(describeRefusal(refused(['hoba challenge="x", max-age="10"']), en).schemes).toEqual(['HOBA']);
    expect(describeRefusal(refused(['aws4-hmac-sha256 x=1']), en).schemes).toEqual(['AWS4-HMAC-SHA256']);
    expect(describeRefusal(refused(['SCRAM-SHA-256 realm="x"', 'ntlm']), en).schemes).toEqual(['SCRAM-SHA-256', 'NTLM']);
    expect(describeRefusal(refused(['hoba challenge="x"']), en).meaning).toBe('The server asks for the HOBA scheme, and none were sent.');
    expect(describeRefusal(refused(['bEaReR realm="a"']), en).meaning).toBe('The server asks for an access token (Bearer), and none were sent.');
    expect(ourWords(refused(['NEGOTIATE'], [], 401, 'main_frame'))).toContain('The server asks for Windows sign-in: Negotiate.');
  });
});
