import type { RankedCause } from '../../diagnosis/types';
import { Quoted } from '../../ui/Quoted';
import { useT } from '../../ui/translate-context';

/** One cause as the site owner needs it: their steps first, then the evidence, then what a visitor can do. */
export function OwnerCause({ cause, primary }: { cause: RankedCause; primary: boolean }) {
  const t = useT();
  return (
    <article class={primary ? 'cause primary' : 'cause'} data-testid="panel-cause" data-cause={cause.id}>
      <h3>
        <span class={`likelihood ${cause.likelihood}`}>{t(`likelihood_${cause.likelihood}`)}</span>
        <span class="cause-title">{cause.title}</span>
      </h3>
      <h4 class="subhead">{t('cause_for_owner')}</h4>
      <ol class="steps" data-testid="owner-steps">
        {cause.ownerSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h4 class="subhead">{t('cause_why')}</h4>
      <ul class="evidence">
        {cause.evidence.map((line) => (
          <li key={line}>
            <Quoted text={line} />
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('panel_visitor_steps')}</summary>
        <ol class="steps">
          {cause.visitorSteps.map((step) => (
            <li key={step.text}>{step.text}</li>
          ))}
        </ol>
      </details>
    </article>
  );
}
