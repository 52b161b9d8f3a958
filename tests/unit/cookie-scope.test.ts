import { describe, expect, it } from 'vitest';
import { hostReceives, sharedWith } from '../../src/view/cookie-scope';

describe('which cookies a host receives (what "Clear for this site" deletes)', () => {
  it.each([
    ['its own host-only cookie', 'evil.bank.example', { domain: 'evil.bank.example', hostOnly: true }, true],
    ["a parent's domain cookie", 'evil.bank.example', { domain: '.bank.example', hostOnly: false }, true],
    ["the parent's host-only cookie", 'evil.bank.example', { domain: 'bank.example', hostOnly: true }, false],
    ["a sibling's host-only cookie", 'evil.bank.example', { domain: 'mail.bank.example', hostOnly: true }, false],
    ["a sibling's domain cookie", 'evil.bank.example', { domain: '.mail.bank.example', hostOnly: false }, false],
    ['a look-alike domain', 'evil.bank.example', { domain: '.ank.example', hostOnly: false }, false],
    ['case does not matter', 'Evil.Bank.Example', { domain: '.BANK.example', hostOnly: false }, true],
  ])('%s', (_what, host, cookie, expected) => {
    expect(hostReceives(host, cookie)).toBe(expected);
  });

  it('names the parent domains whose sites also lose their cookies', () => {
    const cookies = [
      { domain: 'evil.bank.example', hostOnly: true },
      { domain: '.bank.example', hostOnly: false },
      { domain: '.evil.bank.example', hostOnly: false },
      { domain: 'bank.example', hostOnly: false },
    ];
    expect(sharedWith('evil.bank.example', cookies)).toEqual(['bank.example']);
    expect(sharedWith('evil.bank.example', [{ domain: 'evil.bank.example', hostOnly: true }])).toEqual([]);
  });
});
