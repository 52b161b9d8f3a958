import type { RankedCause } from '../../diagnosis/types';
import { t } from '../../shared/i18n';


/** One cause with the evidence behind it and the steps to take. The top cause opens expanded. */
export function CauseCard({ cause, primary }: { cause: RankedCause; primary: boolean }) {
  const body = (
    <>
      <h3 class="subhead">{t('cause_why')}</h3>
      <ul class="evidence">
        {cause.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3 class="subhead">{t('cause_what_to_do')}</h3>
      <ol class="steps">
        {cause.visitorSteps.map((step) => (
          <li key={step.text}>{step.text}</li>
        ))}
      </ol>
      <details class="owner">
        <summary>{t('cause_for_owner')}</summary>
        <ul class="steps">
          {cause.ownerSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
      </details>
    </>
  );
  const heading = (
    <>
      <span class={`likelihood ${cause.likelihood}`}>{t(`likelihood_${cause.likelihood}`)}</span> <span class="cause-title">{cause.title}</span>
    </>
  );
  if (primary) {
    return (
      <article class="cause primary" data-testid="top-cause" data-cause={cause.id}>
        <h2>{heading}</h2>
        {body}
      </article>
    );
  }
  return (
    <details class="cause" data-testid="other-cause" data-cause={cause.id}>
      <summary>{heading}</summary>
      {body}
    </details>
  );
}
