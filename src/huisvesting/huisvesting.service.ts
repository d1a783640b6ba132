import DataLoader from 'dataloader';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { badUserInput, conflict, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { addDays, isIsoDate, today } from '../platform/dates.js';
import { assertText, isUuid } from '../platform/validation.js';
import { recordEvent } from '../events/index.js';
import { shortTermTargetsInForceSql } from '../plans/index.js';
import { normaliseGemeenteCode, PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';
import { huisvestingPolicy } from './huisvesting.policy.js';
import { HuisvestingEventKind, HuisvestingEventSubject, subjectIdOf } from './huisvesting.events.js';
import {
  achterstand,
  formatHalfYear,
  fromOrdinal,
  halfYearEndingBefore,
  herverdelingProblem,
  ordinal,
  parseHalfYear,
  populationDate,
  runningBalance,
  verevening,
  VEREVENING_PEILDATA,
  voorsprong,
  type HalfYear,
} from './rules.js';
import {
  GemeenteTaakstelling,
  Herverdeling,
  HerverdelingPart,
  HerverdelingReason,
  HuisvestingOverview,
  KoppelingFigures,
  NationalTaakstelling,
  ProvinceHuisvesting,
  Verevening,
  VereveningPeildatum,
  UitplaatsingsregioKoppeling,
  KoppelingMonth,
} from './types.js';
import { KOPPELING_MONTH_COLUMNS, koppelingProblem, storeKoppelingMonth } from './koppeling.js';

export function halfYearArg(value: string, field: string): HalfYear {
  const halfYear = parseHalfYear(value);
  if (!halfYear) throw badUserInput(`${field.split('.').at(-1)} must be a half-year such as 2021-I or 2021-II`, field);
  return halfYear;
}

interface FigureRow {
  gemeenteCode: string;
  provinceCode: ProvinceCode;
  n: number;
  inhabitants: number | null;
  fictitious: boolean | null;
  computed: number | null;
  transferred: number;
  housed: number | null;
  inTussenvoorziening: number | null;
  inDoorstroomwoning: number | null;
  realisationVersion: number | null;
}

/**
 * Every gemeente's figures in every half-year with a national taakstelling up to `upTo`, in one statement: the
 * taakstelling computed by art. 29(1) in SQL integer arithmetic (the same as `gemeenteTaakstelling`), confirmed
 * herverdelingen, and what was housed. A gemeente that did not exist on a half-year's population date has no row.
 */
const FIGURES_SQL = `
  WITH hy AS (
    SELECT year * 2 + half - 1 AS n, vergunninghouders, make_date(year - 1, 1, 1) AS pop_date, year, half
    FROM national_taakstelling WHERE year * 2 + half - 1 <= $1
  ), nl AS (
    SELECT on_date, sum(inhabitants)::bigint AS total FROM gemeente_population WHERE on_date IN (SELECT pop_date FROM hy) GROUP BY on_date
  ), moved AS (
    SELECT p.gemeente_code, h.year * 2 + h.half - 1 AS n, sum(p.change)::int AS change
    FROM herverdeling h JOIN herverdeling_part p ON p.herverdeling_id = h.id WHERE h.confirmed GROUP BY 1, 2
  )
  SELECT g.code AS "gemeenteCode", g.province_code AS "provinceCode", hy.n, p.inhabitants, p.fictitious,
    ((hy.vergunninghouders::bigint * p.inhabitants + nl.total - 1) / nl.total)::int AS computed,
    coalesce(moved.change, 0) AS transferred, r.housed, r.in_tussenvoorziening AS "inTussenvoorziening",
    r.in_doorstroomwoning AS "inDoorstroomwoning", r.version AS "realisationVersion"
  FROM gemeente g CROSS JOIN hy
  LEFT JOIN gemeente_population p ON p.gemeente_code = g.code AND p.on_date = hy.pop_date
  LEFT JOIN nl ON nl.on_date = hy.pop_date
  LEFT JOIN moved ON moved.gemeente_code = g.code AND moved.n = hy.n
  LEFT JOIN huisvesting_realisation r ON r.gemeente_code = g.code AND r.year = hy.year AND r.half = hy.half
  WHERE ($2::text[] IS NULL OR g.province_code = ANY($2) OR g.code = ANY($3))
    AND (p.inhabitants IS NOT NULL OR r.housed IS NOT NULL OR moved.change IS NOT NULL)
  ORDER BY g.code, hy.n`;

const NATIONAL_SQL = `
  SELECT t.year * 2 + t.half - 1 AS n, t.vergunninghouders, t.source, t.published_on::text AS "publishedOn", t.version,
    (SELECT sum(p.inhabitants)::bigint FROM gemeente_population p WHERE p.on_date = make_date(t.year - 1, 1, 1)) AS "inhabitantsNL"
  FROM national_taakstelling t ORDER BY 1`;

/** Every gemeente's balance over the half-years up to the last one asked for, from the rows of FIGURES_SQL. */
function balances(rows: FigureRow[], halfYears: number[]): Map<string, GemeenteTaakstelling[]> {
  const perGemeente = new Map<string, FigureRow[]>();
  for (const row of rows) (perGemeente.get(row.gemeenteCode) ?? perGemeente.set(row.gemeenteCode, []).get(row.gemeenteCode)!).push(row);
  const result = new Map<string, GemeenteTaakstelling[]>();
  for (const [code, own] of perGemeente) {
    const byN = new Map(own.map((row) => [Number(row.n), row]));
    // Half-years in which the gemeente did not exist carry nothing in or out.
    const series = halfYears.filter((n) => byN.has(n)).map((n) => {
      const row = byN.get(n)!;
      const computed = row.computed ?? 0;
      return { row, halfYear: fromOrdinal(n), taakstelling: Math.max(0, computed + row.transferred), housed: row.housed ?? 0 };
    });
    result.set(
      code,
      runningBalance(series).map((b, i) => {
        const row = series[i].row;
        return Object.assign(new GemeenteTaakstelling(), {
          gemeenteCode: code,
          provinceCode: row.provinceCode,
          halfYear: formatHalfYear(b.halfYear),
          inhabitants: row.inhabitants,
          populationFictitious: row.fictitious ?? false,
          computed: row.computed ?? 0,
          transferred: row.transferred,
          taakstelling: b.taakstelling,
          housed: b.housed,
          inTussenvoorziening: row.inTussenvoorziening ?? 0,
          inDoorstroomwoning: row.inDoorstroomwoning ?? 0,
          carriedIn: b.carriedIn,
          opgave: b.opgave,
          balance: b.balance,
          achterstand: achterstand(b.balance),
          voorsprong: voorsprong(b.balance),
          realisationVersion: row.realisationVersion ?? 0,
        });
      }),
    );
  }
  return result;
}

/**
 * Koppelingen per gemeente per half-year (ordinal n), in the same scope as FIGURES_SQL (averages weighted by those
 * housed), and the provinces of each uitplaatsingsregio: one statement, one row of two JSON arrays.
 */
const KOPPELING_SQL = `
  SELECT coalesce((SELECT json_agg(r) FROM (
    SELECT p.code AS "provinceCode", u.number, u.name FROM province p JOIN uitplaatsingsregio u ON u.number = p.uitplaatsingsregio_number ORDER BY u.number, p.code
  ) r), '[]') AS regios, coalesce((SELECT json_agg(k) FROM (
  SELECT k.gemeente_code AS "gemeenteCode", g.province_code AS "provinceCode",
    (extract(year FROM k.month)::int * 2 + CASE WHEN extract(month FROM k.month) >= 7 THEN 1 ELSE 0 END) AS n,
    sum(k.linked)::int AS linked, sum(k.housed_within_norm)::int AS "housedWithinNorm", sum(k.housed_late)::int AS "housedLate",
    sum(k.large_families)::int AS "largeFamilies", sum(k.adapted_home_needed)::int AS "adaptedHomeNeeded",
    sum(k.average_weeks_from_koppeling * (k.housed_within_norm + k.housed_late))::float8 AS "weeksK",
    sum(CASE WHEN k.average_weeks_from_koppeling IS NOT NULL THEN k.housed_within_norm + k.housed_late END)::int AS "housedK",
    sum(k.average_weeks_from_permit * (k.housed_within_norm + k.housed_late))::float8 AS "weeksP",
    sum(CASE WHEN k.average_weeks_from_permit IS NOT NULL THEN k.housed_within_norm + k.housed_late END)::int AS "housedP"
  FROM koppeling_month k JOIN gemeente g ON g.code = k.gemeente_code
  WHERE k.month < make_date($1::int / 2 + $1::int % 2, CASE WHEN $1::int % 2 = 0 THEN 7 ELSE 1 END, 1)
    AND ($2::text[] IS NULL OR g.province_code = ANY($2) OR g.code = ANY($3))
  GROUP BY 1, 2, 3) k), '[]') AS koppelingen,
  -- The short-term target each province's verevening deducts from: the one in force on the last peildatum.
  (SELECT json_object_agg(t."provinceCode", t.places) FROM (${shortTermTargetsInForceSql(`'${VEREVENING_PEILDATA[VEREVENING_PEILDATA.length - 1]}'`)}) t WHERE t."provinceCode" IS NOT NULL) AS targets`;

export interface RegioRow {
  provinceCode: ProvinceCode;
  number: number;
  name: string;
}

export interface KoppelingRow {
  gemeenteCode: string;
  provinceCode: ProvinceCode;
  n: number;
  linked: number;
  housedWithinNorm: number;
  housedLate: number;
  largeFamilies: number;
  adaptedHomeNeeded: number;
  weeksK: number | null;
  housedK: number | null;
  weeksP: number | null;
  housedP: number | null;
}

/** Koppelingen summed; the averages weighted by the number housed in each month that reported one. */
export function sumKoppeling(rows: readonly KoppelingRow[]): KoppelingFigures {
  const total = (pick: (row: KoppelingRow) => number | null) => rows.reduce((sum, row) => sum + (pick(row) ?? 0), 0);
  const average = (weeks: number, housed: number) => (housed > 0 ? Math.round((weeks / housed) * 10) / 10 : null);
  return Object.assign(new KoppelingFigures(), {
    linked: total((r) => r.linked),
    housedWithinNorm: total((r) => r.housedWithinNorm),
    housedLate: total((r) => r.housedLate),
    largeFamilies: total((r) => r.largeFamilies),
    adaptedHomeNeeded: total((r) => r.adaptedHomeNeeded),
    averageWeeksFromKoppeling: average(total((r) => r.weeksK), total((r) => r.housedK)),
    averageWeeksFromPermit: average(total((r) => r.weeksP), total((r) => r.housedP)),
  });
}

/** The huisvesting of vergunninghouders: taakstelling, realisation, herverdeling, verevening and koppeling. */
export class HuisvestingService {
  constructor(private readonly db: DataSource) {}

  /** The national taakstellingen, earliest first. */
  async nationals(db: DataSource | EntityManager = this.db): Promise<NationalTaakstelling[]> {
    const rows = await db.query(NATIONAL_SQL);
    return rows.map((row: { n: number; inhabitantsNL: string | null } & Record<string, unknown>) => {
      const halfYear = fromOrdinal(Number(row.n));
      return Object.assign(new NationalTaakstelling(), {
        halfYear: formatHalfYear(halfYear),
        vergunninghouders: row.vergunninghouders,
        source: row.source,
        publishedOn: row.publishedOn,
        version: row.version,
        populationDate: populationDate(halfYear),
        inhabitantsNL: row.inhabitantsNL === null ? null : Number(row.inhabitantsNL),
        gemeentenSum: null,
      });
    });
  }

  /** Balances of the gemeenten asked for (or of whole provinces), up to and including `upTo`. */
  async figures(scope: { provinces: ProvinceCode[] | null; gemeenten: string[] }, upTo: HalfYear, db: DataSource | EntityManager = this.db): Promise<{ nationals: NationalTaakstelling[]; gemeenten: Map<string, GemeenteTaakstelling[]>; koppelingen: KoppelingRow[]; regios: RegioRow[]; shortTermTargets: Map<ProvinceCode, number> }> {
    const last = Math.max(ordinal(upTo), ordinal({ year: 2021, half: 2 }));
    type Koppelingen = { koppelingen: KoppelingRow[]; regios: RegioRow[]; targets: Record<string, number> | null };
    const statements = [
      () => this.nationals(db),
      () => db.query(FIGURES_SQL, [last, scope.provinces, scope.gemeenten]),
      () => db.query(KOPPELING_SQL, [last, scope.provinces, scope.gemeenten]) as Promise<Koppelingen[]>,
    ] as const;
    // Side by side over the pool; one after the other inside a transaction, which has one connection.
    const [nationals, rows, [{ koppelingen, regios, targets }]]: [NationalTaakstelling[], unknown[], Koppelingen[]] =
      db instanceof DataSource
        ? await Promise.all([statements[0](), statements[1](), statements[2]()])
        : [await statements[0](), await statements[1](), await statements[2]()];
    const halfYears = nationals.map((n) => ordinal(parseHalfYear(n.halfYear)!)).filter((n) => n <= last);
    const gemeenten = balances(rows as FigureRow[], halfYears);
    // Koppelingen grouped once per gemeente and half-year, not searched again for every gemeente.
    const byGemeenteHalfYear = new Map<string, KoppelingRow[]>();
    for (const k of koppelingen) {
      const key = `${k.gemeenteCode}:${Number(k.n)}`;
      const rows = byGemeenteHalfYear.get(key);
      if (rows) rows.push(k);
      else byGemeenteHalfYear.set(key, [k]);
    }
    for (const series of gemeenten.values()) {
      for (const g of series) g.koppeling = sumKoppeling(byGemeenteHalfYear.get(`${g.gemeenteCode}:${ordinal(parseHalfYear(g.halfYear)!)}`) ?? []);
    }
    return { nationals, gemeenten, koppelingen, regios, shortTermTargets: new Map(Object.entries(targets ?? {})) as Map<ProvinceCode, number> };
  }

  /** The national taakstellingen; with the sum over the gemeenten for those who read every gemeente (three statements more). */
  async nationalsWithSums(principal: Principal): Promise<NationalTaakstelling[]> {
    const nationals = await this.nationals();
    if (huisvestingPolicy.provinces(principal) !== 'ALL' || nationals.length === 0) return nationals;
    const { gemeenten } = await this.figures({ provinces: null, gemeenten: [] }, parseHalfYear(nationals.at(-1)!.halfYear)!);
    const sums = new Map<string, number>();
    for (const series of gemeenten.values()) for (const g of series) sums.set(g.halfYear, (sums.get(g.halfYear) ?? 0) + g.computed);
    for (const national of nationals) national.gemeentenSum = sums.get(national.halfYear) ?? null;
    return nationals;
  }

  /** Per province: taakstelling, housed, achterstand, voorsprong, verevening and koppeling. Three statements whatever the size. */
  async overview(principal: Principal, halfYearText: string, provinceCode?: ProvinceCode | null): Promise<HuisvestingOverview> {
    const halfYear = halfYearArg(halfYearText, 'halfYear');
    const readable = huisvestingPolicy.provinces(principal);
    let provinces = readable === 'ALL' ? [...PROVINCE_CODES] : readable;
    if (provinceCode) {
      if (!provinces.includes(provinceCode)) throw forbidden(`You may not see the huisvesting of province ${provinceCode}`, 'provinceCode');
      provinces = [provinceCode];
    }
    if (provinces.length === 0) throw forbidden('Your roles give you no province to read: a gemeente sees its own taakstelling on Gemeente.taakstelling');
    const { nationals, gemeenten, koppelingen: allKoppelingen, regios, shortTermTargets } = await this.figures({ provinces, gemeenten: [] }, halfYear);
    const koppelingen = allKoppelingen.filter((k) => Number(k.n) === ordinal(halfYear));
    const label = formatHalfYear(halfYear);
    const national = nationals.find((n) => n.halfYear === label) ?? null;
    const all = [...gemeenten.values()];
    if (national) national.gemeentenSum = readable === 'ALL' && !provinceCode ? all.reduce((sum, series) => sum + (series.find((g) => g.halfYear === label)?.computed ?? 0), 0) : null;
    const perProvince = provinces.map((code) =>
      provinceFigures(code, label, all.filter((series) => series[0]?.provinceCode === code), koppelingen.filter((k) => k.provinceCode === code), shortTermTargets.get(code) ?? 0),
    );
    // Per uitplaatsingsregio, for those who read every province (COA, IPO, LRT), when the whole country is asked.
    const uitplaatsingsregios = readable === 'ALL' && !provinceCode
      ? [...new Set(regios.map((r) => r.number))].map((number) => {
          const codes = regios.filter((r) => r.number === number).map((r) => r.provinceCode);
          const own = perProvince.filter((p) => codes.includes(p.provinceCode));
          const regioRows = koppelingen.filter((k) => codes.includes(k.provinceCode));
          const koppeling = sumKoppeling(regioRows);
          const opgave = own.reduce((sum, p) => sum + p.opgave, 0);
          return Object.assign(new UitplaatsingsregioKoppeling(), {
            number,
            name: regios.find((r) => r.number === number)!.name,
            provinceCodes: codes,
            opgave,
            koppeling,
            koppelingShortfall: Math.max(0, opgave - koppeling.linked),
            fewerKoppelingenThanNeeded: signal(regioRows.length > 0, koppeling.linked, opgave),
          });
        })
      : [];
    return Object.assign(new HuisvestingOverview(), { halfYear: label, national, provinces: perProvince, uitplaatsingsregios });
  }

  async setNational(principal: Principal, input: { halfYear: string; vergunninghouders: number; source: string; publishedOn: string; expectedVersion?: number | null }): Promise<NationalTaakstelling> {
    const halfYear = halfYearArg(input.halfYear, 'input.halfYear');
    if (!huisvestingPolicy.canSetNational(principal)) throw forbidden('Only JenV, or the LRT on its behalf, sets the national taakstelling');
    if (!Number.isInteger(input.vergunninghouders) || input.vergunninghouders < 0 || input.vergunninghouders > 1_000_000) {
      throw badUserInput('vergunninghouders must be a whole number from 0 to 1,000,000', 'input.vergunninghouders');
    }
    const source = assertText(input.source, 500, 'input.source', false);
    if (!isIsoDate(input.publishedOn)) throw badUserInput('publishedOn is not a date (YYYY-MM-DD)', 'input.publishedOn');
    if (input.publishedOn > today()) throw badUserInput('publishedOn lies in the future: record a figure once it is published', 'input.publishedOn');
    return this.db.transaction(async (tx) => {
      const [current] = await tx.query('SELECT vergunninghouders, source, published_on::text AS "publishedOn", version, (SELECT name FROM person WHERE id = updated_by) AS "changedBy", updated_at AS "changedAt" FROM national_taakstelling WHERE year = $1 AND half = $2 FOR UPDATE', [halfYear.year, halfYear.half]);
      if (current && input.expectedVersion !== current.version) {
        throw conflict(`The taakstelling of ${input.halfYear} is at version ${current.version}: revise it from there`, { currentVersion: current.version, changedBy: current.changedBy, changedAt: current.changedAt });
      }
      if (!current && input.expectedVersion) throw notFound(`No taakstelling for ${input.halfYear} to revise`, 'input.expectedVersion');
      // Art. 29(1) Huisvestingswet 2014: published at least 13 weeks before the half-year; a revision comes later.
      const latest = addDays(`${halfYear.year}-${halfYear.half === 1 ? '01' : '07'}-01`, -91);
      if (!current && input.publishedOn > latest) {
        throw badUserInput(`The national taakstelling of ${input.halfYear} is published at least 13 weeks before the half-year (art. 29(1) Huisvestingswet 2014): on ${latest} at the latest`, 'input.publishedOn');
      }
      if (current && input.publishedOn < current.publishedOn) {
        throw badUserInput(`A revision is published on or after the figure it revises (${current.publishedOn})`, 'input.publishedOn');
      }
      await tx.query(
        `INSERT INTO national_taakstelling (year, half, vergunninghouders, source, published_on, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year, half) DO UPDATE SET vergunninghouders = $3, source = $4, published_on = $5, updated_by = $6, updated_at = now(), version = national_taakstelling.version + 1`,
        [halfYear.year, halfYear.half, input.vergunninghouders, source, input.publishedOn, principal.personId],
      );
      const label = formatHalfYear(halfYear);
      const after = (await this.nationals(tx)).find((n) => n.halfYear === label)!;
      await recordEvent(tx, {
        kind: HuisvestingEventKind.NATIONAL_TAAKSTELLING_SET,
        subjectType: HuisvestingEventSubject.NATIONAL_TAAKSTELLING,
        subjectId: subjectIdOf(`national:${label}`),
        provinceCode: null,
        actorId: principal.personId,
        before: current ?? null,
        // It concerns every province: each province's feed shows it (the subject names its provinces in its state).
        after: { halfYear: label, vergunninghouders: after.vergunninghouders, source: after.source, publishedOn: after.publishedOn, version: after.version, provinceCodes: [...PROVINCE_CODES] },
      });
      return after;
    });
  }

  async recordRealisation(
    principal: Principal,
    input: { gemeenteCode: string; halfYear: string; housed: number; inTussenvoorziening: number; inDoorstroomwoning: number; expectedVersion: number },
  ): Promise<GemeenteTaakstelling> {
    const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
    const halfYear = halfYearArg(input.halfYear, 'input.halfYear');
    for (const field of ['housed', 'inTussenvoorziening', 'inDoorstroomwoning'] as const) {
      if (!Number.isInteger(input[field]) || input[field] < 0 || input[field] > 100_000) throw badUserInput(`${field} must be a whole number from 0 to 100,000`, `input.${field}`);
    }
    if (input.inTussenvoorziening + input.inDoorstroomwoning > input.housed) {
      throw badUserInput('Those housed in a tussenvoorziening or doorstroomwoning are part of housed: together they cannot exceed it', 'input.housed');
    }
    if (!huisvestingPolicy.actsFor(principal, gemeenteCode)) throw forbidden('A gemeente records only its own realisation', 'input.gemeenteCode');
    const label = formatHalfYear(halfYear);
    await this.db.transaction(async (tx) => {
      const [national] = await tx.query('SELECT 1 FROM national_taakstelling WHERE year = $1 AND half = $2', [halfYear.year, halfYear.half]);
      if (!national) throw badUserInput(`${label} has no national taakstelling yet`, 'input.halfYear');
      const [gemeente] = await tx.query('SELECT province_code FROM gemeente WHERE code = $1', [gemeenteCode]);
      const [current] = await tx.query(
        'SELECT housed, in_tussenvoorziening AS "inTussenvoorziening", in_doorstroomwoning AS "inDoorstroomwoning", version, (SELECT name FROM person WHERE id = updated_by) AS "changedBy", updated_at AS "changedAt" FROM huisvesting_realisation WHERE gemeente_code = $1 AND year = $2 AND half = $3 FOR UPDATE',
        [gemeenteCode, halfYear.year, halfYear.half],
      );
      if ((current?.version ?? 0) !== input.expectedVersion) {
        throw conflict(`The realisation changed since version ${input.expectedVersion}`, { currentVersion: current?.version ?? 0, changedBy: current?.changedBy ?? null, changedAt: current?.changedAt ?? new Date() });
      }
      await tx.query(
        `INSERT INTO huisvesting_realisation (gemeente_code, year, half, housed, in_tussenvoorziening, in_doorstroomwoning, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (gemeente_code, year, half) DO UPDATE SET housed = $4, in_tussenvoorziening = $5, in_doorstroomwoning = $6, updated_by = $7, updated_at = now(),
           version = huisvesting_realisation.version + 1`,
        [gemeenteCode, halfYear.year, halfYear.half, input.housed, input.inTussenvoorziening, input.inDoorstroomwoning, principal.personId],
      );
      await recordEvent(tx, {
        kind: HuisvestingEventKind.REALISATION_RECORDED,
        subjectType: HuisvestingEventSubject.HUISVESTING_REALISATION,
        subjectId: subjectIdOf(`realisation:${gemeenteCode}:${label}`),
        provinceCode: gemeente.province_code,
        gemeenteCode,
        actorId: principal.personId,
        before: current ?? null,
        after: { halfYear: label, housed: input.housed, inTussenvoorziening: input.inTussenvoorziening, inDoorstroomwoning: input.inDoorstroomwoning, version: (current?.version ?? 0) + 1 },
      });
    });
    return (await this.gemeenteTaakstelling(principal, gemeenteCode, label))!;
  }

  async gemeenteTaakstelling(principal: Principal, gemeenteCode: string, halfYearText: string): Promise<GemeenteTaakstelling | null> {
    const halfYear = halfYearArg(halfYearText, 'halfYear');
    const { gemeenten } = await this.figures({ provinces: [], gemeenten: [gemeenteCode] }, halfYear);
    const row = gemeenten.get(gemeenteCode)?.find((g) => g.halfYear === formatHalfYear(halfYear)) ?? null;
    if (row && !huisvestingPolicy.canReadGemeente(principal, row)) return null;
    return row;
  }

  async proposeHerverdeling(
    principal: Principal,
    input: { halfYear: string; reason: HerverdelingReason; decidedOn: string; reference: string; parts: { gemeenteCode: string; change: number }[] },
  ): Promise<Herverdeling> {
    if (input.reason === HerverdelingReason.RECEPTION_LOCATION) {
      throw ruleViolation(
        'RECEPTION_LOCATION_LOWERS_NO_TAAKSTELLING',
        'Hosting or extending a reception location (AZC in the form of GVL, satelliet or ROL) does not lower the taakstelling: every vergunninghouder not housed keeps a reception place occupied (Integrale Handreiking, ch. 4). Only a joint decision of two or more colleges under art. 29(2) Huisvestingswet 2014, keeping the sum equal, shifts taakstelling.',
        { field: 'input.reason' },
      );
    }
    const halfYear = halfYearArg(input.halfYear, 'input.halfYear');
    if (!isIsoDate(input.decidedOn)) throw badUserInput('decidedOn is not a date (YYYY-MM-DD)', 'input.decidedOn');
    if (input.decidedOn > today()) throw badUserInput('decidedOn lies in the future: record a herverdeling once the colleges decided', 'input.decidedOn');
    const reference = assertText(input.reference, 200, 'input.reference', false);
    const parts = input.parts.map((part, index) => ({ gemeenteCode: normaliseGemeenteCode(part.gemeenteCode, `input.parts[${index}].gemeenteCode`), change: part.change }));
    const shape = herverdelingProblem(parts);
    if (shape) throw badUserInput(shape.message, shape.field);
    if (!parts.some((part) => huisvestingPolicy.actsFor(principal, part.gemeenteCode))) throw forbidden('Only a gemeente taking part records a herverdeling', 'input.parts');
    const label = formatHalfYear(halfYear);
    const { gemeenten } = await this.figures({ provinces: [], gemeenten: parts.map((p) => p.gemeenteCode) }, halfYear);
    const taakstellingOf = (code: string) => gemeenten.get(code)?.find((g) => g.halfYear === label)?.taakstelling;
    for (const [index, part] of parts.entries()) {
      if (taakstellingOf(part.gemeenteCode) === undefined) throw badUserInput(`Gemeente ${part.gemeenteCode} has no taakstelling in ${label}`, `input.parts[${index}].gemeenteCode`);
    }
    const problem = herverdelingProblem(parts, taakstellingOf);
    if (problem) throw badUserInput(problem.message, problem.field);
    return this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query('INSERT INTO herverdeling (year, half, decided_on, reference, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        halfYear.year, halfYear.half, input.decidedOn, reference, principal.personId,
      ]);
      await tx.query(
        `INSERT INTO herverdeling_part (herverdeling_id, gemeente_code, province_code, change, confirmed_at, confirmed_by)
         SELECT $1, g.code, g.province_code, p.change, CASE WHEN g.code = ANY($4) THEN now() END, CASE WHEN g.code = ANY($4) THEN $5::uuid END
         FROM unnest($2::text[], $3::int[]) AS p(code, change) JOIN gemeente g ON g.code = p.code`,
        [id, parts.map((p) => p.gemeenteCode), parts.map((p) => p.change), parts.map((p) => p.gemeenteCode).filter((code) => huisvestingPolicy.actsFor(principal, code)), principal.personId],
      );
      return this.afterChange(tx, principal, id, HuisvestingEventKind.HERVERDELING_PROPOSED);
    });
  }

  /** A party confirms for its college; once every party did, the herverdeling counts. */
  async confirmHerverdeling(principal: Principal, id: string): Promise<Herverdeling> {
    if (!isUuid(id)) throw badUserInput('not a herverdeling id', 'id');
    return this.db.transaction(async (tx) => {
      const parts: { gemeente_code: string; confirmed_at: Date | null }[] = await tx.query('SELECT gemeente_code, confirmed_at FROM herverdeling_part WHERE herverdeling_id = $1 FOR UPDATE', [id]);
      if (parts.length === 0) throw notFound('No such herverdeling', 'id');
      const own = parts.filter((part) => huisvestingPolicy.actsFor(principal, part.gemeente_code));
      if (own.length === 0) throw forbidden('Only a gemeente taking part confirms a herverdeling', 'id');
      if (own.every((part) => part.confirmed_at)) throw ruleViolation('ALREADY_CONFIRMED', 'Your gemeente already confirmed this herverdeling', { field: 'id' });
      await tx.query('UPDATE herverdeling_part SET confirmed_at = now(), confirmed_by = $3 WHERE herverdeling_id = $1 AND gemeente_code = ANY($2) AND confirmed_at IS NULL', [
        id, own.map((part) => part.gemeente_code), principal.personId,
      ]);
      const complete = parts.every((part) => part.confirmed_at || own.includes(part));
      if (complete) await this.assertStillPossible(tx, id);
      await tx.query('UPDATE herverdeling SET confirmed = NOT EXISTS (SELECT 1 FROM herverdeling_part WHERE herverdeling_id = $1 AND confirmed_at IS NULL) WHERE id = $1', [id]);
      return this.afterChange(tx, principal, id, HuisvestingEventKind.HERVERDELING_CONFIRMED);
    });
  }

  /**
   * The last confirmation makes a herverdeling count: checked again against the taakstellingen as they are now, since
   * another herverdeling of the same gemeenten may have counted since it was proposed (two pending transfers of all of
   * a gemeente's taakstelling would otherwise both count, and the sum grow). The parties' half-year is locked per
   * gemeente, so two confirmations cannot both pass on the same figures.
   */
  private async assertStillPossible(tx: EntityManager, id: string): Promise<void> {
    const [herverdeling] = await this.byIds(tx, [id]);
    const codes = herverdeling.parts.map((part) => part.gemeenteCode).sort();
    for (const code of codes) await tx.query(`SELECT pg_advisory_xact_lock(hashtext('herverdeling:' || $1 || ':' || $2))`, [code, herverdeling.halfYear]);
    const halfYear = parseHalfYear(herverdeling.halfYear)!;
    const { gemeenten } = await this.figures({ provinces: [], gemeenten: codes }, halfYear, tx);
    const taakstellingOf = (code: string) => gemeenten.get(code)?.find((g) => g.halfYear === herverdeling.halfYear)?.taakstelling;
    const problem = herverdelingProblem(herverdeling.parts, taakstellingOf);
    if (problem) {
      throw ruleViolation('HERVERDELING_NO_LONGER_POSSIBLE', `This herverdeling can no longer count: ${problem.message}, after herverdelingen confirmed since it was proposed`, { field: 'id' });
    }
  }

  /** COA of the gemeente's uitplaatsingsregio: record or revise one month's koppelingen (counts only). */
  async recordKoppelingen(
    principal: Principal,
    input: { gemeenteCode: string; month: string; linked: number; housedWithinNorm: number; housedLate: number; averageWeeksFromKoppeling?: number | null; averageWeeksFromPermit?: number | null; largeFamilies: number; adaptedHomeNeeded: number; expectedVersion: number },
  ): Promise<KoppelingMonth> {
    const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
    const row = { ...input, gemeenteCode, averageWeeksFromKoppeling: input.averageWeeksFromKoppeling ?? null, averageWeeksFromPermit: input.averageWeeksFromPermit ?? null };
    const problem = koppelingProblem(row);
    if (problem) throw badUserInput(problem.message, `input.${problem.field}`);
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) throw badUserInput('expectedVersion must be the version seen (0 for a new month)', 'input.expectedVersion');
    const [gemeente]: { province_code: ProvinceCode }[] = await this.db.query('SELECT province_code FROM gemeente WHERE code = $1', [gemeenteCode]);
    if (!gemeente) throw notFound(`No gemeente ${gemeenteCode}`, 'input.gemeenteCode');
    if (!huisvestingPolicy.canRecordKoppeling(principal, gemeente.province_code)) {
      throw forbidden('Only COA of the uitplaatsingsregio the gemeente belongs to records its koppelingen', 'input.gemeenteCode');
    }
    return this.db.transaction((tx) => storeKoppelingMonth(tx, { ...row, provinceCode: gemeente.province_code }, principal.personId, input.expectedVersion));
  }

  async koppelingMonths(principal: Principal, gemeenteCodeText: string, halfYearText: string): Promise<KoppelingMonth[]> {
    const gemeenteCode = normaliseGemeenteCode(gemeenteCodeText, 'gemeenteCode');
    const halfYear = halfYearArg(halfYearText, 'halfYear');
    const [gemeente]: { province_code: ProvinceCode }[] = await this.db.query('SELECT province_code FROM gemeente WHERE code = $1', [gemeenteCode]);
    if (!gemeente) throw notFound(`No gemeente ${gemeenteCode}`, 'gemeenteCode');
    if (!huisvestingPolicy.canReadGemeente(principal, { gemeenteCode, provinceCode: gemeente.province_code })) {
      throw forbidden(`You may not read the koppelingen of ${gemeenteCode}`, 'gemeenteCode');
    }
    const first = `${halfYear.year}-${halfYear.half === 1 ? '01' : '07'}-01`;
    const rows = await this.db.query(
      `SELECT ${KOPPELING_MONTH_COLUMNS} FROM koppeling_month k JOIN gemeente g ON g.code = k.gemeente_code
       WHERE k.gemeente_code = $1 AND k.month >= $2::date AND k.month < $2::date + interval '6 months' ORDER BY k.month`,
      [gemeenteCode, first],
    );
    return rows.map((row: object) => Object.assign(new KoppelingMonth(), row));
  }

  async herverdelingen(principal: Principal, halfYearText: string): Promise<Herverdeling[]> {
    const halfYear = halfYearArg(halfYearText, 'halfYear');
    const ids: { id: string }[] = await this.db.query('SELECT id FROM herverdeling WHERE year = $1 AND half = $2 ORDER BY decided_on, id', [halfYear.year, halfYear.half]);
    const all = await this.byIds(this.db, ids.map((row) => row.id));
    return all.filter((h) => h.parts.some((part) => huisvestingPolicy.canReadGemeente(principal, part)));
  }

  private async afterChange(tx: EntityManager, principal: Principal, id: string, kind: HuisvestingEventKind): Promise<Herverdeling> {
    const [herverdeling] = await this.byIds(tx, [id]);
    await recordEvent(tx, {
      kind,
      subjectType: HuisvestingEventSubject.HERVERDELING,
      subjectId: id,
      provinceCode: herverdeling.parts[0].provinceCode,
      actorId: principal.personId,
      subjectStatus: herverdeling.confirmed ? 'CONFIRMED' : 'PROPOSED',
      after: {
        halfYear: herverdeling.halfYear,
        confirmed: herverdeling.confirmed,
        gemeenteCodes: herverdeling.parts.map((p) => p.gemeenteCode),
        provinceCodes: [...new Set(herverdeling.parts.map((p) => p.provinceCode))],
        parts: herverdeling.parts.map(({ gemeenteCode, change, confirmedAt }) => ({ gemeenteCode, change, confirmed: !!confirmedAt })),
      },
    });
    return herverdeling;
  }

  private async byIds(db: DataSource | EntityManager, ids: string[]): Promise<Herverdeling[]> {
    if (ids.length === 0) return [];
    const rows = await db.query(
      `SELECT h.id, h.year, h.half, h.decided_on::text AS "decidedOn", h.reference, h.confirmed,
         p.gemeente_code AS "gemeenteCode", p.province_code AS "provinceCode", p.change, p.confirmed_at AS "confirmedAt"
       FROM herverdeling h JOIN herverdeling_part p ON p.herverdeling_id = h.id WHERE h.id = ANY($1) ORDER BY h.decided_on, h.id, p.gemeente_code`,
      [ids],
    );
    const byId = new Map<string, Herverdeling>();
    for (const row of rows) {
      const h = byId.get(row.id) ?? byId.set(row.id, Object.assign(new Herverdeling(), {
        id: row.id, halfYear: formatHalfYear({ year: row.year, half: row.half }), decidedOn: row.decidedOn, reference: row.reference, confirmed: row.confirmed, parts: [],
      })).get(row.id)!;
      h.parts.push(Object.assign(new HerverdelingPart(), { gemeenteCode: row.gemeenteCode, provinceCode: row.provinceCode, change: row.change, confirmedAt: row.confirmedAt }));
    }
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  /**
   * The verevening (Handreiking 4.2.6) in the monitoring figures of a province on a date: its voorsprong at the
   * peildata on or before the date, deducted from its short-term target. Null where one may not read the province's
   * huisvesting. `peildata` batches the provinces of one overview (the request's loader, or a fresh one for an export).
   */
  async overviewVerevening(
    principal: Principal,
    province: { provinceCode: ProvinceCode; on: string; shortTermTarget: number },
    peildata: HuisvestingLoaders['peildataOfProvince'],
  ) {
    if (!huisvestingPolicy.canReadProvince(principal, province.provinceCode)) return null;
    const balances = await peildata.load(province.provinceCode);
    return verevening(balances.map((p) => (p.peildatum <= province.on ? p.balance : null)), province.shortTermTarget);
  }

  createLoaders() {
    return {
      /** Key: `${gemeenteCode}@${halfYear}`; one statement pair for all gemeenten asked in an operation. */
      gemeenteTaakstelling: new DataLoader<string, GemeenteTaakstelling | null>(async (keys) => {
        const pairs = keys.map((key) => key.split('@') as [string, string]);
        const last = pairs.map(([, h]) => parseHalfYear(h)!).reduce((a, b) => (ordinal(a) >= ordinal(b) ? a : b));
        const { gemeenten } = await this.figures({ provinces: [], gemeenten: [...new Set(pairs.map(([code]) => code))] }, last);
        return pairs.map(([code, h]) => gemeenten.get(code)?.find((g) => g.halfYear === h) ?? null);
      }),
      /**
       * Key: `${provinceCode}@${halfYear}` (the half-year as `formatHalfYear` writes it); the same two statements for
       * every province and half-year asked in an operation. The caller checks the policy first.
       */
      provinceHuisvesting: new DataLoader<string, ProvinceHuisvesting>(async (keys) => {
        const pairs = keys.map((key) => key.split('@') as [ProvinceCode, string]);
        const last = pairs.map(([, h]) => parseHalfYear(h)!).reduce((a, b) => (ordinal(a) >= ordinal(b) ? a : b));
        const { gemeenten, koppelingen, shortTermTargets } = await this.figures({ provinces: [...new Set(pairs.map(([code]) => code))], gemeenten: [] }, last);
        const all = [...gemeenten.values()];
        return pairs.map(([code, h]) => {
          const n = ordinal(parseHalfYear(h)!);
          return provinceFigures(code, h, all.filter((series) => series[0]?.provinceCode === code), koppelingen.filter((k) => k.provinceCode === code && Number(k.n) === n), shortTermTargets.get(code) ?? 0);
        });
      }),
      /** A province's balance at each peildatum of the verevening; one batch of statements for all provinces asked. */
      peildataOfProvince: new DataLoader<ProvinceCode, { peildatum: string; balance: number | null }[]>(async (codes) => {
        const { gemeenten } = await this.figures({ provinces: [...codes], gemeenten: [] }, { year: 2021, half: 2 });
        const all = [...gemeenten.values()];
        return codes.map((code) => peildataBalances(all.filter((series) => series[0]?.provinceCode === code)));
      }),
    };
  }
}

export type HuisvestingLoaders = ReturnType<HuisvestingService['createLoaders']>;

/**
 * The signal of Handreiking 4.2.4: fewer koppelingen than the opgave (taakstelling plus achterstand carried in)
 * needs. Only once COA recorded a month for the province or region in the half-year (a zero counts): before that,
 * nothing is known and nothing is signalled.
 */
function signal(recorded: boolean, linked: number, opgave: number): boolean {
  return recorded && linked < opgave;
}

/** A province's balance (the sum of its gemeenten') at each peildatum of the verevening; null where nothing is known. */
export function peildataBalances(series: GemeenteTaakstelling[][]): { peildatum: string; balance: number | null }[] {
  return VEREVENING_PEILDATA.map((peildatum) => {
    const before = formatHalfYear(halfYearEndingBefore(peildatum)!);
    const at = series.map((s) => s.find((g) => g.halfYear === before)).filter((g): g is GemeenteTaakstelling => !!g);
    return { peildatum, balance: at.length ? at.reduce((total, g) => total + g.balance, 0) : null };
  });
}

function provinceFigures(provinceCode: ProvinceCode, label: string, series: GemeenteTaakstelling[][], koppelingen: KoppelingRow[], target: number): ProvinceHuisvesting {
  const current = series.map((s) => s.find((g) => g.halfYear === label)).filter((g): g is GemeenteTaakstelling => !!g);
  const sum = (pick: (g: GemeenteTaakstelling) => number) => current.reduce((total, g) => total + pick(g), 0);
  const peildata = peildataBalances(series);
  const v = verevening(peildata.map((p) => p.balance), target);
  const koppeling = sumKoppeling(koppelingen);
  const opgave = sum((g) => g.opgave);
  return Object.assign(new ProvinceHuisvesting(), {
    provinceCode,
    halfYear: label,
    taakstelling: sum((g) => g.taakstelling),
    opgave,
    housed: sum((g) => g.housed),
    inTussenvoorziening: sum((g) => g.inTussenvoorziening),
    inDoorstroomwoning: sum((g) => g.inDoorstroomwoning),
    achterstand: sum((g) => g.achterstand),
    voorsprong: sum((g) => g.voorsprong),
    balance: sum((g) => g.balance),
    gemeentenWithAchterstand: current.filter((g) => g.achterstand > 0).length,
    verevening: Object.assign(new Verevening(), {
      peildata: peildata.map((p, i) => Object.assign(new VereveningPeildatum(), { peildatum: p.peildatum, balance: p.balance, voorsprong: v.voorsprongen[i] })),
      deduction: v.deduction,
      shortTermTarget: v.target,
      remainingShortTermTarget: v.remainingTarget,
    }),
    koppeling,
    fewerKoppelingenThanNeeded: signal(koppelingen.length > 0, koppeling.linked, opgave),
    koppelingShortfall: Math.max(0, opgave - koppeling.linked),
    gemeenten: [...current].sort((a, b) => b.achterstand - a.achterstand || a.gemeenteCode.localeCompare(b.gemeenteCode)),
  });
}
