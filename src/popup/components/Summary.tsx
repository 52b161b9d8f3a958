import { unrecovered } from '../../capture/tab-log';
import type { TabLog } from '../../capture/types';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line on the state of the tab, first thing the person reads. */
export function Summary({ log }: { log: TabLog | null }) {
  const records = log?.records ?? [];
  const open = unrecovered(log ?? undefined).length;
  const recovered = records.length - open;
  let text: string;
  if (records.length === 0) text = 'Nothing on this page was refused. If a page asks you to sign in, it will be explained here.';
  else if (open === 0) text = `Nothing is refused now: ${plural(recovered, 'request was', 'requests were')} refused at first, then succeeded.`;
  else text = `${plural(open, 'request on this page was', 'requests on this page were')} refused${recovered ? ` (${recovered} more recovered)` : ''}.`;
  return (
    <section class={open ? 'summary warn' : 'summary ok'} aria-live="polite" data-testid="summary">
      <p>{text}</p>
      {log && log.dropped > 0 && <p class="note">Only the latest {log.records.length} are listed; {log.dropped} older ones were dropped.</p>}
    </section>
  );
}
