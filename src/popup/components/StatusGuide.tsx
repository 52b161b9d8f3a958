import { STATUS_GUIDE } from '../../diagnosis/status-guide';

/** How 401 differs from 403, 404, 400 and 407: people often mix them up. */
export function StatusGuide() {
  return (
    <details class="guide">
      <summary>401, 403, 404, 400, 407: what is the difference?</summary>
      <dl>
        {STATUS_GUIDE.map(({ status, meaning }) => (
          <div key={status}>
            <dt>{status}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
