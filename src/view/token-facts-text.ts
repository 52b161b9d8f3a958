import type { TokenFacts } from '../capture/token-facts';

/** What a JWT said, as short facts ("alg RS256", "exp 2026-11-25T10:00:00.000Z", …); never the token. */
export function tokenFactsText(token: TokenFacts): string[] {
  const time = (seconds: number) => new Date(seconds * 1000).toISOString();
  return [
    token.algorithm && `alg ${token.algorithm}`,
    token.expiresAt !== null && `exp ${time(token.expiresAt)}`,
    token.notBefore !== null && `nbf ${time(token.notBefore)}`,
    token.issuerHost && `iss host ${token.issuerHost}`,
    token.audience && `aud ${token.audience}${token.audienceCount > 1 ? ` (+${token.audienceCount - 1})` : ''}`,
  ].filter((fact): fact is string => typeof fact === 'string');
}
