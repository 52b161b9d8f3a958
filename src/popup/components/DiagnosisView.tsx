import { useMemo } from 'preact/hooks';
import type { TabLog } from '../../capture/types';
import { diagnose } from '../../diagnosis/diagnose';
import { CauseCard } from './CauseCard';

/** The ranked causes for the tab: the most likely one open, the others one click away. */
export function DiagnosisView({ log }: { log: TabLog }) {
  const diagnosis = useMemo(() => diagnose(log.records, { now: Date.now(), pageUrl: log.pageUrl }), [log]);
  if (diagnosis.causes.length === 0) return null;
  const [top, ...others] = diagnosis.causes;
  return (
    <section aria-label="Diagnosis" class="diagnosis">
      <CauseCard cause={top!} primary />
      {others.length > 0 && (
        <div class="others">
          <h2 class="subhead">Other possible causes</h2>
          {others.map((cause) => (
            <CauseCard key={cause.id} cause={cause} primary={false} />
          ))}
        </div>
      )}
    </section>
  );
}
