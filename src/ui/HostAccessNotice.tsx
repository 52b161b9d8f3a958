import { useState } from 'preact/hooks';
import { useT } from './translate-context';

/**
 * Shown when the extension may not read every site: without it a page can look fine here when it
 * is not. The button asks the browser for access again (the click is the gesture it requires).
 */
export function HostAccessNotice({ request }: { request: () => Promise<boolean> }) {
  const t = useT();
  const [outcome, setOutcome] = useState<'granted' | 'denied' | null>(null);
  const ask = () => void request().then((granted) => setOutcome(granted ? 'granted' : 'denied'), () => setOutcome('denied'));
  if (outcome === 'granted') {
    return (
      <p class="result ok" role="status" data-testid="host-access">
        {t('host_access_granted')}
      </p>
    );
  }
  return (
    <section class="host-access" role="alert" data-testid="host-access">
      <p>{t('host_access_missing')}</p>
      <button type="button" onClick={ask}>
        {t('host_access_request')}
      </button>
      {outcome === 'denied' && <p class="result warn">{t('host_access_denied')}</p>}
    </section>
  );
}
