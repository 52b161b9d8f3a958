import type { RefusalRecord, SentCredentials } from '../../capture/types';
import { describeRefusal, schemesOf } from '../../diagnosis/describe-refusal';

const TYPE_NAMES: Record<string, string> = {
  main_frame: 'page',
  sub_frame: 'frame',
  xmlhttprequest: 'fetch/XHR',
  image: 'image',
  script: 'script',
  stylesheet: 'stylesheet',
  font: 'font',
  media: 'media',
  websocket: 'WebSocket',
  other: 'other',
};

function sentText(sent: SentCredentials): string {
  if (!sent.observed) return ' · Sent: not observed for this kind of request';
  const credentials = sent.authorizationScheme ? `Sent: ${sent.authorizationScheme}` : 'Sent: no credentials';
  return ` · ${credentials} · ${sent.cookies ? `cookies (${sent.cookieCount})` : 'no cookies'}`;
}

/** One refused request. Every server-controlled string is rendered as text by Preact, never as HTML. */
export function RefusalItem({ record }: { record: RefusalRecord }) {
  const schemes = schemesOf(record);
  return (
    <li class={record.recovered ? 'refusal recovered' : 'refusal'} data-testid="refusal">
      <div class="line">
        <span class={`status s${record.status}`}>{record.status}</span>
        <span class="method">{record.preflight ? 'OPTIONS (preflight)' : record.method}</span>
        <span class="type">{TYPE_NAMES[record.resourceType] ?? record.resourceType}</span>
        {record.attributedByInitiator && <span class="type" title="Sent outside any tab (e.g. by the site's service worker); matched to this tab by its site">from a background worker</span>}
        {record.count > 1 && <span class="count">×{record.count}</span>}
        <span class={record.recovered ? 'state ok' : 'state warn'}>{record.recovered ? 'Recovered' : 'Not recovered'}</span>
      </div>
      <p class="url" title={record.url}>
        {record.url}
      </p>
      <p class="meaning">{describeRefusal(record)}</p>
      <p class="asked">
        {schemes.length ? `Asked for: ${schemes.join(', ')}` : 'Asked for: nothing (no challenge header)'}
        {sentText(record.sent)}
      </p>
      {record.challenges.length > 0 && (
        <details class="raw">
          <summary>Raw challenge</summary>
          <pre>{record.challenges.map((value) => `${record.status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate'}: ${value}`).join('\n')}</pre>
        </details>
      )}
    </li>
  );
}
