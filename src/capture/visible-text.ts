/**
 * Text a server or page wrote, made visible: every character that shows nothing or reorders what
 * follows (Unicode format characters, category Cf: zero-width spaces and joiners, the bidi
 * embeddings, overrides and isolates U+202A–202E and U+2066–2069, the byte-order mark, tag
 * characters; line and paragraph separators U+2028/2029; control characters; the invisible Hangul
 * fillers) becomes a visible escape such as `\u202E`. So `realm="\u202E…"` cannot render reversed,
 * and a zero-width character cannot hide inside what is shown. A tab stays a tab. The two
 * private-use characters that mark a server's words inside our sentences (see
 * diagnosis/evidence-text.ts) are escaped too, so no server string can forge or end such a mark.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u0000-\u0008\u000a-\u001f\u007f-\u009f\u115f\u1160\u3164\uffa0\ue000\ue001]/gu;

function escapeOf(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** The text with every invisible, bidi or control character as a visible escape (`\u202E`); idempotent. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}
