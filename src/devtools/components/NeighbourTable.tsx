import { visible } from '../../capture/visible-text';
import { bodyWords } from '../../diagnosis/stated-error';
import type { Neighbour } from '../../har/har-records';
import { Quoted } from '../../ui/Quoted';
import { useT } from '../../ui/translate-context';

/** 400 and 403 answers beside the refusals, labelled as what they are: not a request to sign in. */
export function NeighbourTable({ neighbours }: { neighbours: readonly Neighbour[] }) {
  const t = useT();
  return (
    <table data-testid="panel-neighbours">
      <tbody>
        {[...neighbours].reverse().map((n, i) => (
          <tr key={`${n.at}-${i}`} data-testid="panel-neighbour">
            <td class="status">{n.status}</td>
            <td class="url">
              {visible(n.method)} {visible(n.url)}
            </td>
            <td>
              {t(n.status === 403 ? 'panel_neighbour_403' : 'panel_neighbour_400')}
              {bodyWords(n, t).map((line) => (
                <div key={line}>
                  <Quoted text={line} />
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
