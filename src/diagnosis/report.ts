import type { RefusalRecord, TabLog } from '../capture/types';
import type { Translate } from './translate';
import type { Diagnosis } from './types';

export interface ReportEnvironment {
  /** e.g. navigator.userAgent */
  browser: string;
  extensionVersion: string;
  /** ms since the epoch */
  now: number;
}

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Keeps server text from breaking the Markdown around it (code spans, table pipes, line breaks). */
function inline(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/`/g, "'");
}

/**
 * A curl command that repeats a refused request. Credentials appear only as placeholders the
 * person fills in; the URL is the redacted one (secret-looking query values read "redacted").
 */
export function buildCurl(record: RefusalRecord): string {
  const lines = [`curl -i -X ${record.method} ${shellQuote(record.url)}`];
  if (record.preflight) {
    if (record.initiator) lines.push(`-H ${shellQuote(`Origin: ${record.initiator}`)}`);
    lines.push(`-H ${shellQuote('Access-Control-Request-Method: <method>')}`);
  }
  if (record.sent.authorizationScheme) lines.push(`-H ${shellQuote(`Authorization: ${record.sent.authorizationScheme} <your credentials>`)}`);
  if (record.sent.cookies) lines.push(`-H ${shellQuote('Cookie: <your cookies for this site>')}`);
  for (const name of record.sent.notableHeaders) lines.push(`-H ${shellQuote(`${name}: <value>`)}`);
  return lines.join(' \\\n  ');
}

function describeSent(record: RefusalRecord, t: Translate): string {
  const sent = record.sent;
  if (!sent.observed) return t('dev_not_observed');
  const parts = [sent.authorizationScheme ? t('report_authorization', [sent.authorizationScheme]) : t('report_no_authorization')];
  parts.push(sent.cookies ? t('report_cookies', [sent.cookieCount]) : t('request_no_cookies'));
  if (sent.notableHeaders.length) parts.push(t('report_also', [sent.notableHeaders.join(', ')]));
  if (sent.token?.format === 'jwt') {
    const token = sent.token;
    const facts = [
      token.algorithm && `alg ${token.algorithm}`,
      token.expiresAt !== null && `exp ${new Date(token.expiresAt * 1000).toISOString()}`,
      token.issuerHost && `iss ${token.issuerHost}`,
      token.audience && `aud ${token.audience}`,
    ];
    parts.push(`JWT (${facts.filter(Boolean).join(', ')})`);
  }
  return parts.join('; ');
}

/**
 * A Markdown report of what was refused and why, for a bug report or a help desk. It holds only
 * what the extension stores: redacted URLs, header facts, no credential, cookie or token value.
 */
export function buildReport(log: TabLog, diagnosis: Diagnosis, env: ReportEnvironment, t: Translate): string {
  const open = log.records.filter((r) => r.recovered === null);
  const recovered = log.records.length - open.length;
  const out: string[] = [
    `# ${t('report_title')}`,
    '',
    `- ${t('report_page', [inline(log.pageUrl ?? t('unknown'))])}`,
    `- ${t('report_time', [new Date(env.now).toISOString()])}`,
    `- ${t('report_browser', [inline(env.browser)])}`,
    `- ${t('extName')}: ${env.extensionVersion}`,
    `- ${t('report_counts', [open.length, recovered])}${log.dropped ? t('report_dropped', [log.dropped]) : ''}`,
    '',
    `## ${t('report_causes')}`,
    '',
  ];
  if (diagnosis.causes.length === 0) out.push(t('report_no_causes'), '');
  for (const cause of diagnosis.causes.slice(0, 5)) {
    out.push(`### ${cause.title} (${t(`likelihood_${cause.likelihood}`)})`, '');
    for (const line of cause.evidence) out.push(`- ${inline(line)}`);
    out.push('');
  }
  out.push(`## ${t('requests_title')}`, '');
  for (const record of [...log.records].reverse()) {
    out.push(`### ${record.status} ${record.method} ${inline(record.url)}`, '');
    const outcome = record.recovered ? t('dev_recovered_at', [new Date(record.recovered.at).toISOString(), record.recovered.how]) : t('dev_not_recovered');
    out.push(`- ${t('report_type', [`${record.resourceType}${record.preflight ? ' (CORS preflight)' : ''}`, record.count, outcome])}`);
    if (record.initiator) out.push(`- ${t('dev_initiator')}: ${inline(record.initiator)}`);
    out.push(`- ${t('report_sent', [describeSent(record, t)])}`);
    const header = record.status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    if (record.challenges.length === 0) out.push(`- ${header}: (${t('dev_none')})`);
    for (const challenge of record.challenges) out.push(`- ${header}: \`${inline(challenge)}\``);
    if (record.server) out.push(`- Server: \`${inline(record.server)}\``);
    if (record.date) out.push(`- Date: ${inline(record.date)}`);
    if (record.setCookieNames.length) out.push(`- Set-Cookie: ${record.setCookieNames.map(inline).join(', ')}`);
    out.push('', '```sh', buildCurl(record), '```', '');
  }
  return out.join('\n');
}
