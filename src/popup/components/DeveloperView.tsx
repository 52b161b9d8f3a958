import { challengeHeaderName, type RecoveryInfo, type RefusalRecord, type SentCredentials, type TabLog } from '../../capture/types';
import type { Translate } from '../../diagnosis/translate';
import { tokenFactsText } from '../../view/token-facts-text';
import { sentAuthorization } from '../../capture/sent-credentials';
import { dateMs } from '../../diagnosis/evidence-text';
import { buildCurl } from '../../view/curl-command';
import { visible } from '../../capture/visible-text';
import { useT } from '../../ui/translate-context';
import { Quoted } from './Quoted';
import { plural } from '../../diagnosis/plural';

/** A time of day to the millisecond; anything that is not a time a Date can hold reads "not a valid date". */
function time(ms: number, t: Translate): string {
  const valid = dateMs(ms);
  if (valid === null) return t('not_a_valid_date');
  return `${new Date(valid).toLocaleTimeString(undefined, { hour12: false })}.${String(Math.floor(valid % 1000)).padStart(3, '0')}`;
}

/**
 * One header or fact. Values are what the server or page sent, each in its own `dd`, with invisible
 * and bidi characters made visible; a value that mixes our words with quoted ones (`quoted`) sets
 * those apart.
 */
function Row({ name, value, quoted = false }: { name: string; value: string | null | undefined; quoted?: boolean }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <div class="row">
      <dt>{name}</dt>
      <dd>{quoted ? <Quoted text={value} /> : visible(value)}</dd>
    </div>
  );
}

function cookieRow(sent: SentCredentials, t: Translate): string {
  if (!sent.observed) return t('dev_not_observed');
  if (sent.cookies) return plural(t, 'dev_cookie_count', sent.cookieCount);
  return sent.cookiesHidden ? t('dev_cookies_hidden') : t('dev_none');
}

function recoveredHow(how: RecoveryInfo['how'], t: Translate): string {
  const words: Record<RecoveryInfo['how'], string> = { 'same-request': t('dev_recovered_same_request'), retry: t('dev_recovered_retry') };
  return words[how];
}

function RecordDetails({ record }: { record: RefusalRecord }) {
  const t = useT();
  const sent = record.sent;
  const token = sent.token?.format === 'jwt' ? sent.token : null;
  const header = challengeHeaderName(record.status);
  // Header names stay as HTTP spells them; the words around them are translated.
  const request = (name: string) => t('dev_request_header', [name]);
  const response = (name: string) => t('dev_response_header', [name]);
  return (
    <li class="timeline-item" data-testid="timeline-item">
      <h3>
        <span class={`status s${record.status}`}>{record.status}</span> {visible(record.method)} <span class="url">{visible(record.url)}</span>
      </h3>
      <dl>
        <Row name={t('dev_seen')} value={`${time(record.firstSeen, t)}${record.count > 1 ? ` … ${time(record.lastSeen, t)} (${record.count}×)` : ''}`} />
        <Row name={t('dev_outcome')} value={record.recovered ? t('dev_recovered_at', [time(record.recovered.at, t), recoveredHow(record.recovered.how, t)]) : t('dev_not_recovered')} />
        <Row name={t('dev_type')} value={t('dev_type_value', [record.preflight ? t('dev_type_preflight', [record.resourceType]) : record.resourceType, record.frameId])} />
        <Row name={t('dev_initiator')} value={record.initiator} />
        <Row name={t('dev_redirected_from')} value={record.redirect?.from} />
        <Row name={t('dev_status_line')} value={record.statusLine} />
        <Row name={request('Authorization')} value={sent.observed ? (sentAuthorization(sent) ? `${sent.authorizationScheme ?? t('auth_scheme_none')} ${t('dev_value_hidden')}` : t('dev_none')) : t('dev_not_observed')} />
        <Row name={request('Cookie')} value={cookieRow(sent, t)} />
        <Row name={t('dev_request_other')} value={sent.notableHeaders.map((h) => `${h}: ${t('dev_value_hidden')}`).join(', ')} />
        {token && <Row name={t('dev_token')} value={tokenFactsText(token, t).join(' · ')} quoted />}
        {record.challenges.map((value, i) => (
          <Row key={i} name={response(header)} value={value} />
        ))}
        {record.challenges.length === 0 && <Row name={response(header)} value={t('dev_header_absent')} />}
        <Row name={response('Server')} value={record.server} />
        <Row name={response('Date')} value={record.date} />
        <Row
          name={response('Set-Cookie')}
          value={sent.cookiesHidden ? t('dev_cookies_hidden') : record.setCookieNames.map((n) => `${n}${record.clearedCookieNames.includes(n) ? t('dev_deleted') : ''} ${t('dev_value_hidden')}`).join(', ')}
        />
        <Row name={response('Via')} value={record.hints.via} />
        <Row name={response('X-Powered-By')} value={record.hints.poweredBy} />
        <Row name={response('Content-Type')} value={record.hints.contentType} />
        <Row name={t('dev_platform')} value={record.hints.platform} />
      </dl>
      <CurlLine record={record} />
    </li>
  );
}

function CurlLine({ record }: { record: RefusalRecord }) {
  const t = useT();
  const curl = buildCurl(record);
  return curl.ok ? <pre class="curl">{curl.command}</pre> : <p class="curl-refused">{t(`curl_refused_${curl.reason}`)}</p>;
}

/** The tab's refused and recovered requests as a timeline with their (redacted) headers, for developers. */
export function DeveloperView({ log }: { log: TabLog | null }) {
  const t = useT();
  if (!log || log.records.length === 0) return <p>{t('dev_nothing')}</p>;
  return (
    <section aria-label={t('dev_timeline')} class="developer">
      <p>
        {plural(t, 'dev_page', log.total, [log.pageUrl ? visible(log.pageUrl) : t('unknown')])}
        {log.dropped ? plural(t, 'dev_dropped', log.dropped) : ''}
      </p>
      <ol class="timeline">
        {log.records.map((record) => (
          <RecordDetails key={record.id} record={record} />
        ))}
      </ol>
    </section>
  );
}
