import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { originOf } from '../capture/redact-url';
import type { TabLog } from '../capture/types';
import { buildChecklist } from '../view/checklist';
import type { ProxyReading } from '../view/proxy-setting';
import { Checklist } from './components/Checklist';
import { OtherCauses, TopCause } from './components/DiagnosisView';
import { FixFeedback } from './components/FixFeedback';
import { PreviousPage } from './components/PreviousPage';
import { RefusalList } from './components/RefusalList';
import { SignInCard } from './components/SignInCard';
import { StatusGuide } from './components/StatusGuide';
import { Summary } from './components/Summary';
import { ToolsPanel } from './components/ToolsPanel';
import type { Connector, TabState } from './connector';
import { useFixRunner } from './fix-runner';
import type { Platform } from './platform';
import { HostAccessNotice } from '../ui/HostAccessNotice';
import { useT } from '../ui/translate-context';

/** The developer view loads only when asked for: the popup does not need it. */
function LazyDeveloperView({ log }: { log: TabLog | null }) {
  const t = useT();
  const [view, setView] = useState<typeof import('./components/DeveloperView') | null>(null);
  useEffect(() => void import('./components/DeveloperView').then(setView), []);
  return view ? <view.DeveloperView log={log} /> : <p class="loading">{t('popup_loading')}</p>;
}

export type Initial = { tabId: number } & TabState;

/** The tab to explain and its state, fetched once at start-up. */
export async function loadInitial(connector: Connector, noTabMessage: string): Promise<Initial> {
  const early = await connector.prefetched?.()?.catch(() => null);
  if (early && early.tabId !== null && early.state) return { tabId: early.tabId, ...early.state };
  const tabId = await connector.tabId();
  if (tabId === null) throw new Error(noTabMessage);
  return { tabId, ...(await connector.loadTab(tabId)) };
}

/** Shown instead of the popup when the tab or its state could not be read. */
export function LoadError({ error }: { error: unknown }) {
  const t = useT();
  return (
    <main aria-labelledby="title">
      <header>
        <h1 id="title">{t('extName')}</h1>
      </header>
      <p class="error" role="alert">
        {t('popup_error', [error instanceof Error ? error.message : String(error)])}
      </p>
    </main>
  );
}

/** Follows the tab's state from `initial` on, including a change published while the popup was starting. */
function useTabState(connector: Connector, initial: Initial): TabState {
  const [state, setState] = useState<TabState>(initial);
  useEffect(() => {
    const unwatch = connector.watchTab(initial.tabId, setState);
    // The first read happened before this subscription: read once more so a change in between is not missed.
    const before = JSON.stringify(initial);
    void connector.loadTab(initial.tabId).then((now) => JSON.stringify({ tabId: initial.tabId, ...now }) !== before && setState(now), () => {});
    return unwatch;
  }, [connector, initial]);
  return state;
}

/**
 * The popup, first rendered once the tab's state is known. Sized for Chrome's popup (400×600):
 * the verdict, the top cause's evidence and the fixes that serve it come first, without scrolling;
 * what the extension checked, the steps to tick, the other causes, the tools, the requests and the
 * status guide follow.
 */
export function App({ connector, initial, developer = false }: { connector: Connector; initial: Initial; developer?: boolean }) {
  const t = useT();
  const { log, diagnosis, previousDiagnosis } = useTabState(connector, initial);
  const { tabId } = initial;
  // The site this popup explains, fixed when it first learns it: if the page moves its tab to another
  // site meanwhile, the fixes refuse to act there (they compare it with where the tab is now).
  const [explainedPage, setExplainedPage] = useState(initial.log?.pageUrl ?? null);
  useEffect(() => void (explainedPage === null && log?.pageUrl && setExplainedPage(log.pageUrl)), [explainedPage, log]);
  const moved = explainedPage !== null && log?.pageUrl && originOf(log.pageUrl) !== originOf(explainedPage) ? log.pageUrl : null;

  // Time to content (read by the benchmark): the first render is the content.
  useLayoutEffect(() => void performance.mark('popup:content'), []);

  // Paint the verdict first; what follows it comes one frame later.
  const [showDetails, setShowDetails] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setShowDetails(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  const checklist = useMemo(() => (log ? buildChecklist(log, diagnosis, t) : null), [log, diagnosis, t]); // diagnosed by the worker
  // The browser's proxy setting, for the checklist; a click on "Check for a proxy or VPN" updates it too.
  const [proxy, setProxy] = useState<ProxyReading | null | undefined>(undefined);
  useEffect(() => void connector.actions.browserProxy().then(setProxy, () => setProxy(null)), [connector]);
  // Without access to every site the page may look fine when it is not: said first, once known.
  const [hostAccess, setHostAccess] = useState<boolean | undefined>(undefined);
  useEffect(() => void connector.actions.hostAccess().then(setHostAccess, () => setHostAccess(true)), [connector]);
  // Firefox for Android cannot run some fixes: they say why there (fixes.ts, UNAVAILABLE_ON_ANDROID).
  const [platform, setPlatform] = useState<Platform | undefined>(undefined);
  useEffect(() => void connector.actions.platform().then(setPlatform, () => setPlatform('desktop')), [connector]);
  const runner = useFixRunner({ tabId, explainedPage, log, diagnosis, actions: connector.actions, t, platform: platform ?? 'desktop', onProxyRead: setProxy });
  const hasRecords = log !== null && log.records.length > 0;

  // Complete (for tests and screenshots) once the details are drawn with every fact read.
  const complete = showDetails && proxy !== undefined && hostAccess !== undefined && platform !== undefined;
  return (
    <main aria-labelledby="title" class={developer ? 'developer-page' : undefined} data-complete={complete || undefined}>
      <header>
        <h1 id="title">{developer ? t('developer_title') : t('extName')}</h1>
      </header>
      {developer ? (
        <LazyDeveloperView log={log} />
      ) : (
        <>
          {moved && (
            <p class="error" role="alert" data-testid="tab-moved">
              {t('popup_tab_moved', [originOf(moved) ?? moved, originOf(explainedPage) ?? ''])}
            </p>
          )}
          {hostAccess === false && <HostAccessNotice request={connector.actions.requestHostAccess} />}
          <SignInCard source={connector.signIn} tabId={tabId} />
          <Summary log={log} />
          <TopCause diagnosis={diagnosis} runner={runner} />
          {hasRecords && <FixFeedback runner={runner} />}
          {log?.previous && <PreviousPage previous={log.previous} diagnosis={previousDiagnosis} />}
          {showDetails && (
            <>
              {checklist && diagnosis.causes.length > 0 && <Checklist checklist={checklist} browserProxy={proxy} tabId={tabId} actions={connector.actions} />}
              <OtherCauses diagnosis={diagnosis} />
              {hasRecords && <ToolsPanel runner={runner} shown={diagnosis.causes[0]?.fixes ?? []} />}
              {hasRecords && <RefusalList log={log} />}
              <StatusGuide />
            </>
          )}
        </>
      )}
    </main>
  );
}
