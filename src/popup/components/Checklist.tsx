import { useEffect, useState } from 'preact/hooks';
import { browserProxyFact, type Checklist as ChecklistData, type CheckFact } from '../../view/checklist';
import type { ProxyReading } from '../../view/proxy-setting';
import { useT } from '../../ui/translate-context';
import type { PopupActions } from '../connector';

function factClass(fact: CheckFact): string {
  if (fact.state === 'unknown') return 'fact unknown';
  return fact.state === fact.goodWhen ? 'fact good' : 'fact bad';
}

interface Props {
  checklist: ChecklistData;
  /** undefined while it is being read. */
  browserProxy: ProxyReading | null | undefined;
  tabId: number;
  actions: PopupActions;
}

/** What the extension checked by itself, then the steps to try, which the person ticks off. */
export function Checklist({ checklist, browserProxy, tabId, actions }: Props) {
  const t = useT();
  const [ticks, setTicks] = useState<string[]>([]);
  useEffect(() => {
    void actions.loadTicks(tabId).then(setTicks).catch(() => {});
  }, [tabId, actions]);
  // The browser's proxy setting joins the facts once read (null: could not be read, shown as unknown).
  const facts = browserProxy === undefined ? checklist.facts : [...checklist.facts, browserProxyFact(browserProxy, t)];

  const toggle = (step: string) => {
    const next = ticks.includes(step) ? ticks.filter((tick) => tick !== step) : [...ticks, step];
    setTicks(next);
    void actions.saveTicks(tabId, next).catch(() => {});
  };

  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title" class="subhead">
        {t('checklist_checked')}
      </h2>
      <ul class="facts" data-testid="checklist-facts">
        {facts.map((fact) => (
          <li key={fact.id} class={factClass(fact)} data-fact={fact.id} data-state={fact.state}>
            <span class="fact-label">{fact.label}</span>: <strong>{t(`check_${fact.state}`)}</strong>
          </li>
        ))}
      </ul>
      {checklist.steps.length > 0 && (
        <h2 class="subhead" id="ticks-title">
          {t('checklist_also_try')}
        </h2>
      )}
      <ul class="ticks" aria-labelledby="ticks-title">
        {checklist.steps.map((step, index) => (
          <li key={step}>
            <label>
              <input type="checkbox" checked={ticks.includes(step)} onChange={() => toggle(step)} aria-describedby={`step-${index}`} />{' '}
              <span id={`step-${index}`}>{step}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
