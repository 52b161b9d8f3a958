import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { unrecovered } from '../../capture/tab-log';
import { diagnose } from '../../diagnosis/diagnose';
import { readExchanges } from '../../har/har-records';
import { exchangeOf } from '../../har/read-har';
import { type SanitizedHar, sanitizeHar } from '../../har/sanitize-har';
import { buildAiPrompt } from '../../view/ai-prompt';
import { useT } from '../../ui/translate-context';
import { copyText, jsonFileUrl } from '../panel-actions';
import { useEntries } from '../use-entries';
import { NeighbourTable } from './NeighbourTable';
import { OwnerCause } from './OwnerCause';
import { RemovedList } from './RemovedList';
import { RequestTable } from './RequestTable';

/** Matches a filter against what a person sees of an exchange: status, method and address. */
function matches(filter: string, status: number, method: string, url: string): boolean {
  return filter === '' || `${status} ${method} ${url}`.toLowerCase().includes(filter.toLowerCase());
}

/**
 * The DevTools panel (and, outside DevTools, the HAR reader): the inspected tab's refusals with the
 * popup's diagnosis, the site owner's steps first, the server's own words from response bodies,
 * 400/403 neighbours, a filter, a sanitized HAR export and a prompt for an AI assistant.
 * Everything is computed here from DevTools' log; the worker is not involved.
 */
export function PanelApp({ live }: { live: boolean }) {
  const t = useT();
  const data = useEntries(live);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState('');
  const [exported, setExported] = useState<(SanitizedHar & { url: string }) | null>(null);
  const [prompt, setPrompt] = useState<string | null>(null);

  const exchanges = useMemo(() => data.entries.map(exchangeOf).filter((e) => e !== null), [data.entries]);
  const shown = useMemo(() => exchanges.filter((e) => matches(filter, e.status, e.method, e.url)), [exchanges, filter]);
  const reading = useMemo(() => readExchanges(shown), [shown]);
  const diagnosis = useMemo(
    () => diagnose(reading.log.records, { now: data.source.kind === 'file' ? reading.endedAt : Date.now(), t, pageUrl: reading.log.pageUrl }),
    [reading, data.source.kind, t],
  );
  useEffect(() => () => void (exported && URL.revokeObjectURL(exported.url)), [exported]);

  const open = unrecovered(reading.log.records).length;
  const exportHar = () => {
    const result = sanitizeHar(data.entries, { name: t('extName'), version: browser.runtime.getManifest().version });
    setExported({ ...result, url: jsonFileUrl(result.har) });
  };
  const copyPrompt = async () => {
    const text = buildAiPrompt(reading.log, diagnosis, t);
    setPrompt(text);
    setNotice((await copyText(text)) ? t('panel_copied') : t('panel_copy_failed'));
  };

  return (
    <main aria-labelledby="title" data-complete="">
      <header>
        <h1 id="title">{t('extName')}</h1>
        <p class="source" data-testid="panel-source">
          {data.source.kind === 'file'
            ? t('panel_source_file', [data.source.name, exchanges.length])
            : data.source.kind === 'live'
              ? t('panel_source_live', [exchanges.length])
              : t('panel_source_none')}
        </p>
      </header>
      <div class="toolbar" role="toolbar" aria-label={t('panel_tools')}>
        <input type="search" value={filter} placeholder={t('panel_filter')} aria-label={t('panel_filter')} onInput={(e) => setFilter(e.currentTarget.value)} data-testid="panel-filter" />
        <button type="button" onClick={exportHar} disabled={exchanges.length === 0} data-testid="export-har">
          {t('panel_export')}
        </button>
        <button type="button" onClick={() => void copyPrompt()} disabled={open === 0} data-testid="copy-ai">
          {t('panel_copy_ai')}
        </button>
        <label class="file-button">
          {t('panel_import')}
          <input type="file" accept=".har,application/json" data-testid="import-har" onChange={(e) => void (e.currentTarget.files?.[0] && data.importFile(e.currentTarget.files[0]))} />
        </label>
        {data.source.kind === 'file' && live ? (
          <button type="button" onClick={data.backToLive}>
            {t('panel_back_live')}
          </button>
        ) : (
          <button type="button" onClick={data.clear} disabled={exchanges.length === 0}>
            {t('panel_clear')}
          </button>
        )}
      </div>
      {data.error && (
        <p class="error" role="alert" data-testid="import-error">
          {t(`har_error_${data.error}`)}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p class={open ? 'summary' : 'summary calm'} data-testid="panel-summary">
        {open || reading.log.records.length ? t('panel_summary', [open, reading.log.records.length - open, reading.neighbours.length]) : t('panel_nothing')}
      </p>
      {diagnosis.causes.map((cause, i) => (
        <OwnerCause key={cause.id} cause={cause} primary={i === 0} />
      ))}
      {reading.log.records.length > 0 && (
        <section aria-labelledby="requests-title">
          <h2 id="requests-title">{t('requests_title')}</h2>
          <RequestTable records={reading.log.records} />
        </section>
      )}
      {reading.neighbours.length > 0 && (
        <section aria-labelledby="neighbours-title">
          <h2 id="neighbours-title">{t('panel_neighbours_title')}</h2>
          <NeighbourTable neighbours={reading.neighbours} />
        </section>
      )}
      {exported && <RemovedList removed={exported.removed} fileUrl={exported.url} fileName="401-explainer-sanitized.har" count={exported.har.log.entries.length} />}
      {prompt && (
        <details open>
          <summary>{t('panel_prompt_title')}</summary>
          <pre class="prompt" data-testid="ai-prompt">
            {prompt}
          </pre>
        </details>
      )}
    </main>
  );
}
