/** How 401 differs from the statuses people confuse it with. */
export const STATUS_GUIDE: ReadonlyArray<{ status: number; meaning: string }> = [
  { status: 401, meaning: 'Unauthorized: the server does not know who you are (not signed in, or the sign-in was not accepted). Signing in can fix it.' },
  { status: 403, meaning: 'Forbidden: the server knows who you are and still says no. Signing in again will not help; you need more rights.' },
  { status: 407, meaning: 'Proxy Authentication Required: not the site but a proxy between you and it wants you to sign in.' },
  { status: 404, meaning: 'Not Found: the address does not exist (some sites answer 404 instead of 401 to hide private pages).' },
  { status: 400, meaning: 'Bad Request: the request itself was malformed, for example a broken cookie or header. Clearing cookies for the site often helps.' },
];
