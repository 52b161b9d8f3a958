import { useEffect, useState } from 'preact/hooks';
import { createTabLog } from '../../capture/tab-log';
import type { TabLog } from '../../capture/types';
import type { ProxyReading } from '../../view/proxy-setting';
import type { Diagnosis } from '../../diagnosis/types';
import { primaryRecord } from '../../view/checklist';
import { t } from '../../shared/i18n';
import type { ClearPlan } from '../../view/cookie-scope';
import type { PopupActions } from '../connector';

/** Exactly what "Clear" will delete, said before it does. */
function clearPlanText(plan: ClearPlan): string {
  const cookies = plan.cookies === 1 ? t('fix_clear_plan_one', [plan.host]) : t('fix_clear_plan_many', [plan.cookies, plan.host]);
  const shared = plan.sharedWith.length ? ` ${t('fix_clear_plan_shared', [plan.sharedWith.join(', ')])}` : '';
  return `${cookies}${shared} ${t('fix_clear_plan_storage', [plan.origin])}`;
}

interface Props {
  tabId: number;
  log: TabLog | null;
  /** The page this popup explains (fixed when it opened): fixes act on its site only. */
  explainedPage: string | null;
  diagnosis: Diagnosis;
  actions: PopupActions;
  /** Told what the proxy check read, so the checklist shows the same. */
  onProxyRead(reading: ProxyReading): void;
}

/** One-click fixes. Each does exactly what its label says and reports the result in a live region. */
export function FixesPanel({ tabId, log, explainedPage, diagnosis, actions, onProxyRead }: Props) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [https, setHttps] = useState<string | null>(null);
  useEffect(() => {
    void actions.httpsVersion(tabId).then(setHttps).catch(() => setHttps(null));
  }, [tabId, actions]);

  const run = (action: () => Promise<{ ok: boolean; message: string } | undefined>) => async () => {
    setBusy(true);
    try {
      const outcome = await action();
      setResult(outcome ?? null);
    } catch (error) {
      setResult({ ok: false, message: t('fix_failed', [error instanceof Error ? error.message : String(error)]) });
    } finally {
      setBusy(false);
    }
  };

  const record = log ? primaryRecord(log, diagnosis) : null;
  // The site the popup explains: fixes act on it alone, and refuse if the tab has moved elsewhere.
  const shownPage = explainedPage;
  const [plan, setPlan] = useState<ClearPlan | null>(null);
  const planClear = async () => {
    const planned = await actions.planClearSiteData(tabId, shownPage);
    if ('plan' in planned) {
      setPlan(planned.plan);
      return undefined;
    }
    return planned;
  };
  // The report builder loads on first use: it is not needed to show the popup.
  const report = async () => {
    const { buildReport } = await import('../../view/report');
    return actions.copy(buildReport(log ?? createTabLog(tabId), diagnosis, actions.environment(), t));
  };
  const checkProxy = async () => {
    const reading = await actions.checkProxy();
    onProxyRead(reading);
    return { ok: reading.configured !== true, message: reading.message };
  };
  const curl = async () => {
    const { buildCurl } = await import('../../view/curl-command');
    const curl = buildCurl(record!);
    return curl.ok ? actions.copy(curl.command) : { ok: false, message: t(`curl_refused_${curl.reason}`) };
  };

  return (
    <section class="fixes" aria-labelledby="fixes-title">
      <h2 id="fixes-title" class="subhead">
        {t('fixes_title')}
      </h2>
      <div class="buttons">
        <button type="button" disabled={busy} onClick={run(planClear)} aria-expanded={plan !== null}>
          {t('fix_clear')}
        </button>
        <button type="button" disabled={busy} onClick={run(() => actions.reload(tabId))}>
          {t('fix_reload')}
        </button>
        {https && (
          <button type="button" disabled={busy} onClick={run(() => actions.openHttps(tabId, shownPage))}>
            {t('fix_https')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={run(() => actions.signInAgain(tabId, shownPage))}>
          {t('fix_sign_in')}
        </button>
        <button type="button" disabled={busy} onClick={run(checkProxy)}>
          {t('fix_proxy')}
        </button>
        <button type="button" disabled={busy} onClick={run(report)}>
          {t('fix_report')}
        </button>
        {record && (
          <button type="button" disabled={busy} onClick={run(curl)}>
            {t('fix_curl')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={run(async () => void (await actions.openDeveloperView(tabId)))}>
          {t('fix_developer')}
        </button>
      </div>
      {plan && (
        <fieldset class="confirm" data-testid="clear-plan">
          <legend>{clearPlanText(plan)}</legend>
          <button type="button" disabled={busy} onClick={run(() => actions.clearSiteData(tabId, plan).finally(() => setPlan(null)))}>
            {t('fix_clear_confirm')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setPlan(null)}>
            {t('fix_clear_cancel')}
          </button>
        </fieldset>
      )}
      <p class={result ? (result.ok ? 'result ok' : 'result warn') : 'result'} role="status" aria-live="polite" data-testid="fix-result">
        {result?.message ?? ''}
      </p>
      <p class="vpn-note">{t('fix_vpn_note')}</p>
    </section>
  );
}
