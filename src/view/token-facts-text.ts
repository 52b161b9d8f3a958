import type { TokenFacts } from '../capture/token-facts';
import { epochSeconds, isoTime, quote } from '../diagnosis/evidence-text';
import type { Translate } from '../diagnosis/translate';

/**
 * What a JWT said, as short facts ("alg RS256", "exp 2026-11-25T10:00:00.000Z", …); never the token.
 * A page picks its token's claims: each claim it wrote is quoted (set apart, see quote()), and a
 * date no Date can hold (`exp: -8.64e15`), or a value of the wrong type, reads "not a valid date"
 * instead of throwing.
 */
export function tokenFactsText(token: TokenFacts, t: Translate): string[] {
  const time = (seconds: unknown) => {
    const valid = epochSeconds(seconds);
    return valid === null ? t('not_a_valid_date') : isoTime(valid * 1000, t);
  };
  const more = typeof token.audienceCount === 'number' && Number.isSafeInteger(token.audienceCount) && token.audienceCount > 1 ? ` (+${token.audienceCount - 1})` : '';
  return [
    token.algorithm && `alg ${quote(token.algorithm)}`,
    token.expiresAt !== null && token.expiresAt !== undefined && `exp ${time(token.expiresAt)}`,
    token.notBefore !== null && token.notBefore !== undefined && `nbf ${time(token.notBefore)}`,
    token.issuerHost && `iss host ${quote(token.issuerHost)}`,
    token.audience && `aud ${quote(token.audience)}${more}`,
  ].filter((fact): fact is string => typeof fact === 'string');
}
