import { parse } from 'csv-parse/sync';
import type { EntityManager } from 'typeorm';

/** One row of the CBS "gemeenten alfabetisch" file. */
export interface CbsGemeente {
  code: string; // GM0344
  name: string;
  provinceCbsCode: string; // PV26
}

const REQUIRED_COLUMNS = ['GemeentecodeGM', 'Gemeentenaam', 'ProvinciecodePV'] as const;

/**
 * Reads the CBS format (columns Gemeentecode, GemeentecodeGM, Gemeentenaam, Provinciecode, ProvinciecodePV,
 * Provincienaam; comma or semicolon separated, with or without BOM). Throws naming the line at fault.
 */
export function parseCbsGemeenten(text: string): CbsGemeente[] {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.slice(0, content.indexOf('\n') >>> 0);
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records: Record<string, string>[] = parse(content, {
    columns: (header: string[]) => header.map((column) => column.trim()),
    delimiter,
    skip_empty_lines: true,
    trim: true,
  });
  const header = Object.keys(records[0] ?? {});
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (records.length === 0) throw new Error(`the file holds no gemeenten (expected a header with ${REQUIRED_COLUMNS.join(', ')} and a line per gemeente)`);
  if (missing.length > 0) throw new Error(`not the CBS format: missing column(s) ${missing.join(', ')}`);

  const seen = new Set<string>();
  return records.map((record, index) => {
    const line = index + 2;
    const code = record.GemeentecodeGM.toUpperCase();
    const name = record.Gemeentenaam;
    const provinceCbsCode = record.ProvinciecodePV.toUpperCase();
    if (!/^GM\d{4}$/.test(code)) throw new Error(`line ${line}: GemeentecodeGM "${record.GemeentecodeGM}" is not like GM0344`);
    if (!/^PV\d{2}$/.test(provinceCbsCode)) throw new Error(`line ${line}: ProvinciecodePV "${record.ProvinciecodePV}" is not like PV26`);
    if (!name) throw new Error(`line ${line}: Gemeentenaam is empty`);
    if (seen.has(code)) throw new Error(`line ${line}: ${code} appears twice`);
    seen.add(code);
    return { code, name, provinceCbsCode };
  });
}

export interface CurrentGemeente {
  code: string;
  name: string;
  provinceCbsCode: string;
}

export interface GemeenteImportPlan {
  added: CbsGemeente[];
  renamed: { code: string; from: string; to: string }[];
  moved: { code: string; name: string; from: string; to: string }[];
  /** In the database but not in the file: merged into another gemeente (herindeling) or dissolved. */
  ended: { code: string; name: string; provinceCbsCode: string; probablyMergedInto: string[] }[];
  unchanged: number;
}

/**
 * What importing `incoming` over the current gemeenten changes. Pure. A gemeente that disappears is
 * reported with the gemeenten added in the same province as the likely result of a merger: the CBS
 * list does not say which gemeenten merged into which.
 */
export function planGemeenteImport(current: CurrentGemeente[], incoming: CbsGemeente[]): GemeenteImportPlan {
  const byCode = new Map(current.map((gemeente) => [gemeente.code, gemeente]));
  const incomingCodes = new Set(incoming.map((gemeente) => gemeente.code));
  const plan: GemeenteImportPlan = { added: [], renamed: [], moved: [], ended: [], unchanged: 0 };
  for (const gemeente of incoming) {
    const existing = byCode.get(gemeente.code);
    if (!existing) {
      plan.added.push(gemeente);
      continue;
    }
    let changed = false;
    if (existing.name !== gemeente.name) {
      plan.renamed.push({ code: gemeente.code, from: existing.name, to: gemeente.name });
      changed = true;
    }
    if (existing.provinceCbsCode !== gemeente.provinceCbsCode) {
      plan.moved.push({ code: gemeente.code, name: gemeente.name, from: existing.provinceCbsCode, to: gemeente.provinceCbsCode });
      changed = true;
    }
    if (!changed) plan.unchanged += 1;
  }
  for (const gemeente of current) {
    if (incomingCodes.has(gemeente.code)) continue;
    const probablyMergedInto = plan.added
      .filter((added) => added.provinceCbsCode === gemeente.provinceCbsCode)
      .map((added) => `${added.code} ${added.name}`);
    plan.ended.push({ ...gemeente, probablyMergedInto });
  }
  return plan;
}

export interface ImportOptions {
  sourceFile: string;
  /** Date the list takes effect (1 January of its year). */
  asOf: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Applies a CBS list to the database in one transaction: adds new gemeenten (with their organisation),
 * renames, moves between provinces, and ends gemeenten no longer listed (kept for history, with
 * `valid_until` the day before `asOf`). Records the import and its summary.
 */
export async function importGemeenten(manager: EntityManager, incoming: CbsGemeente[], options: ImportOptions): Promise<GemeenteImportPlan> {
  return manager.transaction(async (tx) => {
    const provinces: { code: string; cbs_code: string }[] = await tx.query('SELECT code, cbs_code FROM province');
    const provinceByCbs = new Map(provinces.map((province) => [province.cbs_code, province.code]));
    const cbsByProvince = new Map(provinces.map((province) => [province.code, province.cbs_code]));
    for (const gemeente of incoming) {
      if (!provinceByCbs.has(gemeente.provinceCbsCode)) throw new Error(`${gemeente.code} ${gemeente.name}: unknown province ${gemeente.provinceCbsCode}`);
    }
    const current: { code: string; name: string; province_code: string }[] = await tx.query(
      'SELECT code, name, province_code FROM gemeente WHERE valid_until IS NULL ORDER BY code',
    );
    const plan = planGemeenteImport(
      current.map((row) => ({ code: row.code, name: row.name, provinceCbsCode: cbsByProvince.get(row.province_code)! })),
      incoming,
    );

    const total = plan.added.length + plan.renamed.length + plan.moved.length + plan.ended.length;
    let done = 0;
    const step = () => options.onProgress?.(++done, total);

    for (const gemeente of plan.added) {
      await tx.query(
        `INSERT INTO gemeente (code, name, province_code, valid_from) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, province_code = EXCLUDED.province_code,
           valid_from = EXCLUDED.valid_from, valid_until = NULL`,
        [gemeente.code, gemeente.name, provinceByCbs.get(gemeente.provinceCbsCode), options.asOf],
      );
      await tx.query(
        `INSERT INTO organisation (kind, name, gemeente_code) VALUES ('GEMEENTE', 'Gemeente ' || $2, $1)
         ON CONFLICT (gemeente_code) DO UPDATE SET name = EXCLUDED.name`,
        [gemeente.code, gemeente.name],
      );
      step();
    }
    for (const rename of plan.renamed) {
      await tx.query('UPDATE gemeente SET name = $2 WHERE code = $1', [rename.code, rename.to]);
      await tx.query(`UPDATE organisation SET name = 'Gemeente ' || $2 WHERE gemeente_code = $1`, [rename.code, rename.to]);
      step();
    }
    for (const move of plan.moved) {
      await tx.query('UPDATE gemeente SET province_code = $2 WHERE code = $1', [move.code, provinceByCbs.get(move.to)]);
      step();
    }
    for (const ended of plan.ended) {
      await tx.query(`UPDATE gemeente SET valid_until = $2::date - 1 WHERE code = $1`, [ended.code, options.asOf]);
      step();
    }
    await tx.query('INSERT INTO gemeente_import (source_file, as_of, summary) VALUES ($1, $2, $3)', [
      options.sourceFile,
      options.asOf,
      JSON.stringify({
        added: plan.added.map((g) => g.code),
        renamed: plan.renamed,
        moved: plan.moved,
        ended: plan.ended.map((g) => ({ code: g.code, name: g.name, probablyMergedInto: g.probablyMergedInto })),
        unchanged: plan.unchanged,
        total: incoming.length,
      }),
    ]);
    return plan;
  });
}
