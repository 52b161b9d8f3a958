import { describe, expect, it } from 'vitest';
import { keptCookieName, looksLikeSignInCookie } from '../../src/capture/sign-in-cookie';

describe('looksLikeSignInCookie', () => {
  it.each([
    'sid',
    'SID',
    'connect.sid',
    'session',
    'PHPSESSID',
    'JSESSIONID',
    'ASP.NET_SessionId',
    'laravel_session',
    '__Secure-next-auth.session-token',
    'auth',
    'AuthToken',
    'access_token',
    'jwt',
    'remember_me',
    'remember_user_token',
    'wordpress_logged_in_1a2b',
    'KEYCLOAK_IDENTITY',
    'AUTH_SESSION_ID',
    '_shibsession_64656661756c74',
    'SSO',
    'idp_session',
    'user_session',
    'login',
  ])('%s looks like a sign-in', (name) => expect(looksLikeSignInCookie(name)).toBe(true));

  it.each(['_ga', '_gid', 'theme', 'lang', 'csrftoken', 'XSRF-TOKEN', 'cookieconsent_status', 'oauth_state', 'pkce_verifier', 'side_menu', 'lasso', 'consider', 'cart', ''])(
    '%s does not',
    (name) => expect(looksLikeSignInCookie(name)).toBe(false),
  );

  it('a name longer than any site chooses is none', () => expect(looksLikeSignInCookie(`session${'x'.repeat(200)}`)).toBe(false));

  it('keeps a name as text, never a secret-shaped one', () => {
    expect(keptCookieName('sid')).toBe('sid');
    expect(keptCookieName('session_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnopqrstuv')).toBe('redacted');
    expect(keptCookieName('sid\u202E')).not.toContain('\u202E');
  });
});
