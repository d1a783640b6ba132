import { TableCell } from '@rijkshuisstijl-community/components-react';
import { formatDate } from '../app/format';
import { SafeMarkdown } from '../app/SafeMarkdown';
import type { Measure } from './queries';

/** The Stand van zaken cell of the status table: the date it holds from and its Markdown. */
export function StandCell({ stand, empty }: { stand: Measure['standVanZaken']; empty: string }) {
  return (
    <TableCell>
      {stand ? (
        <>
          <div>Stand per {formatDate(stand.asOf)}:</div>
          <SafeMarkdown text={stand.body} />
        </>
      ) : (
        empty
      )}
    </TableCell>
  );
}
