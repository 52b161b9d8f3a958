import type { TabLog } from '../../capture/types';
import { RefusalItem } from './RefusalItem';

/** The tab's refused requests, newest first. */
export function RefusalList({ log }: { log: TabLog }) {
  const newestFirst = [...log.records].reverse();
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title" class="subhead">Refused requests</h2>
      <ol class="refusals" data-testid="refusals">
        {newestFirst.map((record) => (
          <RefusalItem key={record.id} record={record} />
        ))}
      </ol>
    </section>
  );
}
