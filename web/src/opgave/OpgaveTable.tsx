import { Paragraph, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { formatDate, formatDateTime, formatNumber, opvangtypesLabel, provinceName } from '../app/format';
import { HeaderCell, ListTable } from '../app/table';
import type { OpgaveFigure } from './queries';

/** A figure's type as people read it: one opvangtype, places of any type, or the total opvang (AZC as umbrella). */
export function opgaveTypeLabel(opvangtype: string | null | undefined, total = false): string {
  if (total) return TOTAL_LABEL;
  return opvangtypesLabel(opvangtype ? [opvangtype] : []);
}

/** The opgave for the province's total opvang: every type but crisisnoodopvang, existing AZCs included. */
export const TOTAL_LABEL = 'Totale opvang (AZC als paraplu)';

/** Earliest due date first; on one date, places of any type first, then by type. */
function byDueDate(a: OpgaveFigure, b: OpgaveFigure): number {
  return a.dueDate.localeCompare(b.dueDate) || Number(b.total) - Number(a.total) || (a.opvangtype ?? '').localeCompare(b.opvangtype ?? '');
}

/** The province's opgave figures with their source and who set them; with `onChange`, a button per figure to change it. */
export function OpgaveTable({ code, figures, onChange }: { code: string; figures: readonly OpgaveFigure[]; onChange?: (figure: OpgaveFigure) => void }) {
  if (figures.length === 0) return <Paragraph>De LRT heeft voor {provinceName(code)} nog geen opgave vastgesteld.</Paragraph>;
  return (
    <ListTable
      label={`Tabel opgave ${provinceName(code)}`}
      caption={<>Opgave van {provinceName(code)} per opvangtype en peildatum, met de bron</>}
      columns={['Opvangtype', 'Peildatum', { label: 'Plaatsen', numeric: true }, 'Bron', 'Vastgesteld', { label: 'Versie', numeric: true }, onChange ? 'Actie' : false]}
    >
      {[...figures].sort(byDueDate).map((figure) => (
        <TableRow key={figure.id}>
          <HeaderCell scope="row">{opgaveTypeLabel(figure.opvangtype, figure.total)}</HeaderCell>
          <TableCell>{formatDate(figure.dueDate)}</TableCell>
          <TableCell className="number">{formatNumber(figure.places)}</TableCell>
          <TableCell>{figure.source}</TableCell>
          <TableCell>
            {formatDateTime(figure.setAt)} door {figure.setBy?.name ?? 'onbekend'}
          </TableCell>
          <TableCell className="number">{formatNumber(figure.version)}</TableCell>
          {onChange ? (
            <TableCell>
              <SecondaryActionButton type="button" onClick={() => onChange(figure)}>
                Wijzig<span className="visually-hidden"> opgave {opgaveTypeLabel(figure.opvangtype, figure.total)} per {formatDate(figure.dueDate)}</span>
              </SecondaryActionButton>
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </ListTable>
  );
}
