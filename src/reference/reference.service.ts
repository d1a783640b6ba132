import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { badUserInput } from '../platform/errors.js';
import { isCleanText } from '../platform/validation.js';
import { byKey, groupByKey, ReadAheadLoader } from '../platform/loader-utils.js';
import { queryPreparedText } from '../platform/database.js';
import { isStringPair, pageRequest, toPage, type Page, type PageRequest } from '../platform/pagination.js';
import { Gemeente, OpvangtypeRecord, Province, Uitplaatsingsregio } from './entities.js';
import type { ProvinceCode } from './enums.js';

export interface GemeenteFilter {
  provinceCode?: ProvinceCode | null;
  search?: string | null;
  includeEnded?: boolean | null;
}

const GEMEENTE_CODE = /^GM\d{4}$/;

export function normaliseGemeenteCode(code: string, field = 'code'): string {
  const normalised = code.trim().toUpperCase();
  if (!GEMEENTE_CODE.test(normalised)) throw badUserInput(`This is not a CBS gemeente code like GM0344`, field);
  return normalised;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function searchFilter(search: string | null | undefined): string | null {
  const trimmed = search?.trim();
  if (!trimmed) return null;
  if (!isCleanText(trimmed, 100)) throw badUserInput('search must be at most 100 characters of text on one line', 'search');
  return likePattern(trimmed);
}

type GemeentePageKey = { provinceCode: ProvinceCode; filter: GemeenteFilter; first: number | null; after: string | null; withCount?: boolean };

/** Reference data: provinces, gemeenten, uitplaatsingsregio's and opvangtypes. Readable by anyone authenticated. */
export class ReferenceService {
  constructor(private readonly db: DataSource) {}

  async provinces(): Promise<Province[]> {
    return (await queryPreparedText<object>(this.db, `${PROVINCE_SQL.replace('WHERE code = ANY($1)', '')} ORDER BY cbs_code`, [])).map((row) => Object.assign(new Province(), row));
  }

  uitplaatsingsregios(): Promise<Uitplaatsingsregio[]> {
    return this.db.getRepository(Uitplaatsingsregio).find({ order: { number: 'ASC' } });
  }

  opvangtypes(): Promise<OpvangtypeRecord[]> {
    return this.db.getRepository(OpvangtypeRecord).find({ order: { sortOrder: 'ASC' } });
  }

  /** One page of gemeenten ordered by name, across provinces or within one. */
  async gemeenten(filter: GemeenteFilter, first: number | null | undefined, after: string | null | undefined, withCount = true): Promise<Page<Gemeente>> {
    const page = pageRequest(first, after, isStringPair);
    const [result] = await this.gemeentenPerProvince(filter.provinceCode ? [filter.provinceCode] : null, filter, page, withCount);
    return result;
  }

  /**
   * Pages of gemeenten for several provinces at once (or one page over all provinces when `provinceCodes`
   * is null): two statements however many provinces are asked for.
   */
  async gemeentenPerProvince(provinceCodes: ProvinceCode[] | null, filter: GemeenteFilter, page: PageRequest<[string, string]>, withCount = true): Promise<Page<Gemeente>[]> {
    const search = searchFilter(filter.search);
    const conditions = ['($1::text[] IS NULL OR g.province_code = ANY($1))', '($2::text IS NULL OR g.name_search LIKE search_key($2))'];
    if (!filter.includeEnded) conditions.push('g.valid_until IS NULL');
    const where = conditions.join(' AND ');
    const params = [provinceCodes, search];
    const partition = provinceCodes ? 'g.province_code' : 'true';
    const rows = await queryPreparedText<Gemeente>(
      this.db,
      `SELECT code, name, "provinceCode", "validFrom", "validUntil" FROM (
         SELECT g.code, g.name, g.province_code AS "provinceCode", g.valid_from::text AS "validFrom", g.valid_until::text AS "validUntil",
                row_number() OVER (PARTITION BY ${partition} ORDER BY g.name, g.code) AS rn
         FROM gemeente g
         WHERE ${where} AND ($3::text IS NULL OR (g.name, g.code) > ($3, $4))
       ) ranked WHERE rn <= $5 ORDER BY ${provinceCodes ? '"provinceCode", ' : ''}name, code`,
      [...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
    );
    // The count only when totalCount is asked for.
    const counts: { provinceCode: string; count: number }[] = withCount
      ? await queryPreparedText<{ provinceCode: string; count: number }>(this.db, `SELECT ${provinceCodes ? 'g.province_code' : `'ALL'`} AS "provinceCode", count(*)::int AS count FROM gemeente g WHERE ${where} GROUP BY 1`, params)
      : [];
    const keys: string[] = provinceCodes ?? ['ALL'];
    const rowsPerKey = provinceCodes ? groupByKey<string, Gemeente>(keys, rows, (row) => row.provinceCode) : [rows];
    const countPerKey = byKey(keys, counts, (row) => row.provinceCode);
    return rowsPerKey.map((group, index) =>
      toPage(
        group.map((row) => Object.assign(new Gemeente(), row)),
        page.first,
        (gemeente) => [gemeente.name, gemeente.code],
        countPerKey[index]?.count ?? 0,
      ),
    );
  }

  createLoaders() {
    const db = this.db;
    return {
      // Read on almost every request (a list's gemeente and province names): plain statements, not the query builder;
      // a list that asks for them reads them ahead (`readAhead`), and its rows then get them without a promise.
      province: new ReadAheadLoader(
        new DataLoader<ProvinceCode, Province | null>(async (codes) =>
          byKey(codes, (await queryPreparedText<object>(db, PROVINCE_SQL, [codes])).map((row) => Object.assign(new Province(), row)), (p: Province) => p.code),
        ),
      ),
      gemeente: new ReadAheadLoader(
        new DataLoader<string, Gemeente | null>(async (codes) =>
          byKey(codes, (await queryPreparedText<object>(db, GEMEENTE_SQL, [codes])).map((row) => Object.assign(new Gemeente(), row)), (g: Gemeente) => g.code),
        ),
      ),
      uitplaatsingsregio: new DataLoader<number, Uitplaatsingsregio | null>(async (numbers) =>
        byKey(numbers, await db.getRepository(Uitplaatsingsregio).findBy(numbers.map((number) => ({ number }))), (r) => r.number),
      ),
      provincesOfRegio: new DataLoader<number, Province[]>(async (numbers) =>
        groupByKey(
          numbers,
          await db.getRepository(Province).find({ where: numbers.map((n) => ({ uitplaatsingsregioNumber: n })), order: { cbsCode: 'ASC' } }),
          (p) => p.uitplaatsingsregioNumber,
        ),
      ),
      /** Province.gemeenten: pages for all provinces asked with the same arguments in one go. */
      gemeentenOfProvince: new DataLoader<GemeentePageKey, Page<Gemeente>, string>(
        async (keys) => {
          const groups = new Map<string, GemeentePageKey[]>();
          for (const key of keys) {
            const argsKey = JSON.stringify([key.filter, key.first, key.after]);
            const group = groups.get(argsKey);
            if (group) group.push(key);
            else groups.set(argsKey, [key]);
          }
          const results = new Map<GemeentePageKey, Page<Gemeente>>();
          for (const group of groups.values()) {
            const { filter, first, after } = group[0];
            const pages = await this.gemeentenPerProvince(
              group.map((key) => key.provinceCode),
              filter,
              pageRequest(first, after, isStringPair),
              group.some((key) => key.withCount !== false),
            );
            group.forEach((key, index) => results.set(key, pages[index]));
          }
          return keys.map((key) => results.get(key)!);
        },
        { cacheKeyFn: (key) => JSON.stringify([key.provinceCode, key.filter, key.first, key.after, key.withCount !== false]) },
      ),
    };
  }
}

const PROVINCE_SQL = `SELECT code, cbs_code AS "cbsCode", iso_code AS "isoCode", name, population, population_date::text AS "populationDate",
  uitplaatsingsregio_number AS "uitplaatsingsregioNumber" FROM province WHERE code = ANY($1)`;
const GEMEENTE_SQL = `SELECT code, name, province_code AS "provinceCode", valid_from::text AS "validFrom", valid_until::text AS "validUntil"
  FROM gemeente WHERE code = ANY($1)`;

export type ReferenceLoaders = ReturnType<ReferenceService['createLoaders']>;
