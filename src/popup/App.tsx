import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TabLog } from '../capture/types';
import { buildChecklist } from '../diagnosis/checklist';
import { diagnose } from '../diagnosis/diagnose';
import { Checklist } from './components/Checklist';
import { DeveloperView } from './components/DeveloperView';
import { DiagnosisView } from './components/DiagnosisView';
import { FixesPanel } from './components/FixesPanel';
import { RefusalList } from './components/RefusalList';
import { StatusGuide } from './components/StatusGuide';
import { Summary } from './components/Summary';
import type { Connector } from './connector';

type State = { phase: 'loading' } | { phase: 'ready'; tabId: number; log: TabLog | null } | { phase: 'error'; message: string };

/** `?view=developer` shows the full-tab timeline instead of the popup. */
const developer = new URLSearchParams(location.search).get('view') === 'developer';

export function App({ connector }: { connector: Connector }) {
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let unwatch = () => {};
    let cancelled = false;
    (async () => {
      const tabId = await connector.tabId();
      if (tabId === null) throw new Error('There is no tab to explain.');
      unwatch = connector.watchTab(tabId, (log) => setState({ phase: 'ready', tabId, log }));
      const log = await connector.loadTab(tabId);
      if (!cancelled) setState({ phase: 'ready', tabId, log });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      unwatch();
    };
  }, [connector]);

  useEffect(() => {
    // Time to content, read by the benchmark and the e2e tests: once, when the first real content paints.
    if (state.phase === 'ready' && performance.getEntriesByName('popup:content').length === 0) performance.mark('popup:content');
  }, [state.phase]);

  const log = state.phase === 'ready' ? state.log : null;
  const diagnosis = useMemo(() => diagnose(log?.records ?? [], { now: Date.now(), pageUrl: log?.pageUrl ?? null }), [log]);
  const checklist = useMemo(() => (log ? buildChecklist(log, diagnosis) : null), [log, diagnosis]);

  return (
    <main aria-labelledby="title" class={developer ? 'developer-page' : undefined}>
      <header>
        <h1 id="title">401 Explainer{developer ? ': developer view' : ''}</h1>
      </header>
      {state.phase === 'loading' && <p class="loading">Loading…</p>}
      {state.phase === 'error' && (
        <p class="error" role="alert">
          Could not read this tab: {state.message}
        </p>
      )}
      {state.phase === 'ready' && developer && <DeveloperView log={log} />}
      {state.phase === 'ready' && !developer && (
        <>
          <Summary log={log} />
          <DiagnosisView diagnosis={diagnosis} />
          {checklist && diagnosis.causes.length > 0 && <Checklist checklist={checklist} tabId={state.tabId} actions={connector.actions} />}
          {log && log.records.length > 0 && <FixesPanel tabId={state.tabId} log={log} diagnosis={diagnosis} actions={connector.actions} />}
          {log && log.records.length > 0 && <RefusalList log={log} />}
          <StatusGuide />
        </>
      )}
    </main>
  );
}
