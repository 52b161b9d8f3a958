/**
 * Putting text a server or page controls into Markdown that people paste into issue trackers.
 * GitHub renders images, links and some raw HTML, and turns bare addresses (`www.…`, `http://…`),
 * `@name`, `#12` and `:emoji:` in text into links, mentions, issue references and emoji; inside a
 * code span it does none of that. So such text only ever goes into code spans.
 */
import { serverParts } from '../diagnosis/evidence-text';
import { visible } from '../capture/visible-text';

/**
 * A code span the text cannot break out of: a fence longer than any run of backticks inside it.
 * Invisible and bidi characters are made visible first.
 */
export function codeSpan(text: string): string {
  const flat = visible(String(text)).replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space on each side when both are there, so the content stays exact.
  return `${fence} ${flat} ${fence}`;
}

/**
 * Our own words as Markdown text: every character that could start a link or an image (`[`), raw
 * HTML or an autolink (`<`), emphasis, a table cell or a code span is escaped. Lines are list items
 * or headings, so line-start syntax (`#`, `-`, `1.`) cannot apply.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/** One of our sentences as Markdown: our words escaped, each quote of a server or page in its own code span. */
export function markdownOf(sentence: string): string {
  return serverParts(sentence)
    .map((part) => (part.server ? codeSpan(part.text) : escapeMarkdown(part.text)))
    .join('');
}
