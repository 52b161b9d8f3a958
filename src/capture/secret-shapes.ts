/**
 * What a secret looks like, whatever it is called. Redaction checks names first (a `token`
 * parameter) and these shapes second, so a JWT in `?q=`, an e-mail address in a claim or a
 * reset token in a path is caught too. Shapes are looked for inside text as well as in whole
 * values: a server's sentence, a query value holding JSON or several addresses. False positives
 * are cheap (a value reads "redacted"); a missed secret is not.
 */

export const REDACTED = 'redacted';

/** Three (JWS) or five (JWE) base64url parts. */
const JWT_LIKE = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*(?:\.[\w-]*\.[\w-]*)?$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"'`]+@[^\s@<>()[\]\\,;:"'`]+\.[A-Za-z]{2,}$/;
const TOKEN_CHARS = /^[\w\-+/=.~%]+$/;
/** Card numbers and other long digit runs. */
const LONG_DIGITS = /^\d{13,}$/;
const SLUG_PART = /^(?:[A-Za-z]{1,12}|\d{1,4})$/;

/**
 * A run of letters and digits that is not a slug of words ("how-to-reset-2024"): a key, a hash, a
 * token. From 20 characters any such run; from 16 one unbroken run with several digits and letters
 * (a 16-character API key, a 64-bit hex id).
 */
function looksRandom(value: string): boolean {
  if (value.length < 16 || !TOKEN_CHARS.test(value)) return false;
  if (!/\d/.test(value) || !/[a-z]/i.test(value)) return false;
  if (value.length < 20) return /^[A-Za-z0-9]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 3 && (value.match(/[A-Za-z]/g) ?? []).length >= 3;
  return !value.split(/[-_.~/+]+/).every((part) => part === '' || SLUG_PART.test(part));
}

/** Whether a value, whatever its name, has the shape of a credential, a token or personal data. */
export function looksLikeSecret(value: string): boolean {
  if (value.length < 8) return false;
  return JWT_LIKE.test(value) || EMAIL.test(value) || LONG_DIGITS.test(value) || looksRandom(value);
}

/**
 * Query, cookie and parameter names whose values are credentials, one-time secrets or personal
 * data, in English and in the words for "password", "key", "code" and "secret" of the languages
 * sites are written in (matched without accents, case and separators: `mot_de_passe`, `Passwort`,
 * `contraseña`, `hasło`, `şifre`, `пароль`, `密码`).
 */
const SECRET_NAME = new RegExp(
  [
    // English
    'token', 'key', 'secret', 'pass', 'pwd', 'auth', 'code', 'session', 'sid', 'jwt', 'sig', 'credential', 'nonce', 'otp', 'ticket',
    'assertion', 'state', 'saml', 'mail', 'login', 'user', 'hint', 'phone', 'card', 'cvv', 'iban',
    // user and e-mail: de, es/pt, fr, nl, tr, es, fr
    'benutzer', 'usuario', 'utilisateur', 'gebruiker', 'kullanici', 'correo', 'courriel',
    // password: de, sv, nl, da, fi, pt, es, it/ro/ru/lv (parol…), pl, cs/sk, sl, hu, hr/sr/bs, tr, lt, ms, vi
    'kennwort', 'losenord', 'wachtwoord', 'adgangskode', 'salasana', 'senha', 'contrasena', 'parol', 'haslo', 'heslo', 'geslo', 'jelszo',
    'lozinka', 'sifre', 'slaptazod', 'katalaluan', 'matkhau',
    // key, code, secret, token: es, pt, de, nl, it, pl, fr
    'clave', 'chave', 'schlussel', 'schluessel', 'sleutel', 'chiave', 'klucz', 'codigo', 'codice', 'geheim', 'jeton', 'segreto', 'sekret',
    // other scripts: ru (password, key, token, secret), el, zh, ja, ko, he, ar, hi, th
    'пароль', 'ключ', 'токен', 'секрет', 'κωδικ', '密码', '密碼', '口令', 'パスワード', '暗証', '비밀번호', '암호', 'סיסמ', 'كلمةالمرور', 'पासवर्ड', 'รหัสผ่าน',
  ].join('|'),
  'iu',
);
/** Short words that are secret names only on their own (`pw`, French `mdp`, `clé`, Indonesian `sandi`, pinyin `mima`). */
const SHORT_SECRET_NAME = /^(?:pw|p|pin|ssn|mdp|cle|clef|nip|sandi|mima)$/;

/** A name without accents, case or word separators, as SECRET_NAME reads it. */
function plain(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss');
}

/** Names repeat (`page`, `q`, `sort`): what each was judged, up to a bound. */
const nameVerdicts = new Map<string, boolean>();
const MAX_NAME_VERDICTS = 500;

function judgeName(name: string): boolean {
  const ascii = /^[\x20-\x7e]*$/.test(name);
  const compact = (text: string) => text.replace(/[\s_.-]+/g, '');
  if (SECRET_NAME.test(compact(name.toLowerCase())) || (!ascii && SECRET_NAME.test(compact(plain(name))))) return true;
  // Word by word (`mdp`, `user_pin`, `kata_sandi`, `userPin`).
  const words = ascii ? name.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/) : name.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u);
  return words.some((word) => SHORT_SECRET_NAME.test(ascii ? word.toLowerCase() : plain(word)));
}

export function isSecretName(name: string): boolean {
  if (name === '') return false;
  let verdict = nameVerdicts.get(name);
  if (verdict === undefined) {
    verdict = judgeName(name);
    if (nameVerdicts.size >= MAX_NAME_VERDICTS) nameVerdicts.clear();
    nameVerdicts.set(name, verdict);
  }
  return verdict;
}

/** Text too short and plain to hold any shape below (no `@`, `:`, `=`, space; under 8 characters). */
export function tooPlainForSecrets(text: string): boolean {
  return /^[\w.~-]{0,7}$/.test(text);
}

/* Shapes inside text (no URLs: those are split off and redacted as URLs by redact-url.ts). */

/** `"password": "…"`, `'pin': 1234` (JSON, or a language's literal): a value under a secret name. */
const QUOTED_PAIR = /(["'])([^"'\\\n]{1,64})\1(\s*:\s*)("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s,}\]]+)/g;
/** `"Bob Smith" <bob@example.org>`: the name goes with the address. */
const DISPLAY_NAME = /"[^"\n]{0,64}"\s*<[^<>\s]*@[^<>\s]*>/g;
/** Digits in groups (`4111 1111 1111 1111`, `3782-822463-10005`): 13 or more of them are a card or account number. */
const DIGIT_GROUPS = /(?<![\d])\d{2,8}(?:[ -]\d{2,8}){1,8}(?![\d])/g;
/** What text splits into: runs without spaces, quotes, brackets, commas or semicolons. */
const TOKEN = /[^\s"'<>`()[\]{},;]+/g;
/** `user:password@` (a URL's credentials, or written like them); starts only where a run starts, so the search stays linear. */
const USERINFO = /(?<![^\s:@/])[^\s:@/]+:[^\s:@/]*@/g;
const EMAIL_INSIDE = /(?<![^\s@<>()[\]\\,;:"'`/=?&])[^\s@<>()[\]\\,;:"'`/=?&]+@[^\s@<>()[\]\\,;:"'`/?&=]+\.[A-Za-z]{2,}/g;
const WORD = /[\w\-+/=.~%]{8,}/g;
/** `id:secret` or `user:password` written as one word. */
const PAIR = /^([^\s:/]{1,64}):([^\s/]{4,})$/;
/** Times (`10:00:00Z`), which look like pairs. */
const TIME = /^\d{1,2}(?::\d{2}){0,2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Whether a word is a credential pair: `id:secret` (a bot token `123456:AAH…`, an access key and
 * its secret) or `user:password` with a password that reads like one (letters with digits or
 * symbols). Times, ports, scopes (`read:user`, `repository:x/y:pull`) and URNs are not.
 */
function credentialPair(word: string): boolean {
  const match = PAIR.exec(word);
  if (!match) return false;
  const user = match[1]!;
  const rest = match[2]!;
  const bare = rest.replace(/\.+$/, '');
  if (looksLikeSecret(bare) || (/^[\w-]{20,}$/.test(bare) && /[a-z]/.test(bare) && /[A-Z]/.test(bare))) return true;
  if (rest.includes(':') || !/\p{L}/u.test(user) || TIME.test(bare)) return false;
  return bare.length >= 6 && /\p{L}/u.test(bare) && /[\d!"#$%&'*+<=>?@\\^`|~]/.test(bare);
}

/** `name=value` with a secret name, a credential pair, or a secret-shaped word. */
function redactPiece(piece: string): string {
  const eq = piece.indexOf('=');
  if (eq > 0 && eq < piece.length - 1 && isSecretName(piece.slice(0, eq).replace(/^[^\p{L}\p{N}_]+/u, ''))) return `${piece.slice(0, eq)}=${REDACTED}`;
  if (credentialPair(piece)) return REDACTED;
  return piece.replace(WORD, (word) => (looksLikeSecret(word) ? REDACTED : word));
}

function redactToken(token: string): string {
  if (tooPlainForSecrets(token)) return token;
  const cleaned = token.includes('@') ? token.replace(USERINFO, `${REDACTED}@`).replace(EMAIL_INSIDE, REDACTED) : token;
  return cleaned.split('&').map(redactPiece).join('&');
}

/**
 * Text (without URLs) with every secret shape in it replaced: values under secret names (`"password":
 * "…"`, `key=…`), e-mail addresses (several, `mailto:`, with a display name), `user:password@`,
 * `id:secret` and `user:password` pairs, card numbers written in groups, tokens, keys and JWTs.
 */
export function redactShapes(text: string): string {
  if (tooPlainForSecrets(text)) return text;
  let out = text;
  if (/["'][^"']*["']\s*:/.test(out)) {
    out = out.replace(QUOTED_PAIR, (match, quote: string, key: string, colon: string, value: string) =>
      isSecretName(key) && !/^(["'])\1?$/.test(value) ? `${quote}${key}${quote}${colon}"${REDACTED}"` : match,
    );
  }
  if (out.includes('<')) out = out.replace(DISPLAY_NAME, REDACTED);
  if (/\d[ -]\d/.test(out)) out = out.replace(DIGIT_GROUPS, (match) => ((match.match(/\d/g) ?? []).length >= 13 ? REDACTED : match));
  return out.replace(TOKEN, redactToken);
}
