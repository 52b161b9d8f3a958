import type { RefusalRecord, TabLog } from '../capture/types';
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

function describeSent(record: RefusalRecord): string {
  const sent = record.sent;
  if (!sent.observed) return 'not observed';
  const parts = [sent.authorizationScheme ? `Authorization: ${sent.authorizationScheme} (value not recorded)` : 'no Authorization'];
  parts.push(sent.cookies ? `${sent.cookieCount} cookie(s) (values not recorded)` : 'no cookies');
  if (sent.notableHeaders.length) parts.push(`also: ${sent.notableHeaders.join(', ')}`);
  if (sent.token?.format === 'jwt') {
    const t = sent.token;
    const facts = [t.algorithm && `alg ${t.algorithm}`, t.expiresAt !== null && `exp ${new Date(t.expiresAt * 1000).toISOString()}`, t.issuerHost && `issuer ${t.issuerHost}`, t.audience && `aud ${t.audience}`];
    parts.push(`token: JWT (${facts.filter(Boolean).join(', ')})`);
  }
  return parts.join('; ');
}

/**
 * A Markdown report of what was refused and why, for a bug report or a help desk. It holds only
 * what the extension stores: redacted URLs, header facts, no credential, cookie or token value.
 */
export function buildReport(log: TabLog, diagnosis: Diagnosis, env: ReportEnvironment): string {
  const open = log.records.filter((r) => r.recovered === null);
  const out: string[] = [
    '# 401 Explainer report',
    '',
    `- Page: ${inline(log.pageUrl ?? 'unknown')}`,
    `- Time: ${new Date(env.now).toISOString()}`,
    `- Browser: ${inline(env.browser)}`,
    `- 401 Explainer: ${env.extensionVersion}`,
    `- Refused requests: ${open.length} not recovered, ${log.records.length - open.length} recovered${log.dropped ? `, ${log.dropped} older ones dropped` : ''}`,
    '',
    '## Likely causes',
    '',
  ];
  if (diagnosis.causes.length === 0) out.push('None: nothing is refused now.', '');
  for (const cause of diagnosis.causes.slice(0, 5)) {
    out.push(`### ${cause.title} (${cause.likelihood})`, '');
    for (const line of cause.evidence) out.push(`- ${inline(line)}`);
    out.push('');
  }
  out.push('## Refused requests', '');
  for (const record of [...log.records].reverse()) {
    out.push(`### ${record.status} ${record.method} ${inline(record.url)}`, '');
    out.push(`- Type: ${record.resourceType}${record.preflight ? ' (CORS preflight)' : ''}; seen ${record.count}×; ${record.recovered ? `recovered (${record.recovered.how})` : 'not recovered'}`);
    if (record.initiator) out.push(`- Initiator: ${inline(record.initiator)}`);
    out.push(`- Sent: ${describeSent(record)}`);
    const header = record.status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    if (record.challenges.length === 0) out.push(`- ${header}: (none)`);
    for (const challenge of record.challenges) out.push(`- ${header}: \`${inline(challenge)}\``);
    if (record.server) out.push(`- Server: \`${inline(record.server)}\``);
    if (record.date) out.push(`- Date: ${inline(record.date)}`);
    if (record.setCookieNames.length) out.push(`- Set-Cookie names: ${record.setCookieNames.map(inline).join(', ')}`);
    out.push('', '```sh', buildCurl(record), '```', '');
  }
  return out.join('\n');
}
