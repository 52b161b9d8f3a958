/** The middle column (what was sent that answers what the server asked for), on its own. */
import { describe, expect, it } from 'vitest';
import { NOT_OBSERVED, NOTHING_SENT } from '../../src/capture/sent-credentials';
import type { SentCredentials } from '../../src/capture/types';
import { type Answer, answerOf } from '../../src/diagnosis/sign-in-kind';

const record = (sent: Partial<SentCredentials>, extra: { clearedCookieNames?: string[]; answeredOutOfSight?: true } = {}) => ({
  sent: { ...NOTHING_SENT, ...sent },
  clearedCookieNames: extra.clearedCookieNames ?? [],
  ...(extra.answeredOutOfSight ? { answeredOutOfSight: true as const } : {}),
});
const basic = new Set(['basic']);
const site = new Set<string>();

describe('answerOf', () => {
  const cases: Array<[string, ReturnType<typeof record>, ReadonlySet<string>, Answer]> = [
    ['nothing sent to a Basic challenge', record({}), basic, 'nothing'],
    ['cookies sent to a Basic challenge: they do not answer it', record({ cookies: true, cookieCount: 2 }), basic, 'nothing'],
    ['cookies sent to a Basic challenge that cleared a cookie as it refused', record({ cookies: true, cookieCount: 1 }, { clearedCookieNames: ['sid'] }), basic, 'cookies'],
    ['cookies sent to the site sign-in', record({ cookies: true, cookieCount: 1 }), site, 'cookies'],
    ['an Authorization header', record({ authorizationScheme: 'Bearer' }), basic, 'authorization'],
    ['a password Chromium gave out of sight', record({}, { answeredOutOfSight: true }), basic, 'browser'],
    ['headers not seen', record(NOT_OBSERVED), basic, 'unknown'],
    ['cookies hidden by Chrome, site sign-in', record({ cookiesHidden: true }), site, 'unknown'],
    ['cookies hidden by Chrome, Basic: cookies would not answer anyway', record({ cookiesHidden: true }), basic, 'nothing'],
  ];
  it.each(cases)('%s', (_name, given, schemes, expected) => {
    expect(answerOf(given, schemes)).toBe(expected);
  });
});
