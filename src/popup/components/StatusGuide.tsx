import { statusGuide } from '../../view/status-guide';
import { t } from '../../shared/i18n';

/** How 401 differs from 403, 404, 400 and 407: people often mix them up. */
export function StatusGuide() {
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
