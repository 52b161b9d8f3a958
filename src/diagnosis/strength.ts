/**
 * How strongly a refused request points at a cause: the one place scores are set and explained.
 * A cause shows as *Likely* from CLEAR up, *Possible* from HINT up, *Less likely* below.
 * Causes of equal strength rank in the order of `causes/index.ts` (the more specific first).
 */
export const Strength = {
  /** The server or the browser said it outright: an error code, `stale=true`, a 407, a refused preflight, a token past its expiry by the server's clock. */
  SAID: 95,
  /** The facts leave one reading: nothing sent to a sign-in page, the wrong kind of credentials, a session cookie the server just deleted. */
  CLEAR: 85,
  /** It fits what was seen and is the usual reason, but another reading remains. */
  FITS: 75,
  /** One of several explanations that fit. */
  POSSIBLE: 60,
  /** A circumstance worth checking rather than an explanation. */
  HINT: 50,
  /** Barely supported: shown last, for completeness. */
  WEAK: 40,
} as const;

export type Strength = (typeof Strength)[keyof typeof Strength];

/** Likely rests on what was said or unambiguous; possible on circumstance. */
export type Likelihood = 'likely' | 'possible' | 'unlikely';

export function likelihood(strength: number): Likelihood {
  return strength >= Strength.CLEAR ? 'likely' : strength >= Strength.HINT ? 'possible' : 'unlikely';
}
