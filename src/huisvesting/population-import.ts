import { parse } from 'csv-parse/sync';
import type { EntityManager } from 'typeorm';
import { recordEvent } from '../events/index.js';
import { PROVINCE_CODES } from '../reference/index.js';
import { HuisvestingEventKind, HuisvestingEventSubject, subjectIdOf } from './huisvesting.events.js';

/** One gemeente's population on 1 January, as read from a CBS StatLine CSV. */
export interface CbsPopulation {
  /** GM code when the file has one; otherwise matched by name. */
  code: string | null;
  name: string;
  inhabitants: number;
}

/**
 * Reads a CBS StatLine CSV of population per gemeente on 1 January (e.g. table 03759ned or 70072ned, "Regio's" ×
 * "Bevolking op 1 januari"): comma or semicolon separated, title lines above the header and notes below it are
 * skipped. The region column holds a name ("Utrecht (gemeente)" as StatLine writes it) or a GM code; the figure column
 * is the first whose header mentions bevolking, inwoners or aantal. Rows for the Netherlands, provinces or other regions
 * are left out. Throws naming the line at fault.
 */
export function parseCbsPopulation(text: string): CbsPopulation[] {
  const content = text.replace(/^\uFEFF/, '');
  const lines = content.split(/\r?\n/);
  const fieldsOf = (line: string): string[] => {
    try {
      return (parse(line, { delimiter: line.includes(';') ? ';' : ',', relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      return [];
    }
  };
  // The header names the regions in one field and the population in another (a title line is a single field).
  const headerIndex = lines.findIndex((line) => {
    const fields = fieldsOf(line);
    const region = fields.findIndex((f) => /regio|gemeente/i.test(f));
    return region >= 0 && fields.some((f, i) => i !== region && /bevolking|inwoners|aantal/i.test(f));
  });
  if (headerIndex < 0) throw new Error('not a CBS StatLine population file: no header line naming the regions and the population (bevolking, inwoners or aantal)');
  const headerLine = lines[headerIndex];
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) >= (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = parse(lines.slice(headerIndex).join('\n'), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  const header = records[0].map((h) => h.toLowerCase());
  const regionColumn = header.findIndex((h) => /regio|gemeente/.test(h));
  const figureColumn = header.findIndex((h, i) => i !== regionColumn && /bevolking|inwoners|aantal/.test(h));
  const result: CbsPopulation[] = [];
  records.slice(1).forEach((record, index) => {
    const line = headerIndex + index + 2;
    const region = (record[regionColumn] ?? '').trim();
    const figure = (record[figureColumn] ?? '').replace(/[.\s]/g, '');
    // The country's total, and notes such as "Bron: CBS" (not "Bronckhorst"); provinces and landsdelen carry "(PV)"/"(LD)".
    if (!region || /^nederland$|^(bron|source)\s*:|^centraal bureau/i.test(region) || /\((pv|cr|ld)\)|^(PV|LD|CR)\d/i.test(region)) return;
    if (record.length < 2) return; // a note below the table
    const code = /^GM\d{4}$/i.test(region) ? region.toUpperCase() : null;
    // Provinces and landsdelen carry "(PV)"/"(LD)"; StatLine marks a gemeente that shares its name "(gemeente)".
    const name = region.replace(/\s*\(gemeente\)$/i, '');
    if (!/^\d+$/.test(figure)) throw new Error(`line ${line}: the population of ${region} is "${record[figureColumn] ?? ''}", not a whole number`);
    result.push({ code, name, inhabitants: Number(figure) });
  });
  if (result.length === 0) throw new Error('the file holds no gemeenten');
  return result;
}

export interface PopulationImportSummary {
  onDate: string;
  read: number;
  stored: number;
  unknown: string[];
  missing: { code: string; name: string }[];
  total: number;
  perProvince: Record<string, number>;
}

/** A file that leaves out gemeenten of the date: refused unless `partial`, with nothing written. */
export class PopulationIncomplete extends Error {}

/**
 * Stores the populations of a reference date in one transaction, replacing what was there for that date (including
 * fictitious demo figures). Names are matched to gemeenten that had not ended by the date. A file must hold every
 * gemeente of the date: a gemeente left out would have no taakstelling. With `partial`, only the gemeenten in the file
 * are replaced and the others keep their figures. Every province's feed hears of it (taakstellingen change).
 */
export async function importPopulation(
  db: EntityManager,
  rows: CbsPopulation[],
  options: { onDate: string; sourceFile: string; partial?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<PopulationImportSummary> {
  return db.transaction(async (tx) => {
    const gemeenten: { code: string; name: string; province_code: string }[] = await tx.query(
      'SELECT code, name, province_code FROM gemeente WHERE valid_until IS NULL OR valid_until >= $1 ORDER BY code',
      [options.onDate],
    );
    const byCode = new Map(gemeenten.map((g) => [g.code, g]));
    const byName = new Map(gemeenten.map((g) => [g.name.toLowerCase(), g]));
    const unknown: string[] = [];
    const matched = new Map<string, number>();
    for (const row of rows) {
      const gemeente = row.code ? byCode.get(row.code) : byName.get(row.name.toLowerCase());
      if (!gemeente) unknown.push(row.code ?? row.name);
      else matched.set(gemeente.code, row.inhabitants);
    }
    const missing = gemeenten.filter((g) => !matched.has(g.code));
    if (missing.length > 0 && !options.partial) {
      throw new PopulationIncomplete(
        `${missing.length} of the ${gemeenten.length} gemeenten of ${options.onDate} are not in the file (${missing.slice(0, 5).map((g) => `${g.code} ${g.name}`).join(', ')}${missing.length > 5 ? ', …' : ''}): nothing was stored. Import a complete file, or only these gemeenten with --partial.`,
      );
    }
    const entries = [...matched];
    await tx.query(options.partial ? 'DELETE FROM gemeente_population WHERE on_date = $1 AND gemeente_code = ANY($2)' : 'DELETE FROM gemeente_population WHERE on_date = $1', [
      options.onDate,
      ...(options.partial ? [entries.map(([code]) => code)] : []),
    ]);
    const source = `CBS StatLine, ${options.sourceFile}`;
    for (let start = 0; start < entries.length; start += 100) {
      const batch = entries.slice(start, start + 100);
      await tx.query(
        `INSERT INTO gemeente_population (gemeente_code, on_date, inhabitants, source, fictitious) SELECT code, $2, n, $3, false FROM unnest($1::text[], $4::int[]) AS t(code, n)`,
        [batch.map(([code]) => code), options.onDate, source, batch.map(([, n]) => n)],
      );
      options.onProgress?.(Math.min(start + 100, entries.length), entries.length);
    }
    const perProvince: Record<string, number> = {};
    for (const [code, n] of entries) perProvince[byCode.get(code)!.province_code] = (perProvince[byCode.get(code)!.province_code] ?? 0) + n;
    const summary: PopulationImportSummary = {
      onDate: options.onDate,
      read: rows.length,
      stored: entries.length,
      unknown,
      missing: missing.map(({ code, name }) => ({ code, name })),
      total: entries.reduce((sum, [, n]) => sum + n, 0),
      perProvince,
    };
    await tx.query('INSERT INTO population_import (source_file, on_date, summary) VALUES ($1, $2, $3)', [options.sourceFile, options.onDate, JSON.stringify(summary)]);
    await recordEvent(tx, {
      kind: HuisvestingEventKind.POPULATION_IMPORTED,
      subjectType: HuisvestingEventSubject.NATIONAL_TAAKSTELLING,
      subjectId: subjectIdOf(`population:${options.onDate}`),
      provinceCode: null,
      actorId: null,
      after: { onDate: options.onDate, sourceFile: options.sourceFile, stored: summary.stored, partial: !!options.partial, provinceCodes: [...PROVINCE_CODES] },
    });
    return summary;
  });
}
