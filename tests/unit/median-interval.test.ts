import { describe, expect, test } from 'vitest';
import { median, medianInterval } from '../../scripts/page-load-lab';

/** The same pseudo-random values on every run. */
function values(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 48_271) + 11) >>> 0;
    return 1 + (state / 2 ** 32 - 0.5) * 0.4;
  });
}

describe("the bench's 95 % interval on a median (bootstrap)", () => {
  test('holds the median, stays within the values, and is the same on every run', () => {
    const sample = values(32, 7);
    const [low, high] = medianInterval(sample);
    expect(low).toBeLessThanOrEqual(median(sample));
    expect(high).toBeGreaterThanOrEqual(median(sample));
    expect(low).toBeGreaterThanOrEqual(Math.min(...sample));
    expect(high).toBeLessThanOrEqual(Math.max(...sample));
    expect(medianInterval(sample)).toEqual([low, high]);
  });

  test('narrows as rounds are added', () => {
    const width = ([low, high]: [number, number]) => high - low;
    expect(width(medianInterval(values(128, 3)))).toBeLessThan(width(medianInterval(values(8, 3))));
  });

  test('is a point for identical values', () => {
    expect(medianInterval([0.1, 0.1, 0.1])).toEqual([0.1, 0.1]);
  });
});
