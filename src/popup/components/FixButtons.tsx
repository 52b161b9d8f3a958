import type { FixRunner } from '../fix-runner';
import { type ActionId, fixOf } from '../fixes';
import { useT } from '../../ui/translate-context';

/**
 * Buttons for these actions (those that apply here), each running through the popup's one fix runner;
 * for one this browser cannot run, the sentence that says why.
 */
export function FixButtons({ actions, runner }: { actions: readonly ActionId[]; runner: FixRunner }) {
  const t = useT();
  const shown = actions.filter((action) => runner.available(action));
  if (shown.length === 0) return null;
  return (
    <span class="buttons">
      {shown.map((action) => {
        // Where this browser cannot run it (Firefox for Android), it says why instead of offering a button that would fail.
        const reason = runner.unavailable(action);
        return reason !== null ? (
          <span key={action} class="unavailable" data-unavailable={action}>
            {reason}
          </span>
        ) : (
          <button key={action} type="button" data-fix={action} disabled={runner.busy} onClick={() => runner.run(action)} aria-expanded={action === 'clear-site-data' ? runner.plan !== null : undefined}>
            {t(fixOf(action).label)}
          </button>
        );
      })}
    </span>
  );
}
