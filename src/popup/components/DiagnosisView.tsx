import type { Diagnosis } from '../../diagnosis/types';
import type { FixRunner } from '../fix-runner';
import { useT } from '../../ui/translate-context';
import { CauseCard } from './CauseCard';

/** The most likely cause, open, with its fixes. */
export function TopCause({ diagnosis, runner }: { diagnosis: Diagnosis; runner: FixRunner }) {
  const t = useT();
  const top = diagnosis.causes[0];
  if (!top) return null;
  return (
    <section aria-label={t('diagnosis_label')} class="diagnosis">
      <CauseCard cause={top} runner={runner} />
    </section>
  );
}

/** The other candidate causes, one click away each. */
export function OtherCauses({ diagnosis }: { diagnosis: Diagnosis }) {
  const t = useT();
  const others = diagnosis.causes.slice(1);
  if (others.length === 0) return null;
  return (
    <section class="others" aria-labelledby="others-title">
      <h2 id="others-title" class="subhead">
        {t('diagnosis_others')}
      </h2>
      {others.map((cause) => (
        <CauseCard key={cause.id} cause={cause} runner={null} />
      ))}
    </section>
  );
}
