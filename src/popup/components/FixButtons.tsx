import type { FixRunner } from '../fix-runner';
import { type ActionId, fixOf } from '../fixes';
import { useT } from '../../ui/translate-context';

/** Buttons for these actions (those that apply here), each running through the popup's one fix runner. */
export function FixButtons({ actions, runner }: { actions: readonly ActionId[]; runner: FixRunner }) {
  const t = useT();
  const shown = actions.filter((action) => runner.available(action));
  if (shown.length === 0) return null;
  return (
    <span class="buttons">
      {shown.map((action) => (
        <button key={action} type="button" data-fix={action} disabled={runner.busy} onClick={() => runner.run(action)} aria-expanded={action === 'clear-site-data' ? runner.plan !== null : undefined}>
          {t(fixOf(action).label)}
        </button>
      ))}
    </span>
  );
}
