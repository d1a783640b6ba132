import { parse } from 'csv-parse/sync';
import type { EntityManager } from 'typeorm';
import { badUserInput, conflict } from '../platform/errors.js';
import { today } from '../platform/dates.js';
import { recordEvent } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { HuisvestingEventKind, HuisvestingEventSubject, subjectIdOf } from './huisvesting.events.js';
import { KoppelingMonth } from './types.js';

/**
 * COA's koppelingen per gemeente per month (Integrale Handreiking 4.2.4): aggregates only, never persons (AVG).
 * Both start dates the Handreiking uses are kept: weeks from koppeling (the 14-week norm) and from vergunningverlening.
 */
export interface KoppelingCounts {
  gemeenteCode: string;
  /** YYYY-MM */
  month: string;
  linked: number;
  housedWithinNorm: number;
  housedLate: number;
  averageWeeksFromKoppeling: number | null;
  averageWeeksFromPermit: number | null;
  largeFamilies: number;
  adaptedHomeNeeded: number;
}

const COUNTS = ['linked', 'housedWithinNorm', 'housedLate', 'largeFamilies', 'adaptedHomeNeeded'] as const;
const AVERAGES = ['averageWeeksFromKoppeling', 'averageWeeksFromPermit'] as const;

/** Why a month's counts cannot be stored, or null; `field` is the name of the field at fault. */
export function koppelingProblem(row: KoppelingCounts): { message: string; field: string } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(row.month);
  if (!match || Number(match[1]) < 2000) return { message: 'month must be a month such as 2021-03', field: 'month' };
  if (`${row.month}-01` > today()) return { message: 'month lies in the future: record koppelingen once they happened', field: 'month' };
  for (const field of COUNTS) {
    if (!Number.isInteger(row[field]) || row[field] < 0 || row[field] > 100_000) return { message: `${field} must be a whole number from 0 to 100,000`, field };
  }
  for (const field of AVERAGES) {
    const value = row[field];
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 520)) return { message: `${field} must be a number of weeks from 0 to 520`, field };
  }
  if (row.largeFamilies > row.linked) return { message: 'largeFamilies are part of linked: it cannot exceed it', field: 'largeFamilies' };
  if (row.adaptedHomeNeeded > row.linked) return { message: 'adaptedHomeNeeded are part of linked: it cannot exceed it', field: 'adaptedHomeNeeded' };
  return null;
}

/** The CSV's columns: Dutch headers as COA writes them, or the API's names. Any other column refuses the file. */
const COLUMNS: Record<string, keyof KoppelingCounts> = {
  gemeente: 'gemeenteCode', gemeentecode: 'gemeenteCode', gemeente_code: 'gemeenteCode', gemeenteCode: 'gemeenteCode',
  maand: 'month', month: 'month',
  gekoppeld: 'linked', linked: 'linked',
  binnen_norm: 'housedWithinNorm', gehuisvest_binnen_norm: 'housedWithinNorm', housedWithinNorm: 'housedWithinNorm',
  te_laat: 'housedLate', gehuisvest_te_laat: 'housedLate', housedLate: 'housedLate',
  gem_weken_na_koppeling: 'averageWeeksFromKoppeling', averageWeeksFromKoppeling: 'averageWeeksFromKoppeling',
  gem_weken_na_vergunning: 'averageWeeksFromPermit', averageWeeksFromPermit: 'averageWeeksFromPermit',
  grote_gezinnen: 'largeFamilies', largeFamilies: 'largeFamilies',
  aangepaste_woning: 'adaptedHomeNeeded', adaptedHomeNeeded: 'adaptedHomeNeeded',
};
const normaliseHeader = (h: string) => h.trim().replace(/[\s-]+/g, '_');
const byHeader = new Map(Object.entries(COLUMNS).map(([k, v]) => [normaliseHeader(k).toLowerCase(), v]));

/** Headers that could hold a person: refused with that reason, whatever else the file holds. */
const PERSON_COLUMN = /naam|name|bsn|burgerservice|v[\s_.-]*nummer|vnr|geboorte|birth|adres|address|straat|street|postcode|woonplaats|telefoon|phone|e[\s_-]*mail|nationaliteit|nationality|geslacht|gender|persoon|person|dossier|client|cliënt/i;
/** A value of 9 digits (spaces or dots allowed between) could be a BSN; 10 digits a V-nummer. */
const PERSON_VALUE = { test: (value: string) => /^\d{9,10}$/.test(value.replace(/[\s.-]/g, '')) };

export class PersonDataRefused extends Error {}

/**
 * Reads COA's koppeling CSV (comma or semicolon; one row per gemeente per month). It refuses the whole file,
 * before anything is stored, when a column could hold a person or a value looks like a BSN or V-nummer; a column
 * it does not know is refused too, so a personal column under an unforeseen name cannot slip through.
 */
export function parseKoppelingCsv(text: string): KoppelingCounts[] {
  const content = text.replace(/^\uFEFF/, '');
  const first = content.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  if (records.length === 0) throw new Error('the file is empty');
  const header = records[0];
  const personal = header.filter((h) => PERSON_COLUMN.test(h));
  if (personal.length) throw new PersonDataRefused(`refused: column ${personal.map((h) => `"${h.slice(0, 40)}"`).join(', ')} could hold a person; koppelingen are counts per gemeente per month only (AVG)`);
  records.forEach((record, index) => {
    const cell = record.find((value) => PERSON_VALUE.test(value));
    if (cell !== undefined) throw new PersonDataRefused(`refused: line ${index + 1} holds a value of 9 or 10 digits that could be a BSN or V-nummer; koppelingen are counts only (AVG)`);
  });
  const fields = header.map((h) => byHeader.get(normaliseHeader(h).toLowerCase()));
  const unknown = header.filter((_, i) => !fields[i]);
  if (unknown.length) throw new Error(`unknown column ${unknown.map((h) => `"${h.slice(0, 40)}"`).join(', ')}: the columns are ${Object.keys(COLUMNS).filter((k) => !/[A-Z]/.test(k)).join(', ')}`);
  for (const required of ['gemeenteCode', 'month', 'linked', 'housedWithinNorm', 'housedLate'] as const) {
    if (!fields.includes(required)) throw new Error(`the file has no column for ${required}`);
  }
  return records.slice(1).map((record, index) => {
    const line = index + 2;
    const value = (field: keyof KoppelingCounts) => {
      const i = fields.indexOf(field);
      return i < 0 ? '' : (record[i] ?? '').trim();
    };
    const count = (field: (typeof COUNTS)[number]) => {
      const v = value(field);
      if (v === '' && (field === 'largeFamilies' || field === 'adaptedHomeNeeded')) return 0;
      if (!/^\d+$/.test(v)) throw new Error(`line ${line}: ${field} is "${v.slice(0, 20)}", not a whole number`);
      return Number(v);
    };
    const average = (field: (typeof AVERAGES)[number]) => {
      const v = value(field).replace(',', '.');
      if (v === '') return null;
      if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`line ${line}: ${field} is "${v.slice(0, 20)}", not a number of weeks`);
      return Math.round(Number(v) * 10) / 10;
    };
    const code = value('gemeenteCode').toUpperCase();
    const row: KoppelingCounts = {
      gemeenteCode: /^\d{1,4}$/.test(code) ? `GM${code.padStart(4, '0')}` : code,
      month: value('month').slice(0, 7),
      linked: count('linked'),
      housedWithinNorm: count('housedWithinNorm'),
      housedLate: count('housedLate'),
      averageWeeksFromKoppeling: average('averageWeeksFromKoppeling'),
      averageWeeksFromPermit: average('averageWeeksFromPermit'),
      largeFamilies: count('largeFamilies'),
      adaptedHomeNeeded: count('adaptedHomeNeeded'),
    };
    if (!/^GM\d{4}$/.test(row.gemeenteCode)) throw new Error(`line ${line}: "${row.gemeenteCode.slice(0, 20)}" is not a gemeente code (GM0034)`);
    const problem = koppelingProblem(row);
    if (problem) throw new Error(`line ${line}: ${problem.message}`);
    return row;
  });
}

export const KOPPELING_MONTH_COLUMNS = `k.gemeente_code AS "gemeenteCode", g.province_code AS "provinceCode", to_char(k.month, 'YYYY-MM') AS month, k.linked,
  k.housed_within_norm AS "housedWithinNorm", k.housed_late AS "housedLate", k.average_weeks_from_koppeling::float8 AS "averageWeeksFromKoppeling",
  k.average_weeks_from_permit::float8 AS "averageWeeksFromPermit", k.large_families AS "largeFamilies", k.adapted_home_needed AS "adaptedHomeNeeded", k.version`;

export async function koppelingMonth(db: EntityManager, gemeenteCode: string, month: string): Promise<KoppelingMonth | null> {
  const [row] = await db.query(`SELECT ${KOPPELING_MONTH_COLUMNS} FROM koppeling_month k JOIN gemeente g ON g.code = k.gemeente_code WHERE k.gemeente_code = $1 AND k.month = $2::date`, [gemeenteCode, `${month}-01`]);
  return row ? Object.assign(new KoppelingMonth(), row) : null;
}

/**
 * Stores one month (insert, or a revision that raises the version) and records the event. `expectedVersion` null:
 * the import, which overwrites what it finds.
 */
export async function storeKoppelingMonth(tx: EntityManager, row: KoppelingCounts & { provinceCode: ProvinceCode }, actorId: string | null, expectedVersion: number | null): Promise<KoppelingMonth> {
  const before = await tx.query(`SELECT ${KOPPELING_MONTH_COLUMNS}, (SELECT name FROM person WHERE id = k.updated_by) AS "changedBy", k.updated_at AS "changedAt" FROM koppeling_month k JOIN gemeente g ON g.code = k.gemeente_code WHERE k.gemeente_code = $1 AND k.month = $2::date FOR UPDATE OF k`, [
    row.gemeenteCode, `${row.month}-01`,
  ]);
  const { changedBy = null, changedAt = null, ...stored } = before[0] ?? {};
  const current = before[0] ? stored : null;
  if (expectedVersion !== null && (current?.version ?? 0) !== expectedVersion) {
    throw conflict(`The koppelingen of ${row.gemeenteCode} in ${row.month} changed since version ${expectedVersion}`, { currentVersion: current?.version ?? 0, changedBy, changedAt: changedAt ?? new Date() });
  }
  await tx.query(
    `INSERT INTO koppeling_month (gemeente_code, month, linked, housed_within_norm, housed_late, average_weeks_from_koppeling, average_weeks_from_permit, large_families, adapted_home_needed, updated_by)
     VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (gemeente_code, month) DO UPDATE SET linked = $3, housed_within_norm = $4, housed_late = $5, average_weeks_from_koppeling = $6,
       average_weeks_from_permit = $7, large_families = $8, adapted_home_needed = $9, updated_by = $10, updated_at = now(), version = koppeling_month.version + 1`,
    [row.gemeenteCode, `${row.month}-01`, row.linked, row.housedWithinNorm, row.housedLate, row.averageWeeksFromKoppeling, row.averageWeeksFromPermit, row.largeFamilies, row.adaptedHomeNeeded, actorId],
  );
  const after = (await koppelingMonth(tx, row.gemeenteCode, row.month))!;
  await recordEvent(tx, {
    kind: HuisvestingEventKind.KOPPELINGEN_RECORDED,
    subjectType: HuisvestingEventSubject.KOPPELING,
    subjectId: subjectIdOf(`koppeling:${row.gemeenteCode}:${row.month}`),
    provinceCode: row.provinceCode,
    gemeenteCode: row.gemeenteCode,
    actorId,
    before: current,
    after: { ...after },
  });
  return after;
}

export interface KoppelingImportSummary {
  sourceFile: string;
  stored: number;
  revised: number;
  months: string[];
  unknown: string[];
  perProvince: Record<string, number>;
}

/**
 * Stores a parsed file in one transaction: a gemeente code that does not exist refuses the whole file, so an
 * import is all or nothing.
 */
export async function importKoppelingen(
  manager: EntityManager,
  rows: KoppelingCounts[],
  options: { sourceFile: string; onProgress?: (done: number, total: number) => void },
): Promise<KoppelingImportSummary> {
  const codes = [...new Set(rows.map((r) => r.gemeenteCode))];
  const known: { code: string; province_code: ProvinceCode }[] = await manager.query('SELECT code, province_code FROM gemeente WHERE code = ANY($1)', [codes]);
  const provinceOf = new Map(known.map((g) => [g.code, g.province_code]));
  const unknown = codes.filter((code) => !provinceOf.has(code));
  if (unknown.length) throw badUserInput(`unknown gemeente ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}: nothing was stored`, 'file');
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = `${row.gemeenteCode}@${row.month}`;
    if (seen.has(key)) throw badUserInput(`line ${index + 2}: ${row.gemeenteCode} in ${row.month} appears twice: nothing was stored`, 'file');
    seen.add(key);
  });
  return manager.transaction(async (tx) => {
    const summary: KoppelingImportSummary = { sourceFile: options.sourceFile, stored: 0, revised: 0, months: [], unknown, perProvince: {} };
    for (const [index, row] of rows.entries()) {
      const provinceCode = provinceOf.get(row.gemeenteCode)!;
      const stored = await storeKoppelingMonth(tx, { ...row, provinceCode }, null, null);
      summary.stored++;
      if (stored.version > 1) summary.revised++;
      summary.perProvince[provinceCode] = (summary.perProvince[provinceCode] ?? 0) + row.linked;
      options.onProgress?.(index + 1, rows.length);
    }
    summary.months = [...new Set(rows.map((r) => r.month))].sort();
    return summary;
  });
}
