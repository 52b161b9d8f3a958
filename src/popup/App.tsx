import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { TabLog } from '../capture/types';
import { buildChecklist } from '../diagnosis/checklist';
import { Checklist } from './components/Checklist';
import { DiagnosisView } from './components/DiagnosisView';
import { FixesPanel } from './components/FixesPanel';
import { RefusalList } from './components/RefusalList';
import { StatusGuide } from './components/StatusGuide';
import { Summary } from './components/Summary';
import { t } from '../shared/i18n';
import type { Connector, TabState } from './connector';

type State = { phase: 'loading' } | ({ phase: 'ready'; tabId: number } & TabState) | { phase: 'error'; message: string };

/** `?view=developer` shows the full-tab timeline instead of the popup. */
const developer = new URLSearchParams(location.search).get('view') === 'developer';

/** The developer view loads only when asked for: the popup does not need it. */
function LazyDeveloperView({ log }: { log: TabLog | null }) {
  const [view, setView] = useState<typeof import('./components/DeveloperView') | null>(null);
  useEffect(() => void import('./components/DeveloperView').then(setView), []);
  return view ? <view.DeveloperView log={log} /> : <p class="loading">{t('popup_loading')}</p>;
}

type Initial = { tabId: number } & TabState;

/** The tab to explain and its state, fetched once at start-up. */
export async function loadInitial(connector: Connector): Promise<Initial> {
  const early = await connector.prefetched?.()?.catch(() => null);
  if (early && early.tabId !== null && early.state) return { tabId: early.tabId, ...early.state };
  const tabId = await connector.tabId();
  if (tabId === null) throw new Error(t('popup_no_tab'));
  return { tabId, ...(await connector.loadTab(tabId)) };
}

export function App({ connector, initial }: { connector: Connector; initial: Promise<Initial> }) {
  const [state, setState] = useState<State>({ phase: 'loading' });

  // A layout effect, not a plain one: it subscribes before the first paint, so data that has
  // already arrived is shown one frame sooner.
  useLayoutEffect(() => {
    let unwatch = () => {};
    let cancelled = false;
    initial
      .then((ready) => {
        if (cancelled) return;
        setState({ phase: 'ready', ...ready });
        unwatch = connector.watchTab(ready.tabId, (next) => setState({ phase: 'ready', tabId: ready.tabId, ...next }));
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      unwatch();
    };
  }, [connector, initial]);

  useLayoutEffect(() => {
    // Time to content (read by the benchmark and the e2e tests): once, when the tab's content is first in the document.
    if (state.phase === 'ready' && performance.getEntriesByName('popup:content').length === 0) performance.mark('popup:content');
  }, [state.phase]);

  // Paint the verdict first; the checklist, fixes and request list follow one frame later.
  const [showDetails, setShowDetails] = useState(false);
  useEffect(() => {
    if (state.phase !== 'ready' || showDetails) return;
    const frame = requestAnimationFrame(() => setShowDetails(true));
    return () => cancelAnimationFrame(frame);
  }, [state.phase, showDetails]);

  const log = state.phase === 'ready' ? state.log : null;
  const diagnosis = state.phase === 'ready' ? state.diagnosis : null; // diagnosed by the worker when it published the log
  const checklist = useMemo(() => (log && diagnosis ? buildChecklist(log, diagnosis, t) : null), [log, diagnosis]);

  return (
    <main aria-labelledby="title" class={developer ? 'developer-page' : undefined} data-complete={showDetails || undefined}>
      <header>
        <h1 id="title">{developer ? t('developer_title') : t('extName')}</h1>
      </header>
      {state.phase === 'loading' && <p class="loading">{t('popup_loading')}</p>}
      {state.phase === 'error' && (
        <p class="error" role="alert">
          {t('popup_error', [state.message])}
        </p>
      )}
      {state.phase === 'ready' && developer && <LazyDeveloperView log={log} />}
      {state.phase === 'ready' && !developer && (
        <>
          <Summary log={log} />
          <DiagnosisView diagnosis={state.diagnosis} />
          {showDetails && (
            <>
              {checklist && state.diagnosis.causes.length > 0 && <Checklist checklist={checklist} tabId={state.tabId} actions={connector.actions} />}
              {log && log.records.length > 0 && <FixesPanel tabId={state.tabId} log={log} diagnosis={state.diagnosis} actions={connector.actions} />}
              {log && log.records.length > 0 && <RefusalList log={log} />}
              <StatusGuide />
            </>
          )}
        </>
      )}
    </main>
  );
}
