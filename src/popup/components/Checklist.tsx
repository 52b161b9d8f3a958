import { useEffect, useState } from 'preact/hooks';
import type { Checklist as ChecklistData, CheckFact } from '../../diagnosis/checklist';
import { t } from '../../shared/i18n';
import type { PopupActions } from '../connector';


function factClass(fact: CheckFact): string {
  if (fact.state === 'unknown') return 'fact unknown';
  return fact.state === fact.goodWhen ? 'fact good' : 'fact bad';
}

/** What the extension checked by itself, then the steps to try, which the person ticks off. */
export function Checklist({ checklist, tabId, actions }: { checklist: ChecklistData; tabId: number; actions: PopupActions }) {
  const [ticks, setTicks] = useState<string[]>([]);
  useEffect(() => {
    void actions.loadTicks(tabId).then(setTicks).catch(() => {});
  }, [tabId, actions]);

  const toggle = (step: string) => {
    const next = ticks.includes(step) ? ticks.filter((t) => t !== step) : [...ticks, step];
    setTicks(next);
    void actions.saveTicks(tabId, next).catch(() => {});
  };

  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title" class="subhead">
        {t('checklist_title')}
      </h2>
      <ul class="facts" data-testid="checklist-facts">
        {checklist.facts.map((fact) => (
          <li key={fact.id} class={factClass(fact)} data-fact={fact.id} data-state={fact.state}>
            <span class="fact-label">{fact.label}</span>: <strong>{t(`check_${fact.state}`)}</strong>
          </li>
        ))}
      </ul>
      <ul class="ticks">
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
