import type { ClearPlan } from '../../view/cookie-scope';
import type { Translate } from '../../diagnosis/translate';
import type { FixRunner } from '../fix-runner';
import { useT } from '../../ui/translate-context';
import { plural } from '../../diagnosis/plural';

/** Exactly what "Clear" will delete, said before it does. */
function clearPlanText(plan: ClearPlan, t: Translate): string {
  const cookies = plural(t, 'fix_clear_plan', plan.cookies, [plan.host]);
  const shared = plan.sharedWith.length ? ` ${t('fix_clear_plan_shared', [plan.sharedWith.join(', ')])}` : '';
  return `${cookies}${shared} ${t('fix_clear_plan_storage', [plan.origin])}`;
}

/** What the last fix did (a live region), and the confirmation "Clear" asks for. */
export function FixFeedback({ runner }: { runner: FixRunner }) {
  const t = useT();
  const { plan, result } = runner;
  return (
    <>
      {plan && (
        <fieldset class="confirm" data-testid="clear-plan">
          <legend>{clearPlanText(plan, t)}</legend>
          <button type="button" disabled={runner.busy} onClick={runner.confirmClear}>
            {t('fix_clear_confirm')}
          </button>{' '}
          <button type="button" disabled={runner.busy} onClick={runner.cancelClear}>
            {t('fix_clear_cancel')}
          </button>
        </fieldset>
      )}
      <p class={result ? (result.ok ? 'result ok' : 'result warn') : 'result'} role="status" aria-live="polite" data-testid="fix-result">
        {result?.message ?? ''}
      </p>
    </>
  );
}
