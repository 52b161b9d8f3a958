import { useEffect, useState } from 'preact/hooks';
import type { TabLog } from '../capture/types';
import type { Diagnosis } from '../diagnosis/types';
import type { Translate } from '../diagnosis/translate';
import { primaryRecord } from '../view/checklist';
import type { ClearPlan } from '../view/cookie-scope';
import type { ProxyReading } from '../view/proxy-setting';
import type { PopupActions } from './connector';
import { type ActionId, type FixContext, type FixResult, fixOf, unavailableReason } from './fixes';
import type { Platform } from './platform';

export interface FixRunner {
  busy: boolean;
  /** What the last action did, for the live region. */
  result: FixResult | null;
  /** What "Clear cookies and site data" will delete, once asked, until confirmed or cancelled. */
  plan: ClearPlan | null;
  /** Whether an action applies here (the https switch only on plain http, curl only with a record). */
  available(action: ActionId): boolean;
  /** Why this browser cannot run an action that applies (Firefox for Android), or null when it can. */
  unavailable(action: ActionId): string | null;
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
  platform: Platform;
  onProxyRead(reading: ProxyReading): void;
}

/** The popup's one-click fixes and tools (fixes.ts): one place runs them all, and reports what each did. */
export function useFixRunner({ tabId, explainedPage, log, diagnosis, actions, t, platform, onProxyRead }: Options): FixRunner {
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

  const context: FixContext = { tabId, explainedPage, log, diagnosis, record, https, platform, actions, t, askToConfirmClear: setPlan, onProxyRead };

  return {
    busy,
    result,
    plan,
    available: (action) => fixOf(action).available?.(context) ?? true,
    unavailable: (action) => {
      const reason = unavailableReason(action, platform);
      return reason === null ? null : t(reason);
    },
    // The fix's work starts inside the click handler, before any await (Firefox's permission requests need that).
    run: (action) => void perform(() => fixOf(action).run(context)),
    confirmClear: () => {
      const confirmed = plan;
      if (confirmed) void perform(() => actions.clearSiteData(tabId, confirmed).finally(() => setPlan(null)));
    },
    cancelClear: () => setPlan(null),
  };
}
