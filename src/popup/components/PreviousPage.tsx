import { unrecovered } from '../../capture/tab-log';
import { visible } from '../../capture/visible-text';
import type { PreviousPage as PreviousPageData } from '../../capture/types';
import type { Diagnosis } from '../../diagnosis/types';
import { useT } from '../../ui/translate-context';
import { RefusalItem } from './RefusalItem';
import { plural } from '../../diagnosis/plural';

/**
 * The refusals of the page the tab showed just before this one (a page that sent you to its
 * sign-in page after a 401). Labelled with that page's address, apart from this page's verdict:
 * they are no warning about this page, and never count in the badge or the marker.
 */
export function PreviousPage({ previous, diagnosis }: { previous: PreviousPageData; diagnosis: Diagnosis | null }) {
  const t = useT();
  const open = unrecovered(previous.records);
  if (previous.records.length === 0) return null;
  const top = diagnosis?.causes[0];
  const where = previous.url ? visible(previous.url) : t('unknown');
  return (
    <section class="previous" aria-labelledby="previous-title" data-testid="previous-page">
      <h2 id="previous-title" class="subhead">
        {plural(t, 'previous_title', open.length, [where])}
      </h2>
      {top && (
        <p class="previous-cause">
          <span class={`likelihood ${top.likelihood}`}>{t(`likelihood_${top.likelihood}`)}</span> {top.title}
        </p>
      )}
      <ol class="refusals">
        {[...previous.records].reverse().map((record) => (
          <RefusalItem key={record.id} record={record} />
        ))}
      </ol>
    </section>
  );
}
