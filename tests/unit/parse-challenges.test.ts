import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../src/diagnosis/parse-challenges';
import { CHALLENGE_FIXTURES } from '../fixtures/challenges';

describe('parseChallenges: real-world corpus', () => {
  it('has at least 60 real-world shapes', () => {
    expect(CHALLENGE_FIXTURES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CHALLENGE_FIXTURES)('$source', ({ header, expected, problems = 0 }) => {
    const parsed = parseChallenges(header);
    expect(parsed.challenges.map((c) => (c.token68 === null ? [c.scheme, c.params] : [c.scheme, c.params, c.token68]))).toEqual(expected);
    expect(parsed.challenges.every((c) => c.schemeKey === c.scheme.toLowerCase())).toBe(true);
    expect(parsed.problems).toHaveLength(problems);
  });
});

describe('parseChallenges: never throws, never loops', () => {
  const headerChars = fc.constantFrom(...'Basic Bearer realm = " \\ , ; \t = abc = == "x" NTLM Negotiate error'.split(''), 'é', '\u0000', '\n');
  const headerish = fc.array(headerChars, { maxLength: 200 }).map((chars) => chars.join(''));

  it('on random header-like strings', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(headerish, fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 })), { maxLength: 5 }), (values) => {
        const parsed = parseChallenges(values);
        expect(parsed.challenges.length).toBeLessThanOrEqual(64);
        expect(parsed.problems.length).toBeLessThanOrEqual(20);
        for (const challenge of parsed.challenges) {
          expect(challenge.scheme.length).toBeGreaterThan(0);
          expect(typeof challenge.params).toBe('object');
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('bounds thousands of challenges in one header and stays fast', () => {
    const huge = Array.from({ length: 5_000 }, (_, i) => `Basic realm="r${i}"`).join(', ');
    const started = performance.now();
    const parsed = parseChallenges([huge]);
    expect(parsed.challenges).toHaveLength(64);
    expect(parsed.problems).toContainEqual({ key: 'problem_challenges_capped', args: ['64'] });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('ignores values that are not strings', () => {
    expect(parseChallenges([undefined as unknown as string, 'Basic'])).toEqual({ challenges: [{ scheme: 'Basic', schemeKey: 'basic', params: {}, token68: null }], problems: [] });
  });
});
