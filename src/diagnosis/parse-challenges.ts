/**
 * Parser for `WWW-Authenticate` / `Proxy-Authenticate` values (RFC 9110 §11.6.1):
 *
 *   challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * Lenient like browsers are: it never throws, keeps whatever it could read, and lists what was wrong.
 */

export interface Challenge {
  /** The scheme as the server spelled it ("Bearer"). */
  scheme: string;
  /** Lower-cased scheme for comparisons ("bearer"). */
  schemeKey: string;
  /** Parameters by lower-cased name; the first of duplicated names wins. */
  params: Record<string, string>;
  /** The token68 form (Negotiate/NTLM blobs), when the challenge used it. */
  token68: string | null;
}

/** What was wrong with the input, as a message key and its substitutions (translated by the caller). */
export interface ParseProblem {
  key: string;
  args: string[];
}

export interface ParsedChallenges {
  challenges: Challenge[];
  /** Notes on malformed input; empty for a well-formed header. */
  problems: ParseProblem[];
}

/** Problems whose substitutions are the parser's own (a count); all others quote the server's text. */
export const PARSER_OWN_ARGS: ReadonlySet<string> = new Set(['problem_challenges_capped']);

type Report = (key: string, ...args: string[]) => void;

const MAX_CHALLENGES = 64;
const MAX_PROBLEMS = 20;
const MAX_PARAMS = 64;

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN68_CHAR = /[A-Za-z0-9._~+/-]/;
const UNQUOTED_VALUE_CHAR = /[^,\s"]/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  skipSpacesAndCommas(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',' || this.peek() === '\n' || this.peek() === '\r') this.pos++;
  }
  read(pattern: RegExp): string {
    const start = this.pos;
    while (!this.done && pattern.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** A quoted-string starting at the opening quote; `closed` is false when the input ended first. */
  readQuoted(): { value: string; closed: boolean } {
    this.pos++; // opening quote
    let value = '';
    while (!this.done) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return { value, closed: true };
      }
      if (c === '\\' && this.pos + 1 < this.text.length) {
        value += this.peek(1);
        this.pos += 2;
      } else {
        value += c;
        this.pos++;
      }
    }
    return { value, closed: false };
  }
  /** Skips to the next comma outside quotes (used to resynchronise after garbage). */
  skipToComma(): void {
    while (!this.done && this.peek() !== ',') {
      if (this.peek() === '"') this.readQuoted();
      else this.pos++;
    }
  }
  /** True when, after optional spaces, the input ends or a comma follows. */
  atEndOfItem(): boolean {
    let i = this.pos;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return i >= this.text.length || this.text[i] === ',';
  }
  /** True when a `token BWS "="` parameter starts here (not a token68 ending in "="). */
  atParam(): boolean {
    let i = this.pos;
    const start = i;
    while (i < this.text.length && TCHAR.test(this.text[i]!)) i++;
    if (i === start) return false;
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return this.text[i] === '=';
  }
}

function tryToken68(scan: Scanner): string | null {
  const start = scan.pos;
  const body = scan.read(TOKEN68_CHAR);
  let padding = '';
  while (scan.peek() === '=') {
    padding += '=';
    scan.pos++;
  }
  if (body && scan.atEndOfItem()) return body + padding;
  scan.pos = start;
  return null;
}

/** Parses one parameter at the scanner's position into `challenge`. */
function readParam(scan: Scanner, challenge: Challenge, problem: Report): void {
  const name = scan.read(TCHAR).toLowerCase();
  scan.skipSpaces();
  scan.pos++; // "="
  scan.skipSpaces();
  let value: string;
  if (scan.peek() === '"') {
    const quoted = scan.readQuoted();
    if (!quoted.closed) problem('problem_unclosed_quote', name);
    value = quoted.value;
  } else {
    // Lenient like browsers: an unquoted value runs to the next comma or space (real servers send unquoted URLs).
    value = scan.read(UNQUOTED_VALUE_CHAR);
    if (value === '') problem('problem_no_value', name);
  }
  if (Object.hasOwn(challenge.params, name)) problem('problem_duplicate', name, challenge.scheme);
  else if (Object.keys(challenge.params).length < MAX_PARAMS) challenge.params[name] = value;
  if (!scan.atEndOfItem()) {
    problem('problem_text_after', name);
    scan.skipToComma();
  }
}

function parseOne(text: string, out: ParsedChallenges, problem: Report): void {
  const scan = new Scanner(text);
  let current: Challenge | null = null;
  while (out.challenges.length < MAX_CHALLENGES) {
    scan.skipSpacesAndCommas();
    if (scan.done) return;
    if (current && scan.atParam()) {
      readParam(scan, current, problem);
      continue;
    }
    const scheme = scan.read(TCHAR);
    if (!scheme) {
      problem('problem_bad_start', scan.peek());
      scan.pos++;
      scan.skipToComma();
      continue;
    }
    current = { scheme, schemeKey: scheme.toLowerCase(), params: {}, token68: null };
    out.challenges.push(current);
    if (scan.atEndOfItem()) continue;
    if (scan.peek() !== ' ' && scan.peek() !== '\t') {
      problem('problem_no_space', scheme, scan.peek());
      scan.skipToComma();
      continue;
    }
    scan.skipSpaces();
    // A lone token68 (Negotiate/NTLM blobs) first: its "=" padding would otherwise read as a parameter.
    current.token68 = tryToken68(scan);
    if (current.token68 !== null || scan.atParam()) continue; // parameters follow; the loop reads them
    problem('problem_unreadable', scheme);
    scan.skipToComma();
  }
  problem('problem_challenges_capped', String(MAX_CHALLENGES));
}

/** Parses every challenge in the given header values (one entry per header line). Never throws. */
export function parseChallenges(headerValues: readonly string[]): ParsedChallenges {
  const out: ParsedChallenges = { challenges: [], problems: [] };
  const problem: Report = (key, ...args) => {
    const known = out.problems.some((p) => p.key === key && p.args.join('\n') === args.join('\n'));
    if (out.problems.length < MAX_PROBLEMS && !known) out.problems.push({ key, args });
  };
  for (const value of headerValues) {
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      problem('problem_empty');
      continue;
    }
    parseOne(value, out, problem);
    if (out.challenges.length >= MAX_CHALLENGES) break;
  }
  return out;
}
