import { challengeHeaderName, type RefusalRecord, type SentCredentials } from '../../capture/types';
import { visible } from '../../capture/visible-text';
import { schemeLabel } from '../../diagnosis/evidence-text';
import { describeRefusal, resourceTypeName } from '../../view/describe-refusal';
import type { Translate } from '../../diagnosis/translate';
import { useT } from '../../ui/translate-context';
import { Quoted } from './Quoted';
import { plural } from '../../diagnosis/plural';

function sentText(sent: SentCredentials, t: Translate): string {
  if (!sent.observed) return ` · ${t('request_sent_not_observed')}`;
  const credentials = sent.authorizationScheme
    ? t('request_sent_scheme', [schemeLabel(sent, t)])
    : sent.authorizationWithoutScheme
      ? t('request_sent_no_scheme')
      : t('request_sent_none');
  return ` · ${credentials} · ${sent.cookies ? t('request_cookies', [sent.cookieCount]) : sent.cookiesHidden ? t('request_cookies_hidden') : t('request_no_cookies')}`;
}

/**
 * One refused request. Every server-controlled string is rendered as text by Preact, never as HTML,
 * with invisible and bidi characters made visible; in our sentences it is set apart (Quoted).
 */
export function RefusalItem({ record }: { record: RefusalRecord }) {
  const t = useT();
  const { meaning, schemes } = describeRefusal(record, t);
  const quiet = record.recovered !== null || record.background !== undefined;
  return (
    <li class={quiet ? 'refusal recovered' : 'refusal'} data-testid="refusal">
      <div class="line">
        <span class={`status s${record.status}`}>{record.status}</span>
        <span class="method">{record.preflight ? t('request_preflight') : visible(record.method)}</span>
        <span class="type">{visible(resourceTypeName(record.resourceType, t))}</span>
        {record.attributedByInitiator && (
          <span class="type" title={t('request_background_title')}>
            {t('request_background')}
          </span>
        )}
        {record.count > 1 && <span class="count">{plural(t, 'request_refused_times', record.count)}</span>}
        <span class={quiet ? 'state ok' : 'state warn'} title={record.background && !record.recovered ? t(`request_${record.background}_title`) : undefined}>
          {record.recovered ? t('request_recovered') : record.background ? t(`request_${record.background}`) : t('request_not_recovered')}
        </span>
      </div>
      <p class="url" title={visible(record.url)}>
        {visible(record.url)}
      </p>
      <p class="meaning">
        <Quoted text={meaning} />
      </p>
      <p class="asked">
        {schemes.length ? t('request_asked_for', [schemes.join(', ')]) : t('request_asked_nothing')}
        <Quoted text={sentText(record.sent, t)} />
      </p>
      {record.challenges.length > 0 && (
        <details class="raw">
          <summary>{t('request_raw')}</summary>
          <pre>{record.challenges.map((value) => `${challengeHeaderName(record.status)}: ${visible(value)}`).join('\n')}</pre>
        </details>
      )}
    </li>
  );
}
