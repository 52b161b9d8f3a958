import { useState } from 'preact/hooks';
import type { TabLog } from '../../capture/types';
import { useT } from '../../ui/translate-context';
import { RefusalItem } from './RefusalItem';
import { plural } from '../../diagnosis/plural';

/** Shown at first; the rest is one click away (keeps the popup quick on busy pages). */
const FIRST_SHOWN = 20;

/** The tab's refused requests, newest first. */
export function RefusalList({ log }: { log: TabLog }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...log.records].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, FIRST_SHOWN);
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title" class="subhead">
        {t('requests_title')}
      </h2>
      <ol class="refusals" data-testid="refusals">
        {shown.map((record) => (
          <RefusalItem key={record.id} record={record} />
        ))}
      </ol>
      {shown.length < newestFirst.length && (
        <button type="button" class="show-all" onClick={() => setShowAll(true)}>
          {plural(t, 'requests_show_all', newestFirst.length)}
        </button>
      )}
    </section>
  );
}
