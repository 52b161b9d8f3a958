import { sentAuthorization } from '../capture/sent-credentials';
import { unrecovered } from '../capture/tab-log';
import { truncate } from '../capture/truncate';
import { challengeHeaderName, type RefusalRecord, type TabLog } from '../capture/types';
import { quote, schemeLabel, serverParts } from '../diagnosis/evidence-text';
import type { Translate } from '../diagnosis/translate';
import type { Diagnosis } from '../diagnosis/types';
import { codeSpan } from './markdown';
import { tokenFactsText } from './token-facts-text';

const MAX_REQUESTS = 8;
const MAX_CAUSES = 3;
const MAX_EVIDENCE = 4;
/** A prompt short enough to paste anywhere; cut at a line. */
const MAX_PROMPT_CHARS = 6_000;

/** What the request sent, by scheme and count: never a value (the record holds none). */
function sentLine(record: RefusalRecord, t: Translate): string {
  const sent = record.sent;
  if (!sent.observed) return t('ai_sent_unknown');
  const parts = [sentAuthorization(sent) ? t('ai_sent_authorization', [schemeLabel(sent, t)]) : t('ai_sent_no_authorization')];
  parts.push(sent.cookies ? t('ai_sent_cookies', [sent.cookieCount]) : sent.cookiesHidden ? t('request_cookies_hidden') : t('request_no_cookies'));
  if (sent.notableHeaders.length) parts.push(t('report_also', [sent.notableHeaders.map(quote).join(', ')]));
  if (sent.token) parts.push(sent.token.format === 'jwt' ? `JWT (${tokenFactsText(sent.token, t).join(', ')})` : t('ai_token_opaque'));
  return parts.join('; ');
}

function requestLines(record: RefusalRecord, t: Translate): string[] {
  const header = challengeHeaderName(record.status);
  const lines = [`- ${record.status} ${quote(record.method)} ${quote(record.url)} (${quote(record.resourceType)}${record.count > 1 ? `, ×${record.count}` : ''})`];
  lines.push(`  - ${t('ai_sent', [sentLine(record, t)])}`);
  lines.push(`  - ${header}: ${record.challenges.length ? record.challenges.slice(0, 3).map(quote).join(' | ') : t('dev_none')}`);
  if (record.bodyError) lines.push(`  - ${t('ai_body', [[record.bodyError.code, record.bodyError.message].filter((w): w is string => w !== null).map(quote).join(' · ')])}`);
  if (record.server) lines.push(`  - Server: ${quote(record.server)}`);
  if (record.redirect) lines.push(`  - ${t('dev_redirected_from')}: ${quote(record.redirect.from)}`);
  return lines;
}

/** Our words as they are; each quote of a server or page in a code span it cannot end (chat tools render Markdown). */
function promptText(text: string): string {
  return serverParts(text)
    .map((part) => (part.server ? codeSpan(part.text) : part.text))
    .join('');
}

/**
 * The diagnosis as a short prompt for an AI assistant: what was asked for, what was sent (scheme and
 * counts, never a value), what a token said, what the server answered, and the causes with their
 * evidence. It holds only what the records hold (redacted at capture); every server or page string
 * sits in a code span, and the prompt tells the assistant to read those as data, not instructions.
 */
export function buildAiPrompt(log: Pick<TabLog, 'pageUrl' | 'records'>, diagnosis: Diagnosis, t: Translate): string {
  const open = unrecovered(log.records);
  const out = [t('ai_intro'), '', t('ai_quoted_note'), '', `${t('ai_page')}: ${log.pageUrl ? quote(log.pageUrl) : t('unknown')}`, '', `${t('ai_requests', [open.length])}:`];
  for (const record of open.slice(-MAX_REQUESTS).reverse()) out.push(...requestLines(record, t));
  out.push('', `${t('ai_causes')}:`);
  if (diagnosis.causes.length === 0) out.push(t('report_no_causes'));
  diagnosis.causes.slice(0, MAX_CAUSES).forEach((cause, i) => {
    out.push(`${i + 1}. ${cause.title} (${t(`likelihood_${cause.likelihood}`)})`);
    for (const line of cause.evidence.slice(0, MAX_EVIDENCE)) out.push(`   - ${line}`);
  });
  out.push('', t('ai_question'));
  const text = promptText(out.join('\n'));
  return text.length <= MAX_PROMPT_CHARS ? text : `${truncate(text.slice(0, text.lastIndexOf('\n', MAX_PROMPT_CHARS)), MAX_PROMPT_CHARS)}\n…`;
}
