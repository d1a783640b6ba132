import { Heading, Table, TableBody, TableCaption, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import type { ReactNode } from 'react';

/**
 * A header cell as a real `<th>` with its `scope` (and `aria-sort` where sortable), dressed with the design system's
 * class names: the design system's own header cell drops both attributes, and screen readers need them.
 */
export function HeaderCell({
  scope,
  numeric = false,
  className,
  children,
  ...rest
}: {
  scope: 'col' | 'row' | 'colgroup' | 'rowgroup';
  numeric?: boolean;
  className?: string;
  children?: ReactNode;
  colSpan?: number;
  'aria-sort'?: 'ascending' | 'descending' | 'none' | 'other';
}) {
  const classes = ['utrecht-table__header-cell'];
  if (scope === 'row') classes.push('utrecht-table__header--cell-row');
  if (numeric) classes.push('utrecht-table__header-cell--numeric-column', 'number');
  if (className) classes.push(className);
  return (
    <th scope={scope} className={classes.join(' ')} {...rest}>
      {children}
    </th>
  );
}

/**
 * A table that may be wider than the page (on a phone, or with many columns): it scrolls sideways inside its own
 * box, which keyboard users can reach (tab) and scroll with the arrow keys, named after the table.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A section of a page, named by its own heading (h2). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="overview-section">
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A column of a `ListTable`: its name, or its name and whether it holds numbers; `false` leaves the column out. */
export type Column = string | { label: string; numeric: true } | false;

/** A table of one header row and a row per item, in its own scrolling box (`label`); the rows are its children. */
export function ListTable({ label, caption, columns, children }: { label: string; caption: ReactNode; columns: Column[]; children: ReactNode }) {
  return (
    <ScrollTable label={label}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, index) =>
              column === false ? null : typeof column === 'string' ? (
                <HeaderCell key={index} scope="col">
                  {column}
                </HeaderCell>
              ) : (
                <HeaderCell key={index} scope="col" numeric>
                  {column.label}
                </HeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </ScrollTable>
  );
}
