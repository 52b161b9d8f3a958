/**
 * Putting text a server or page controls into Markdown that people paste into issue trackers.
 * GitHub renders images, links and some raw HTML, so such text must never become any of them.
 */

/** A code span the text cannot break out of: a fence longer than any run of backticks inside it. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space on each side when both are there, so the content stays exact.
  return `${fence} ${flat} ${fence}`;
}

/**
 * Text that mixes our words with quoted server strings (evidence lines): every character that
 * could start a link or an image (`[`), raw HTML or an autolink (`<`), emphasis, a table cell or a
 * code span is escaped. Lines are list items, so line-start syntax (`#`, `-`, `1.`) cannot apply.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~]/g, '\\$&');
}
