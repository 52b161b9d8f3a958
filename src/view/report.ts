import { sentAuthorization } from '../capture/sent-credentials';
import { unrecovered } from '../capture/tab-log';
import { challengeHeaderName, type RefusalRecord, type TabLog } from '../capture/types';
import { buildCurl } from './curl-command';
import { isoTime, quote, schemeLabel } from '../diagnosis/evidence-text';
import { codeSpan, escapeMarkdown, markdownOf } from './markdown';
import { tokenFactsText } from './token-facts-text';
import type { Translate } from '../diagnosis/translate';
import type { Diagnosis } from '../diagnosis/types';
import { plural } from '../diagnosis/plural';

export interface ReportEnvironment {
  /** e.g. navigator.userAgent */
  browser: string;
  extensionVersion: string;
  /** ms since the epoch */
  now: number;
}

/** What the request carried, as one of our sentences with the page's words quoted. */
function describeSent(record: RefusalRecord, t: Translate): string {
  const sent = record.sent;
  if (!sent.observed) return t('dev_not_observed');
  const parts = [sentAuthorization(sent) ? t('report_authorization', [schemeLabel(sent, t)]) : t('report_no_authorization')];
  parts.push(sent.cookies ? plural(t, 'report_cookies', sent.cookieCount) : sent.cookiesHidden ? t('request_cookies_hidden') : t('request_no_cookies'));
  if (sent.notableHeaders.length) parts.push(t('report_also', [sent.notableHeaders.map(quote).join(', ')]));
  if (sent.token?.format === 'jwt') parts.push(`JWT (${tokenFactsText(sent.token, t).join(', ')})`);
  return parts.join('; ');
}

/**
 * A Markdown report of what was refused and why, for a bug report or a help desk. It holds only
 * what the extension stores: redacted URLs, header facts, no credential, cookie or token value.
 * Every string a server or page controls, evidence quotes and URLs included, sits in a code span
 * or block it cannot break out of (markdownOf, codeSpan); only our own words are Markdown text. So
 * pasting the report loads nothing, and no server's words become a link, a mention (`@name`), an
 * issue reference (`#12`) or an emoji (`:rocket:`).
 */
export function buildReport(log: TabLog, diagnosis: Diagnosis, env: ReportEnvironment, t: Translate): string {
  const open = unrecovered(log.records);
  const recovered = log.records.length - open.length;
  const out: string[] = [
    `# ${t('report_title')}`,
    '',
    `- ${markdownOf(t('report_page', [log.pageUrl ? quote(log.pageUrl) : t('unknown')]))}`,
    `- ${markdownOf(t('report_time', [isoTime(env.now, t)]))}`,
    `- ${markdownOf(t('report_browser', [quote(env.browser)]))}`,
    `- ${escapeMarkdown(t('extName'))}: ${escapeMarkdown(env.extensionVersion)}`,
    `- ${escapeMarkdown(`${t('report_counts', [open.length, recovered])}${log.dropped ? plural(t, 'report_dropped', log.dropped) : ''}`)}`,
    '',
    `## ${t('report_causes')}`,
    '',
  ];
  if (diagnosis.causes.length === 0) out.push(escapeMarkdown(t('report_no_causes')), '');
  for (const cause of diagnosis.causes.slice(0, 5)) {
    out.push(`### ${markdownOf(`${cause.title} (${t(`likelihood_${cause.likelihood}`)})`)}`, '');
    for (const line of cause.evidence) out.push(`- ${markdownOf(line)}`);
    out.push('');
  }
  out.push(`## ${t('requests_title')}`, '');
  for (const record of [...log.records].reverse()) out.push(...describeRecord(record, t));
  return out.join('\n');
}

function describeRecord(record: RefusalRecord, t: Translate): string[] {
  const out = [`### ${escapeMarkdown(String(record.status))} ${codeSpan(record.method)} ${codeSpan(record.url)}`, ''];
  const outcome = record.recovered ? t('dev_recovered_at', [isoTime(record.recovered.at, t), record.recovered.how]) : t('dev_not_recovered');
  out.push(`- ${markdownOf(t('report_type', [`${quote(record.resourceType)}${record.preflight ? ' (CORS preflight)' : ''}`, record.count, outcome]))}`);
  if (record.initiator) out.push(`- ${escapeMarkdown(t('dev_initiator'))}: ${codeSpan(record.initiator)}`);
  if (record.redirect) out.push(`- ${escapeMarkdown(t('dev_redirected_from'))}: ${codeSpan(record.redirect.from)}`);
  out.push(`- ${markdownOf(t('report_sent', [describeSent(record, t)]))}`);
  const header = challengeHeaderName(record.status);
  if (record.challenges.length === 0) out.push(`- ${header}: (${t('dev_none')})`);
  for (const challenge of record.challenges) out.push(`- ${header}: ${codeSpan(challenge)}`);
  if (record.server) out.push(`- Server: ${codeSpan(record.server)}`);
  if (record.date) out.push(`- Date: ${codeSpan(record.date)}`);
  if (record.setCookieNames.length) out.push(`- Set-Cookie: ${record.setCookieNames.map(codeSpan).join(', ')}`);
  const curl = buildCurl(record);
  out.push('', ...(curl.ok ? codeBlock(curl.command, 'sh') : [escapeMarkdown(t(`curl_refused_${curl.reason}`))]), '');
  return out;
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
function codeBlock(text: string, language: string): string[] {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}${language}`, text, fence];
}
