import type { Loaders } from '../platform/context.js';
import type { Page } from '../platform/pagination.js';
import type { ProvinceCode } from './enums.js';

/** Rows that name their gemeente or province by code: proposals, agreements, signals. */
interface Placed {
  gemeenteCode?: string | null;
  provinceCode?: ProvinceCode | null;
}

/**
 * A page whose rows are asked for their `gemeente` or `province` reads those ahead for all its rows (one batch each,
 * as the rows would have asked), so that every row answers at once (`ReadAheadLoader`): one field answered by a
 * promise makes graphql-js wait for that row apart. The page as it is when neither is asked.
 */
export function readingPlacesAhead<T extends Placed>(page: Promise<Page<T>>, nodeFields: ReadonlySet<string>, loaders: Loaders): Promise<Page<T>> {
  const gemeente = nodeFields.has('gemeente');
  const province = nodeFields.has('province');
  if (!gemeente && !province) return page;
  return page.then(async (read) => {
    const rows = read.nodes;
    await Promise.all([
      gemeente ? loaders.gemeente.readAhead(rows.flatMap((row) => (row.gemeenteCode ? [row.gemeenteCode] : []))) : null,
      province ? loaders.province.readAhead(rows.flatMap((row) => (row.provinceCode ? [row.provinceCode] : []))) : null,
    ]);
    return read;
  });
}
