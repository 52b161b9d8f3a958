import { useEffect, useState } from 'preact/hooks';
import type { TabLog } from '../../capture/types';
import type { Diagnosis } from '../../diagnosis/types';
import { primaryRecord } from '../../diagnosis/checklist';
import type { PopupActions } from '../connector';

interface Props {
  tabId: number;
  log: TabLog | null;
  diagnosis: Diagnosis;
  actions: PopupActions;
}

/** One-click fixes. Each does exactly what its label says and reports the result in a live region. */
export function FixesPanel({ tabId, log, diagnosis, actions }: Props) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [https, setHttps] = useState<string | null>(null);
  useEffect(() => {
    void actions.httpsVersion(tabId).then(setHttps).catch(() => setHttps(null));
  }, [tabId, actions]);

  const run = (action: () => Promise<{ ok: boolean; message: string } | void>) => async () => {
    setBusy(true);
    try {
      const outcome = await action();
      setResult(outcome ?? null);
    } catch (error) {
      setResult({ ok: false, message: `That did not work: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const record = log ? primaryRecord(log, diagnosis) : null;
  // The report builder loads on first use: it is not needed to show the popup.
  const report = async () => {
    const { buildReport } = await import('../../diagnosis/report');
    const empty = { tabId, pageUrl: null, committedAt: null, navigation: null, records: [], dropped: 0, total: 0, nextId: 1 };
    return actions.copy(buildReport(log ?? empty, diagnosis, actions.environment()));
  };
  const curl = async () => {
    const { buildCurl } = await import('../../diagnosis/report');
    return actions.copy(buildCurl(record!));
  };

  return (
    <section class="fixes" aria-labelledby="fixes-title">
      <h2 id="fixes-title" class="subhead">Fixes</h2>
      <div class="buttons">
        <button type="button" disabled={busy} onClick={run(() => actions.clearSiteData(tabId))}>
          Clear cookies and site data for this site
        </button>
        <button type="button" disabled={busy} onClick={run(() => actions.reload(tabId))}>
          Reload
        </button>
        {https && (
          <button type="button" disabled={busy} onClick={run(() => actions.openHttps(tabId))}>
            Open the https version
          </button>
        )}
        <button type="button" disabled={busy} onClick={run(() => actions.signInAgain(tabId))}>
          Sign in again
        </button>
        <button type="button" disabled={busy} onClick={run(async () => actions.checkProxy().then((r) => ({ ok: r.configured !== true, message: r.message })))}>
          Check for a proxy or VPN
        </button>
        <button type="button" disabled={busy} onClick={run(report)}>
          Copy a report
        </button>
        {record && (
          <button type="button" disabled={busy} onClick={run(curl)}>
            Copy as curl
          </button>
        )}
        <button type="button" disabled={busy} onClick={run(() => actions.openDeveloperView(tabId))}>
          Developer view
        </button>
      </div>
      <p class={result ? (result.ok ? 'result ok' : 'result warn') : 'result'} role="status" aria-live="polite" data-testid="fix-result">
        {result?.message ?? ''}
      </p>
      <p class="vpn-note">A VPN is invisible to extensions: if you use one, try once with it turned off.</p>
    </section>
  );
}
