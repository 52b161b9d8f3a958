import type { Diagnosis } from '../../diagnosis/types';
import { t } from '../../shared/i18n';
import { CauseCard } from './CauseCard';

/** The ranked causes for the tab: the most likely one open, the others one click away. */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  if (diagnosis.causes.length === 0) return null;
  const [top, ...others] = diagnosis.causes;
  return (
    <section aria-label={t('diagnosis_label')} class="diagnosis">
      <CauseCard cause={top!} primary />
      {others.length > 0 && (
        <div class="others">
          <h2 class="subhead">{t('diagnosis_others')}</h2>
          {others.map((cause) => (
            <CauseCard key={cause.id} cause={cause} primary={false} />
          ))}
        </div>
      )}
    </section>
  );
}
