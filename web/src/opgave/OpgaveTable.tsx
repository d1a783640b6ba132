import { Paragraph, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { formatDate, formatDateTime, formatNumber, opvangtypesLabel, provinceName } from '../app/format';
import { HeaderCell, ListTable } from '../app/table';
import type { OpgaveFigure } from './queries';

/** A figure's type as people read it: one opvangtype, or places of any type. */
export function opgaveTypeLabel(opvangtype: string | null | undefined): string {
  return opvangtypesLabel(opvangtype ? [opvangtype] : []);
}

/** Earliest due date first; on one date, places of any type first, then by type. */
function byDueDate(a: OpgaveFigure, b: OpgaveFigure): number {
  return a.dueDate.localeCompare(b.dueDate) || (a.opvangtype ?? '').localeCompare(b.opvangtype ?? '');
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
          <HeaderCell scope="row">{opgaveTypeLabel(figure.opvangtype)}</HeaderCell>
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
                Wijzig<span className="visually-hidden"> opgave {opgaveTypeLabel(figure.opvangtype)} per {formatDate(figure.dueDate)}</span>
              </SecondaryActionButton>
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </ListTable>
  );
}
