import type { TabLog } from '../../capture/types';
import { RefusalItem } from './RefusalItem';

/** The tab's refused requests, newest first. */
export function RefusalList({ log }: { log: TabLog }) {
  const newestFirst = [...log.records].reverse();
  return (
    <section aria-label="Refused requests">
      <ol class="refusals" data-testid="refusals">
        {newestFirst.map((record) => (
          <RefusalItem key={record.id} record={record} />
        ))}
      </ol>
    </section>
  );
}
