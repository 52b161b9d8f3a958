import type { RefusalRecord } from '../../capture/types';
import { visible } from '../../capture/visible-text';
import { bodyWords } from '../../diagnosis/stated-error';
import { plural } from '../../diagnosis/plural';
import { describeRefusal, resourceTypeName } from '../../view/describe-refusal';
import { Quoted } from '../../ui/Quoted';
import { useT } from '../../ui/translate-context';

/** The refused requests, newest first: every string a server or page controls is text, quoted where it enters our sentences. */
export function RequestTable({ records }: { records: readonly RefusalRecord[] }) {
  const t = useT();
  return (
    <table data-testid="panel-requests">
      <thead>
        <tr>
          <th>{t('panel_col_status')}</th>
          <th>{t('panel_col_request')}</th>
          <th>{t('panel_col_server')}</th>
          <th>{t('panel_col_state')}</th>
        </tr>
      </thead>
      <tbody>
        {[...records].reverse().map((record) => {
          const { meaning } = describeRefusal(record, t);
          const said = bodyWords(record, t);
          return (
            <tr key={record.id} class={record.recovered ? 'recovered' : undefined} data-testid="panel-refusal">
              <td class="status">{record.status}</td>
              <td class="url">
                {visible(record.method)} {visible(record.url)}
                <br />
                <span class="source">{visible(resourceTypeName(record.resourceType, t))}</span>
              </td>
              <td>
                <Quoted text={meaning} />
                {said.map((line) => (
                  <div key={line} data-testid="body-words">
                    <Quoted text={line} />
                  </div>
                ))}
              </td>
              <td>{record.recovered ? t('request_recovered') : record.count > 1 ? plural(t, 'request_refused_times', record.count) : t('request_not_recovered')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
