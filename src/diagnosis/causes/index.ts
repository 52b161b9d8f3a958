/**
 * Every cause the engine can name, one file each. This list is the registry: CauseId is derived
 * from it, diagnose() runs every cause's rule, and the order here breaks ties between causes of
 * equal strength (the more specific first). A test fails if a file in this folder is missing here
 * or a cause has no test scenario.
 */
import { authDroppedOnRedirect } from './auth-dropped-on-redirect';
import { clockSkew } from './clock-skew';
import { cookieNotSent } from './cookie-not-sent';
import { corsPreflight } from './cors-preflight';
import { credentialsRejected } from './credentials-rejected';
import { digestStale } from './digest-stale';
import { dpopNonce } from './dpop-nonce';
import { endpointPermissions } from './endpoint-permissions';
import { insecureHttp } from './insecure-http';
import { insufficientScope } from './insufficient-scope';
import { noChallenge } from './no-challenge';
import { noCredentials } from './no-credentials';
import { proxyAuth } from './proxy-auth';
import { proxyStripsAuth } from './proxy-strips-auth';
import { registryToken } from './registry-token';
import { seenAfterStart } from './seen-after-start';
import { serverConfig } from './server-config';
import { sessionCookieEnded } from './session-cookie-ended';
import { sessionExpired } from './session-expired';
import { signInLoop } from './sign-in-loop';
import { staleCookies } from './stale-cookies';
import { stepUpRequired } from './step-up-required';
import { thirdParty } from './third-party';
import { thirdPartyCookiesBlocked } from './third-party-cookies-blocked';
import { tokenExpired } from './token-expired';
import { tokenNotYetValid } from './token-not-yet-valid';
import { tokenWrongAudience } from './token-wrong-audience';
import { windowsSignIn } from './windows-sign-in';
import { wordpress } from './wordpress';
import { wrongScheme } from './wrong-scheme';

export const CAUSES = [
  seenAfterStart,
  proxyAuth,
  authDroppedOnRedirect,
  corsPreflight,
  registryToken,
  stepUpRequired,
  dpopNonce,
  insufficientScope,
  clockSkew,
  tokenExpired,
  tokenNotYetValid,
  tokenWrongAudience,
  digestStale,
  windowsSignIn,
  signInLoop,
  credentialsRejected,
  wrongScheme,
  sessionCookieEnded,
  thirdPartyCookiesBlocked,
  cookieNotSent,
  sessionExpired,
  wordpress,
  thirdParty,
  insecureHttp,
  noCredentials,
  noChallenge,
  serverConfig,
  endpointPermissions,
  staleCookies,
  proxyStripsAuth,
] as const;

export type CauseId = (typeof CAUSES)[number]['id'];

export const CAUSE_BY_ID: ReadonlyMap<CauseId, (typeof CAUSES)[number]> = new Map(CAUSES.map((cause) => [cause.id, cause]));
