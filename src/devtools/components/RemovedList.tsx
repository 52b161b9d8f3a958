import type { Removed } from '../../har/sanitize-har';
import { useT } from '../../ui/translate-context';
import { plural } from '../../diagnosis/plural';

/** What the sanitized HAR left out: names and places, never a value. */
export function RemovedList({ removed, fileUrl, fileName, count }: { removed: readonly Removed[]; fileUrl: string; fileName: string; count: number }) {
  const t = useT();
  return (
    <section aria-labelledby="removed-title" data-testid="har-export">
      <h2 id="removed-title">{t('panel_export_title')}</h2>
      <p>
        <a href={fileUrl} download={fileName} data-testid="har-download">
          {t('panel_export_save', [fileName])}
        </a>{' '}
        {plural(t, 'panel_export_count', count)}
      </p>
      <h3 class="subhead">{t('panel_removed_title')}</h3>
      {removed.length === 0 ? (
        <p>{t('panel_removed_none')}</p>
      ) : (
        <ul class="removed" data-testid="har-removed">
          {removed.map((item) => (
            <li key={`${item.where}-${item.name}`}>
              <code>{item.name}</code> · {t(`har_where_${item.where}`)}
              {item.count > 1 ? ` · ${t('panel_removed_times', [item.count])}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
