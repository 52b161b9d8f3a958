import { unrecovered } from '../../capture/tab-log';
import type { TabLog } from '../../capture/types';
import type { Translate } from '../../diagnosis/translate';
import { useT } from '../../ui/translate-context';
import { plural } from '../../diagnosis/plural';

function summaryText(log: TabLog | null, t: Translate): string {
  const records = log?.records ?? [];
  const open = unrecovered(log?.records).length;
  const recovered = records.filter((r) => r.recovered !== null).length;
  if (records.length === 0) return t('summary_none');
  // Only background requests (a prefetch, a beacon) were refused, and nothing the page needs.
  if (open === 0 && recovered === 0) return plural(t, 'summary_background', records.length);
  if (open === 0) return plural(t, 'summary_all_recovered', recovered);
  if (recovered === 0) return plural(t, 'summary_open', open);
  return plural(t, 'summary_open_recovered', open, [plural(t, 'summary_more_recovered', recovered)]);
}

/** One line on the state of the tab, first thing the person reads. */
export function Summary({ log }: { log: TabLog | null }) {
  const t = useT();
  const open = unrecovered(log?.records).length;
  return (
    <section class={open ? 'summary warn' : 'summary ok'} aria-live="polite" data-testid="summary">
      <p>{summaryText(log, t)}</p>
      {log && log.dropped > 0 && <p class="note">{plural(t, 'summary_dropped', log.dropped, [log.records.length])}</p>}
      {log?.records.some((r) => r.trimmed) && <p class="note">{t('summary_trimmed')}</p>}
    </section>
  );
}
