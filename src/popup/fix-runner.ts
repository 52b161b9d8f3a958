import { useEffect, useState } from 'preact/hooks';
import { createTabLog } from '../capture/tab-log';
import type { TabLog } from '../capture/types';
import type { Diagnosis, FixId } from '../diagnosis/types';
import type { Translate } from '../diagnosis/translate';
import { primaryRecord } from '../view/checklist';
import type { ClearPlan } from '../view/cookie-scope';
import type { ProxyReading } from '../view/proxy-setting';
import type { PopupActions } from './connector';
import type { FixResult } from './site-actions';

/** Every button the popup can show: the causes' fixes, and tools for the site owner or developer. */
export type ActionId = FixId | 'copy-curl' | 'developer-view';

/** Each action's label (message key), in the order the tools row lists them. */
export const ACTION_LABELS: Record<ActionId, string> = {
  'sign-in-again': 'fix_sign_in',
  reload: 'fix_reload',
  'clear-site-data': 'fix_clear',
  'open-https': 'fix_https',
  'check-proxy': 'fix_proxy',
  'copy-report': 'fix_report',
  'copy-curl': 'fix_curl',
  'developer-view': 'fix_developer',
};

export interface FixRunner {
  busy: boolean;
  /** What the last action did, for the live region. */
  result: FixResult | null;
  /** What "Clear cookies and site data" will delete, once asked, until confirmed or cancelled. */
  plan: ClearPlan | null;
  /** Whether an action applies here (the https switch only on plain http, curl only with a record). */
  available(action: ActionId): boolean;
  run(action: ActionId): void;
  confirmClear(): void;
  cancelClear(): void;
}

interface Options {
  tabId: number;
  /** The page this popup explains: fixes act on its site only (and refuse if the tab has moved). */
  explainedPage: string | null;
  log: TabLog | null;
  diagnosis: Diagnosis;
  actions: PopupActions;
  t: Translate;
  onProxyRead(reading: ProxyReading): void;
}

/** The popup's one-click fixes and tools: one place runs them all, and reports what each did. */
export function useFixRunner({ tabId, explainedPage, log, diagnosis, actions, t, onProxyRead }: Options): FixRunner {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FixResult | null>(null);
  const [plan, setPlan] = useState<ClearPlan | null>(null);
  const [https, setHttps] = useState<string | null>(null);
  useEffect(() => {
    void actions.httpsVersion(tabId).then(setHttps, () => setHttps(null));
  }, [tabId, actions]);
  const record = log ? primaryRecord(log, diagnosis) : null;

  const perform = async (work: () => Promise<FixResult | undefined>) => {
    setBusy(true);
    try {
      setResult((await work()) ?? null);
    } catch (error) {
      setResult({ ok: false, message: t('fix_failed', [error instanceof Error ? error.message : String(error)]) });
    } finally {
      setBusy(false);
    }
  };

  const handlers: Record<ActionId, () => Promise<FixResult | undefined>> = {
    'sign-in-again': () => actions.signInAgain(tabId, explainedPage),
    reload: () => actions.reload(tabId),
    'open-https': () => actions.openHttps(tabId, explainedPage),
    'clear-site-data': async () => {
      const planned = await actions.planClearSiteData(tabId, explainedPage);
      if ('plan' in planned) {
        setPlan(planned.plan);
        return undefined;
      }
      return planned;
    },
    'check-proxy': async () => {
      const reading = await actions.checkProxy();
      onProxyRead(reading);
      return { ok: reading.configured !== true, message: reading.message };
    },
    // The report and the curl builder load on first use: they are not needed to show the popup.
    'copy-report': async () => {
      const { buildReport } = await import('../view/report');
      return actions.copy(buildReport(log ?? createTabLog(tabId), diagnosis, actions.environment(), t));
    },
    'copy-curl': async () => {
      const { buildCurl } = await import('../view/curl-command');
      const curl = buildCurl(record!);
      return curl.ok ? actions.copy(curl.command) : { ok: false, message: t(`curl_refused_${curl.reason}`) };
    },
    'developer-view': async () => {
      await actions.openDeveloperView(tabId);
      return undefined;
    },
  };

  return {
    busy,
    result,
    plan,
    available: (action) => (action === 'open-https' ? https !== null : action === 'copy-curl' ? record !== null : true),
    run: (action) => void perform(handlers[action]),
    confirmClear: () => {
      const confirmed = plan;
      if (confirmed) void perform(() => actions.clearSiteData(tabId, confirmed).finally(() => setPlan(null)));
    },
    cancelClear: () => setPlan(null),
  };
}
