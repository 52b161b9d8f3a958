import { useEffect, useState } from 'preact/hooks';
import type { TabLog } from '../capture/types';
import { DiagnosisView } from './components/DiagnosisView';
import { RefusalList } from './components/RefusalList';
import { StatusGuide } from './components/StatusGuide';
import { Summary } from './components/Summary';
import type { Connector } from './connector';

type State = { phase: 'loading' } | { phase: 'ready'; log: TabLog | null } | { phase: 'error'; message: string };

export function App({ connector }: { connector: Connector }) {
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let unwatch = () => {};
    let cancelled = false;
    (async () => {
      const tabId = await connector.tabId();
      if (tabId === null) throw new Error('There is no tab to explain.');
      unwatch = connector.watchTab(tabId, (log) => setState({ phase: 'ready', log }));
      const log = await connector.loadTab(tabId);
      if (!cancelled) setState({ phase: 'ready', log });
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

  return (
    <main aria-labelledby="title">
      <header>
        <h1 id="title">401 Explainer</h1>
      </header>
      {state.phase === 'loading' && <p class="loading">Loading…</p>}
      {state.phase === 'error' && (
        <p class="error" role="alert">
          Could not read this tab: {state.message}
        </p>
      )}
      {state.phase === 'ready' && (
        <>
          <Summary log={state.log} />
          {state.log && <DiagnosisView log={state.log} />}
          {state.log && state.log.records.length > 0 && <RefusalList log={state.log} />}
          <StatusGuide />
        </>
      )}
    </main>
  );
}
