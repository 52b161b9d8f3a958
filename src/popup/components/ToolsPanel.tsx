import type { FixRunner } from '../fix-runner';
import { type ActionId, FIXES } from '../fixes';
import { useT } from '../../ui/translate-context';
import { FixButtons } from './FixButtons';

/** Every fix and tool the top cause's card does not already offer: one click away, below the diagnosis. */
export function ToolsPanel({ runner, shown }: { runner: FixRunner; shown: readonly ActionId[] }) {
  const t = useT();
  const rest = FIXES.map((fix) => fix.id).filter((action) => !shown.includes(action));
  return (
    <section class="fixes" aria-labelledby="fixes-title">
      <h2 id="fixes-title" class="subhead">
        {t('fixes_title')}
      </h2>
      <FixButtons actions={rest} runner={runner} />
      <p class="vpn-note">{t('fix_vpn_note')}</p>
    </section>
  );
}
