import { statusGuide } from '../../view/status-guide';
import { useT } from '../../ui/translate-context';

/** How 401 differs from 403, 404, 400 and 407: people often mix them up. */
export function StatusGuide() {
  const t = useT();
  return (
    <details class="guide">
      <summary>{t('guide_summary')}</summary>
      <dl>
        {statusGuide(t).map(({ status, meaning }) => (
          <div key={status}>
            <dt>{status}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
