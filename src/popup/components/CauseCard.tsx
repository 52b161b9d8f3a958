import type { RankedCause } from '../../diagnosis/types';
import type { FixRunner } from '../fix-runner';
import { useT } from '../../ui/translate-context';
import { FixButtons } from './FixButtons';
import { Quoted } from './Quoted';

/**
 * One cause with the evidence behind it and the steps to take. The top cause opens expanded, and
 * each of its steps that a fix carries out has that fix's button beside it, with the cause's other
 * fixes after the steps.
 */
export function CauseCard({ cause, runner }: { cause: RankedCause; runner: FixRunner | null }) {
  const t = useT();
  const stepFixes = cause.visitorSteps.map((step) => step.fix);
  const moreFixes = cause.fixes.filter((fix) => !stepFixes.includes(fix));
  const body = (
    <>
      <h3 class="subhead">{t('cause_why')}</h3>
      <ul class="evidence">
        {cause.evidence.map((line) => (
          <li key={line}>
            <Quoted text={line} />
          </li>
        ))}
      </ul>
      <h3 class="subhead">{t('cause_what_to_do')}</h3>
      <ol class="steps">
        {cause.visitorSteps.map((step) => (
          <li key={step.text}>
            {step.text} {runner && step.fix && <FixButtons actions={[step.fix]} runner={runner} />}
          </li>
        ))}
      </ol>
      {runner && moreFixes.length > 0 && (
        <p class="cause-fixes">
          <FixButtons actions={moreFixes} runner={runner} />
        </p>
      )}
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
  if (runner) {
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
