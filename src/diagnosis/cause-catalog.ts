import type { CauseId } from './types';

export interface CauseText {
  title: string;
  /** What the person who hit the 401 can do. */
  visitor: string[];
  /** What the site's owner or developer should check. */
  owner: string[];
}

/** Plain-language title and steps for every cause; the rules supply the evidence. */
export const CAUSES: Record<CauseId, CauseText> = {
  'proxy-auth': {
    title: 'Your proxy server wants you to sign in',
    visitor: [
      'Sign in to the proxy when the browser asks (use your network or company account, not the website\'s).',
      'If you did not expect a proxy, check the browser\'s and the system\'s proxy settings, and any VPN or security software.',
      'On a company network, ask IT which account the proxy expects.',
    ],
    owner: ['This is not your site: a proxy between the visitor and your server answered 407.'],
  },
  'cors-preflight': {
    title: "The server refuses the browser's CORS check (preflight)",
    visitor: ['Nothing you can fix: the site\'s server is configured wrongly. Reloading will not help; tell the site owner.'],
    owner: [
      'Answer OPTIONS preflight requests without requiring authentication (browsers never send credentials on them).',
      'Return Access-Control-Allow-Origin, -Methods and -Headers (including Authorization) for the calling origin.',
      'In frameworks, put the CORS middleware before the authentication middleware.',
    ],
  },
  'step-up-required': {
    title: 'The site wants a stronger or more recent sign-in',
    visitor: ['Sign in again, and complete any extra step it asks for (two-factor code, security key).'],
    owner: ['The client must start a new authorization request with the acr_values / max_age from the challenge (RFC 9470).'],
  },
  'dpop-nonce': {
    title: 'The server asks the app to retry with a fresh DPoP nonce',
    visitor: ['Reload the page; if it keeps failing, sign out and in again.'],
    owner: ['Retry the request with a DPoP proof that includes the nonce from the DPoP-Nonce header (RFC 9449 §8).'],
  },
  'insufficient-scope': {
    title: 'Your access does not cover this action',
    visitor: ['Sign out and in again, accepting any new permissions the app asks for.', 'If it persists, ask the site\'s administrator for access.'],
    owner: ['Request the scope named in the challenge when obtaining the token.', 'RFC 6750 says insufficient_scope should be answered with 403, not 401.'],
  },
  'token-expired': {
    title: 'Your sign-in (access token) has expired',
    visitor: ['Reload the page, or sign out and sign in again.'],
    owner: ['Refresh the access token before it expires (or on the first 401) and retry the request once.', 'Check the token lifetime against how long sessions last.'],
  },
  'token-not-yet-valid': {
    title: 'Your access token is not valid yet',
    visitor: ["Check this computer's date, time and time zone (set them to automatic), then sign in again."],
    owner: ['Allow a small clock tolerance (leeway) when checking nbf and iat.'],
  },
  'clock-skew': {
    title: "This computer's clock is wrong",
    visitor: ["Set the date and time to automatic in your system settings, then reload and sign in again."],
    owner: ['Tokens and cookies with short lifetimes fail for visitors with wrong clocks; allow some leeway.'],
  },
  'digest-stale': {
    title: 'The sign-in expired on the server (stale Digest nonce)',
    visitor: ['Reload the page: your password is fine, the browser only needs to sign in again.'],
    owner: ['A stale nonce is normal; if it happens constantly, lengthen the nonce lifetime.'],
  },
  'windows-sign-in': {
    title: 'The site wants Windows (domain) sign-in',
    visitor: [
      'Make sure this computer is signed in to the organisation\'s network or VPN.',
      'Ask IT to add this site to the browser\'s allow-list for Windows sign-in (Chrome policy AuthServerAllowlist; Firefox network.negotiate-auth.trusted-uris).',
    ],
    owner: ['Check the service\'s SPN and Kerberos setup, and offer another sign-in method for visitors outside the domain.'],
  },
  'sign-in-loop': {
    title: 'The site keeps refusing you after you sign in',
    visitor: ['Clear cookies and site data for this site, then sign in once more.', 'Try a private window; disable extensions that modify requests.'],
    owner: ['The credentials reach the server but are refused each time: check the session store, cookie domain/path/SameSite, and proxies that drop headers.'],
  },
  'credentials-rejected': {
    title: 'Your credentials were refused',
    visitor: ['Check the user name and password (Caps Lock, keyboard layout) and sign in again.', 'If you use an API key or token, it may have been revoked: create a new one.'],
    owner: ['Check the account is active and allowed here, and that the token audience and issuer match what the server expects.'],
  },
  'wrong-scheme': {
    title: 'The wrong kind of credentials were sent',
    visitor: ['Sign in through the site itself rather than a saved link or bookmark with a key in it.'],
    owner: ['Send the Authorization scheme the server asks for in WWW-Authenticate (e.g. "Bearer <token>", not "Basic" or "Token").'],
  },
  'session-expired': {
    title: 'Your session has expired',
    visitor: ['Sign in again.', 'If it keeps happening, clear cookies for this site.'],
    owner: ['Check session lifetime and that the session cookie reaches this path (Domain, Path, SameSite, Secure).'],
  },
  'no-credentials': {
    title: 'You are not signed in here',
    visitor: ['Sign in to the site, or enter the user name and password when the browser asks.'],
    owner: ['If this should be public, remove the authentication requirement for this path.'],
  },
  wordpress: {
    title: 'WordPress refused the request',
    visitor: ['Sign in to the WordPress site again.', 'If it started after installing or updating a plugin, a security plugin may be blocking it.'],
    owner: [
      'Cookie-authenticated REST calls need an X-WP-Nonce header (wp_create_nonce(\'wp_rest\')); without it WordPress treats the user as logged out.',
      'Application Passwords need https and the Authorization header reaching PHP (Apache CGI/FastCGI: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1).',
      'Security plugins (Wordfence, iThemes, "Disable REST API") can require sign-in for the REST API.',
    ],
  },
  'third-party': {
    title: 'A third-party service on this page refused the request',
    visitor: ['Sign in to that service in another tab, or allow its cookies for this site.', 'The rest of the page may work; only the embedded part is affected.'],
    owner: ['Third-party cookies are blocked by many browsers: use token-based auth (Authorization header) or the Storage Access API for embeds.'],
  },
  'insecure-http': {
    title: 'The page uses plain http',
    visitor: ['Switch to the https version of this address.'],
    owner: ['Redirect http to https; mark cookies Secure; never ask for Basic passwords over http.'],
  },
  'no-challenge': {
    title: 'The server refused without saying how to sign in',
    visitor: ['Sign in to the site or app, then reload.'],
    owner: ['Send a WWW-Authenticate header with every 401 (RFC 9110 §15.5.2); if a gateway or WAF answers, check its access rules.'],
  },
  'server-config': {
    title: 'The server is set up to ask for a password here',
    visitor: ['If you should not need a password here, tell the site owner.'],
    owner: ['Check the protection for this path in the server configuration (see the evidence), and that the password file is readable.'],
  },
  'endpoint-permissions': {
    title: 'This part of the site needs different access',
    visitor: ['You are signed in, but this part needs more rights: ask the site\'s administrator.'],
    owner: ['This endpoint does not accept the session the rest of the page uses: check its auth middleware and the credentials the front-end sends.'],
  },
  'stale-cookies': {
    title: 'Old cookies for this site may be in the way',
    visitor: ['Clear cookies and site data for this site only, then sign in again.'],
    owner: ['Old cookies surviving a change of cookie names, domains or signing keys can lock users out.'],
  },
  'proxy-strips-auth': {
    title: 'A proxy or gateway may be dropping your credentials',
    visitor: ['Try without VPN or proxy, or from another network.'],
    owner: ['Make sure reverse proxies, CDNs and gateways pass the Authorization header to the application.'],
  },
};
