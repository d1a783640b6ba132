import type { DataSource } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { queryPrepared } from '../platform/database.js';
import { badUserInput, forbidden } from '../platform/errors.js';
import { Opvangtype, type ProvinceCode } from '../reference/index.js';
import { shortfall, shortTermTargetsInForceSql, sumRanges, toShortTermTarget, type PlaceRange, type PlanStatus, type ShortTermTarget } from '../plans/index.js';
import { isIsoDate } from '../platform/validation.js';
import { addDays } from '../platform/dates.js';
import type { ProposalStatus } from '../proposals/index.js';
import { monitoringPolicy, type MonitoringLevel } from './monitoring.policy.js';
import {
  ExpiringAgreement,
  ExpiringAgreementsOfProvince,
  ExpiringOfType,
  NationalOverview,
  OpvangtypeTotal,
  OverviewRow,
  PipelineByStatus,
  ProvinceOverview,
  TimelineInterval,
  TimelinePoint,
} from './types.js';

/**
 * Agreements that count toward the short-term target: extra places (not a continuation of a location, not a
 * replacement of a closing one) of a COA type that adds lasting capacity (noodopvang and crisisnoodopvang do not).
 */
export const SHORT_TERM_COUNTS = `a.capacity_kind = 'EXTRA' AND a.opvangtype NOT IN ('NOODOPVANG', 'CRISISNOODOPVANG')`;
/**
 * The types whose places count toward a province's total opvang opgave: every COA type, the AZC umbrella and the
 * flexible types built under it alike. Crisisnoodopvang is the gemeente's last resort, outside COA's capacity.
 */
export const COUNTS_TOWARD_TOTAL: ReadonlySet<Opvangtype> = new Set(Object.values(Opvangtype).filter((type) => type !== Opvangtype.CRISISNOODOPVANG));
/** Every opvangtype, in the order the overview lists them. */
const OPVANGTYPES: readonly Opvangtype[] = Object.values(Opvangtype);
/** Proposals in the pipeline (the columns are a location_proposal's own). */
const PIPELINE = `submitted AND (status IN ('INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES') OR (status = 'BESLOTEN' AND decision = 'GO'))`;

interface PlanRow {
  which: 'published' | 'adopted' | 'concept';
  provinceCode: ProvinceCode;
  status: PlanStatus;
  changedAt: string;
  opvangtypes: string[] | null;
  min: number;
  max: number;
}

/**
 * The lines of each province's latest submitted-or-adopted plan, latest adopted plan, and latest plan if it is a
 * draft, per set of opvangtypes (sorted, so a line of GVL/SATELLIET and one of SATELLIET/GVL add up): the places of
 * those due by $1, and every set a line has, due or not (they decide which types are compared together).
 * "Latest" is the most recently created, as plans are listed: adopting an older plan does not make it newer.
 */
const PLAN_FIGURES_SQL = `WITH latest AS (
    SELECT DISTINCT ON (province_code, which) * FROM (
      SELECT 'published' AS which, id, province_code, status, created_at, updated_at FROM provincial_plan WHERE status IN ('INGEDIEND', 'VASTGESTELD')
      UNION ALL SELECT 'adopted', id, province_code, status, created_at, updated_at FROM provincial_plan WHERE status = 'VASTGESTELD'
      UNION ALL SELECT 'any', id, province_code, status, created_at, updated_at FROM provincial_plan
    ) plans ORDER BY province_code, which, created_at DESC, id
  )
  SELECT CASE WHEN p.which = 'any' THEN 'concept' ELSE p.which END AS which, p.province_code AS "provinceCode", p.status,
         p.updated_at AS "changedAt", CASE WHEN l.id IS NOT NULL THEN ARRAY(SELECT t FROM unnest(l.opvangtypes) t ORDER BY t COLLATE "C") END AS opvangtypes,
         coalesce(sum(l.min_places) FILTER (WHERE l.target_date <= $1), 0)::int AS min, coalesce(sum(l.max_places) FILTER (WHERE l.target_date <= $1), 0)::int AS max
  FROM latest p LEFT JOIN capacity_line l ON l.plan_id = p.id
  WHERE p.which <> 'any' OR p.status IN ('CONCEPT', 'TERUGGESTUURD')
  GROUP BY 1, 2, 3, 4, 5`;

type Key = string; // sorted opvangtypes joined with '/', '' for untyped
const keyOf = (types: readonly string[] | null) => [...(types ?? [])].sort().join('/');
const round1 = (value: number) => Math.round(value * 10) / 10;

interface PlanFigures {
  status: PlanStatus;
  changedAt: Date;
  lines: Map<Key, PlaceRange>;
}

/**
 * National monitoring: the same figures for IPO and LRT (all provinces) and for the people of one province or
 * region, each seeing what the monitoring policy allows. A fixed number of statements, whatever the data.
 */
export class MonitoringService {
  constructor(private readonly db: DataSource) {}

  async nationalOverview(principal: Principal, on: string, provinceCode?: ProvinceCode | null): Promise<NationalOverview> {
    if (!isIsoDate(on)) throw badUserInput('on is not a date (YYYY-MM-DD)', 'on');
    const scope = monitoringPolicy.provinces(principal, provinceCode);
    // One round trip for every figure: the overview is read often, by monitors that refresh on every change.
    const [figures] = await queryPrepared<Record<string, unknown>>(
      this.db,
      'national-overview',
      // The short-term targets in force are worked out once, for their own figures and for the places counted against them.
      `WITH targets AS (${shortTermTargetsInForceSql('$1')})
       SELECT
         (SELECT json_agg(json_build_object('code', code, 'population', population) ORDER BY cbs_code) FROM province) AS provinces,
         (SELECT coalesce(json_agg(o), '[]') FROM (SELECT DISTINCT ON (province_code, opvangtype) province_code AS "provinceCode", opvangtype, places FROM opgave
            WHERE due_date <= $1 AND NOT total ORDER BY province_code, opvangtype, due_date DESC) o) AS opgave,
         (SELECT coalesce(json_agg(o), '[]') FROM (SELECT DISTINCT ON (province_code) province_code AS "provinceCode", places FROM opgave
            WHERE due_date <= $1 AND total ORDER BY province_code, due_date DESC) o) AS "totalOpgave",
         (SELECT coalesce(json_agg(r), '[]') FROM (SELECT "provinceCode", opvangtype, sum(places)::int AS places FROM (
            SELECT province_code AS "provinceCode", opvangtype, max_places AS places FROM agreement
              WHERE start_date <= $1 AND end_date >= $1 AND (ended_on IS NULL OR ended_on > $1)
            UNION ALL SELECT province_code, 'CRISISNOODOPVANG', places FROM crisisnoodopvang WHERE from_date <= $1 AND until_date >= $1
          ) running GROUP BY 1, 2) r) AS realised,
         (SELECT coalesce(json_agg(p ORDER BY p.status COLLATE "C"), '[]') FROM (SELECT province_code AS "provinceCode", opvangtype, status, sum(places)::int AS places FROM location_proposal
            WHERE ${PIPELINE} GROUP BY 1, 2, 3) p) AS pipeline,
         (SELECT coalesce(json_agg(t), '[]') FROM targets t) AS "shortTermTargets",
         (SELECT coalesce(json_agg(s), '[]') FROM (SELECT a.province_code AS "provinceCode", sum(a.max_places)::int AS places
            FROM agreement a JOIN targets t ON t."provinceCode" = a.province_code
            WHERE ${SHORT_TERM_COUNTS} AND a.start_date BETWEEN t."periodFrom"::date AND least(t."periodUntil"::date, $1::date) GROUP BY 1) s) AS "shortTerm",
         (SELECT coalesce(json_agg(pl), '[]') FROM (${PLAN_FIGURES_SQL}) pl) AS plans`,
      [on],
    );
    const provinces = figures.provinces as { code: ProvinceCode; population: number }[];
    const plans = this.planFigures(figures.plans as PlanRow[]);
    // By province and type ('' for places of any type), added up once: assembling is linear in the number of figures.
    const opgaveSums = byProvinceAndType(figures.opgave as { provinceCode: ProvinceCode; opvangtype: string | null; places: number }[]);
    const realisedFigures = figures.realised as { provinceCode: ProvinceCode; opvangtype: string; places: number }[];
    const realisedSums = byProvinceAndType(realisedFigures);
    const pipelineRows = new Map<string, Map<string, { status: ProposalStatus; places: number }[]>>();
    for (const row of figures.pipeline as { provinceCode: ProvinceCode; opvangtype: string; status: ProposalStatus; places: number }[]) {
      let ofProvince = pipelineRows.get(row.provinceCode);
      if (!ofProvince) pipelineRows.set(row.provinceCode, (ofProvince = new Map()));
      const ofType = ofProvince.get(row.opvangtype);
      if (ofType) ofType.push(row);
      else ofProvince.set(row.opvangtype, [row]);
    }
    const totalOpgave = new Map((figures.totalOpgave as { provinceCode: ProvinceCode; places: number }[]).map((o) => [o.provinceCode, o.places]));
    const shortTerm = figures.shortTerm as { provinceCode: ProvinceCode; places: number }[];
    const targets = new Map((figures.shortTermTargets as ShortTermTarget[]).map((t) => [t.provinceCode, toShortTermTarget({ ...t, setAt: new Date(t.setAt) })]));
    const nationalPopulation = provinces.reduce((sum, p) => sum + p.population, 0);
    const nationalRealised = realisedFigures.reduce((sum, r) => sum + r.places, 0);
    const plannedOf = (code: ProvinceCode, level: MonitoringLevel) => (level === 'FULL' ? plans.published.get(code) : plans.adopted.get(code));
    const nationalPlanned = provinces.reduce((sum, p) => sum + sumRanges([...(plans.published.get(p.code)?.lines.values() ?? [])]).max, 0);

    const rows: OverviewRow[] = [];
    // Each opvangtype's own rows (one per province), for the national totals per type.
    const rowsOfType = new Map<Opvangtype, OverviewRow[]>(OPVANGTYPES.map((type) => [type, []]));
    const provinceRows: ProvinceOverview[] = [];
    const zero = (): PlaceRange => ({ min: 0, max: 0 });
    for (const province of provinces) {
      const level = scope.get(province.code);
      if (!level) continue;
      const full = level === 'FULL';
      const plan = plannedOf(province.code, level);
      const concept = full ? plans.concept.get(province.code) : undefined;
      // Types are compared together as the plan the figures come from combines them (any of its lines, due or not,
      // as in the plan's own gaps); a draft's lines count in the rows whose types they stay within.
      const groups = typeGroups(plan?.lines.keys() ?? []);
      const opgaveOfProvince = opgaveSums.get(province.code);
      const opgaveOf = (type: string) => opgaveOfProvince?.get(type) ?? 0;
      const realisedOfProvince = realisedSums.get(province.code);
      const realisedOf = (type: Opvangtype) => (full ? (realisedOfProvince?.get(type) ?? 0) : null);
      const pipelineOfProvince = pipelineRows.get(province.code);
      const pipelineOf = (types: Opvangtype[]) => (full ? byStatus(types.map((type) => pipelineOfProvince?.get(type))) : null);
      const lines = (figures: PlanFigures | undefined, accept: (key: Key) => boolean) =>
        sumRanges([...(figures?.lines ?? [])].filter(([key]) => accept(key)).map(([, range]) => range));
      const row = (fields: OverviewRow) => Object.assign(new OverviewRow(), fields);

      // Every opvangtype, then places of any type, then the combinations the plan or the draft makes, in a stable order.
      const typeRows = OPVANGTYPES.map((type) => {
        const combined = groups.get(type);
        const opgave = opgaveOf(type);
        const planned = plan?.lines.get(type) ?? zero();
        const realised = realisedOf(type);
        return row({
          provinceCode: province.code,
          opvangtypes: [type],
          combinedIn: combined ? (combined.split('/') as Opvangtype[]) : null,
          opgave,
          planned,
          conceptPlanned: concept ? (concept.lines.get(type) ?? zero()) : null,
          realised,
          pipeline: pipelineOf([type]),
          plannedGap: combined ? null : shortfall(opgave, planned),
          realisedGap: realised === null ? null : Math.max(0, opgave - realised),
        });
      });
      const anyTypeOpgave = opgaveOf('');
      const anyTypePlanned = plan?.lines.get('') ?? zero();
      const anyTypeRow = row({
        provinceCode: province.code,
        opvangtypes: [],
        combinedIn: null,
        opgave: anyTypeOpgave,
        planned: anyTypePlanned,
        conceptPlanned: concept ? (concept.lines.get('') ?? zero()) : null,
        realised: null,
        pipeline: null,
        plannedGap: shortfall(anyTypeOpgave, anyTypePlanned),
        realisedGap: null,
      });
      const groupRows = [...new Set(groups.values())].sort().map((group) => {
        const types = group.split('/') as Opvangtype[];
        const inGroup = (key: Key) => key !== '' && key.split('/').every((type) => types.includes(type as Opvangtype));
        const opgave = types.reduce((sum, type) => sum + opgaveOf(type), 0);
        const planned = lines(plan, inGroup);
        const realised = full ? types.reduce((sum, type) => sum + realisedOf(type)!, 0) : null;
        return row({
          provinceCode: province.code,
          opvangtypes: types,
          combinedIn: null,
          opgave,
          planned,
          conceptPlanned: concept ? lines(concept, inGroup) : null,
          realised,
          pipeline: pipelineOf(types),
          plannedGap: shortfall(opgave, planned),
          realisedGap: realised === null ? null : Math.max(0, opgave - realised),
        });
      });
      rows.push(...typeRows, anyTypeRow, ...groupRows);
      for (const typeRow of typeRows) rowsOfType.get(typeRow.opvangtypes[0])!.push(typeRow);

      // Totals over the types and places of any type; combinations only repeat their types, except for the planned gap.
      const provinceRealised = full ? typeRows.reduce((sum, r) => sum + r.realised!, 0) : null;
      // The AZC umbrella: every place of a COA type counts toward the total opvang opgave, existing AZCs included.
      const totalOpvangRealised = full ? typeRows.filter((r) => COUNTS_TOWARD_TOTAL.has(r.opvangtypes[0])).reduce((sum, r) => sum + r.realised!, 0) : null;
      const totalOpvangOpgave = totalOpgave.get(province.code) ?? null;
      const planned = lines(plan, () => true);
      const populationShare = round1((province.population / nationalPopulation) * 100);
      const realisedShare = provinceRealised === null || nationalRealised === 0 ? null : round1((provinceRealised / nationalRealised) * 100);
      const plannedShare = nationalPlanned === 0 || !full ? null : round1((planned.max / nationalPlanned) * 100);
      provinceRows.push(
        Object.assign(new ProvinceOverview(), {
          provinceCode: province.code,
          planStatus: plan?.status ?? null,
          planChangedAt: plan?.changedAt ?? null,
          conceptStatus: concept?.status ?? null,
          conceptChangedAt: concept?.changedAt ?? null,
          conceptPlanned: concept ? lines(concept, () => true) : null,
          opgave: typeRows.reduce((sum, r) => sum + r.opgave, anyTypeOpgave),
          planned,
          realised: provinceRealised,
          pipeline: full ? typeRows.reduce((sum, r) => sum + places(r.pipeline!), 0) : null,
          plannedGap: sumRanges([...typeRows, anyTypeRow, ...groupRows].flatMap((r) => (r.plannedGap ? [r.plannedGap] : []))),
          realisedGap: full ? typeRows.reduce((sum, r) => sum + r.realisedGap!, 0) : null,
          populationShare,
          realisedShare,
          realisedShareDifference: realisedShare === null ? null : round1(realisedShare - populationShare),
          plannedShare,
          plannedShareDifference: plannedShare === null ? null : round1(plannedShare - populationShare),
          on,
          totalOpvangOpgave,
          totalOpvangRealised,
          totalOpvangGap: totalOpvangOpgave === null || totalOpvangRealised === null ? null : Math.max(0, totalOpvangOpgave - totalOpvangRealised),
          shortTermTarget: targets.get(province.code)?.places ?? 0,
          shortTermTargetInForce: targets.get(province.code) ?? null,
          shortTermRealised: full ? (shortTerm.find((s) => s.provinceCode === province.code)?.places ?? 0) : null,
        }),
      );
    }
    const allVisible = provinceRows.every((p) => p.realised !== null);
    const total = (pick: (p: ProvinceOverview) => number | null) => (allVisible ? provinceRows.reduce((sum, p) => sum + pick(p)!, 0) : null);
    const rowsOf = (type: Opvangtype) => rowsOfType.get(type)!;
    const typeTotal = (type: Opvangtype, pick: (r: OverviewRow) => number | null) => (allVisible ? rowsOf(type).reduce((sum, r) => sum + pick(r)!, 0) : null);
    return Object.assign(new NationalOverview(), {
      on,
      rows,
      provinces: provinceRows,
      totalOpgave: provinceRows.reduce((sum, p) => sum + p.opgave, 0),
      totalPlanned: sumRanges(provinceRows.map((p) => p.planned)),
      totalRealised: total((p) => p.realised),
      totalPipeline: total((p) => p.pipeline),
      totalPlannedGap: sumRanges(provinceRows.map((p) => p.plannedGap)),
      totalRealisedGap: total((p) => p.realisedGap),
      shortTermTarget: targets.get(null)?.places ?? 0,
      shortTermTargetInForce: targets.get(null) ?? null,
      totalShortTermRealised: total((p) => p.shortTermRealised),
      opvangtypes: OPVANGTYPES.map((type) =>
        Object.assign(new OpvangtypeTotal(), {
          opvangtype: type,
          opgave: rowsOf(type).reduce((sum, r) => sum + r.opgave, 0),
          planned: sumRanges(rowsOf(type).map((r) => r.planned)),
          realised: typeTotal(type, (r) => r.realised),
          pipeline: typeTotal(type, (r) => places(r.pipeline!)),
          realisedGap: typeTotal(type, (r) => r.realisedGap),
        }),
      ),
    });
  }

  /** Planned places per province and type group: the latest submitted or adopted plan, the latest adopted one, and a newer draft. */
  private planFigures(rows: PlanRow[]) {
    const figures = { published: new Map<ProvinceCode, PlanFigures>(), adopted: new Map<ProvinceCode, PlanFigures>(), concept: new Map<ProvinceCode, PlanFigures>() };
    for (const row of rows) {
      const map = figures[row.which];
      const entry = map.get(row.provinceCode) ?? { status: row.status, changedAt: new Date(row.changedAt), lines: new Map<Key, PlaceRange>() };
      if (row.opvangtypes !== null) entry.lines.set(keyOf(row.opvangtypes), { min: row.min, max: row.max });
      map.set(row.provinceCode, entry);
    }
    return figures;
  }

  /**
   * Agreements whose places end in [from, until]: at the end date as signed or as extended (unless ended before),
   * or on the day they were ended early. Per province: whether an extension moved the end, what the gemeente has
   * in the pipeline for the same opvangtype, and the places at stake, also per opvangtype.
   */
  async expiringAgreements(principal: Principal, from: string, until: string, provinceCode?: ProvinceCode | null): Promise<ExpiringAgreementsOfProvince[]> {
    for (const [value, field] of [[from, 'from'], [until, 'until']] as const) if (!isIsoDate(value)) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, field);
    if (until < from) throw badUserInput('until is before from', 'until');
    const scope = monitoringPolicy.provinces(principal, provinceCode);
    const full = [...scope].filter(([, level]) => level === 'FULL').map(([code]) => code);
    if (full.length === 0) throw forbidden('Agreements are not among the figures you may see', provinceCode ? 'provinceCode' : undefined);
    const rows: (ExpiringAgreement & { agreementId: string; replacementPlaces: number })[] = await this.db.query(
      `WITH ends AS (
         SELECT a.id, a.original_end_date AS end_date, false AS early FROM agreement a
         UNION SELECT e.agreement_id, e.new_end_date, false FROM agreement_extension e
         UNION SELECT a.id, a.ended_on, true FROM agreement a WHERE a.ended_on IS NOT NULL AND a.ended_on <= a.end_date
       )
       SELECT a.id AS "agreementId", a.province_code AS "provinceCode", a.gemeente_code AS "gemeenteCode", a.location_name AS "locationName",
         a.opvangtype, a.max_places AS places, ends.end_date::text AS "endDate", ends.early AS "endedEarly",
         NOT ends.early AND EXISTS (SELECT 1 FROM agreement_extension x WHERE x.agreement_id = a.id AND x.previous_end_date = ends.end_date) AS extended,
         (SELECT coalesce(sum(p.places), 0) FROM location_proposal p WHERE p.gemeente_code = a.gemeente_code AND p.opvangtype = a.opvangtype AND ${PIPELINE})::int AS "replacementPlaces"
       FROM ends JOIN agreement a ON a.id = ends.id
       WHERE ends.end_date BETWEEN $1 AND $2 AND (ends.early OR a.ended_on IS NULL OR a.ended_on > ends.end_date) AND a.province_code = ANY($3)
       ORDER BY a.province_code, ends.end_date, a.id`,
      [from, until, full],
    );
    return full.map((code) => {
      const agreements = rows
        .filter((row) => row.provinceCode === code)
        .map(({ replacementPlaces, ...row }) => Object.assign(new ExpiringAgreement(), row, { replacementProposed: replacementPlaces > 0, replacementPlaces }));
      const byType = Object.values(Opvangtype).map((type) => expiringOfType(type, agreements.filter((a) => a.opvangtype === type)));
      return Object.assign(new ExpiringAgreementsOfProvince(), {
        provinceCode: code,
        agreements,
        placesAtStake: byType.reduce((sum, t) => sum + t.placesAtStake, 0),
        opvangtypes: byType,
      });
    });
  }

  /** `expiringAgreements` over `within` days from `from`. */
  expiring(principal: Principal, within: number, from: string, provinceCode?: ProvinceCode | null) {
    if (!Number.isInteger(within) || within < 1 || within > 3650) throw badUserInput('within must be 1 to 3650 days', 'within');
    if (!isIsoDate(from)) throw badUserInput('from is not a date (YYYY-MM-DD)', 'from');
    const until = addDays(from, within);
    if (!isIsoDate(until)) throw badUserInput('from plus within runs past the year 9999', 'within');
    return this.expiringAgreements(principal, from, until, provinceCode);
  }

  /**
   * Realised places on the first day of every interval from the one holding `from` up to `to`, from agreement
   * dates, extensions and early ends.
   */
  async capacityTimeline(
    principal: Principal,
    provinceCode: ProvinceCode,
    opvangtype: Opvangtype | null | undefined,
    from: string,
    to: string,
    interval: TimelineInterval = TimelineInterval.MONTH,
  ): Promise<TimelinePoint[]> {
    const level = monitoringPolicy.provinces(principal, provinceCode).get(provinceCode);
    if (level !== 'FULL') throw forbidden('Realised capacity is not among the figures you may see for this province', 'provinceCode');
    for (const [value, field] of [[from, 'from'], [to, 'to']] as const) if (!isIsoDate(value)) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, field);
    if (to < from) throw badUserInput('to is before from', 'to');
    if (timelinePoints(from, to, interval) > MAX_TIMELINE_POINTS) {
      throw badUserInput(`at most ${MAX_TIMELINE_POINTS} points: choose a longer interval or a shorter period`, 'to');
    }
    const step = TIMELINE_STEPS[interval];
    const rows: TimelinePoint[] = await this.db.query(
      `SELECT m.day::date::text AS date, (coalesce(sum(a.max_places), 0)
         + (SELECT coalesce(sum(c.places), 0) FROM crisisnoodopvang c WHERE c.province_code = $1 AND coalesce($4::text, 'CRISISNOODOPVANG') = 'CRISISNOODOPVANG'
              AND c.from_date <= m.day AND c.until_date >= m.day))::int AS places
       FROM generate_series(date_trunc($5, $2::date::timestamp), $3::date::timestamp, $6::interval) AS m(day)
       LEFT JOIN agreement a ON a.province_code = $1 AND ($4::text IS NULL OR a.opvangtype = $4)
         AND a.start_date <= m.day AND a.end_date >= m.day AND (a.ended_on IS NULL OR a.ended_on > m.day)
       GROUP BY m.day ORDER BY m.day`,
      [provinceCode, from, to, opvangtype ?? null, step.unit, step.interval],
    );
    return rows.map((row) => Object.assign(new TimelinePoint(), row));
  }
}

const MAX_TIMELINE_POINTS = 600;
const TIMELINE_STEPS: Record<TimelineInterval, { unit: string; interval: string }> = {
  WEEK: { unit: 'week', interval: '1 week' },
  MONTH: { unit: 'month', interval: '1 month' },
  QUARTER: { unit: 'quarter', interval: '3 months' },
  YEAR: { unit: 'year', interval: '1 year' },
};

/** How many points a timeline from `from` to `to` (YYYY-MM-DD, from ≤ to) has. */
export function timelinePoints(from: string, to: string, interval: TimelineInterval): number {
  const [y1, m1] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1];
  const [y2, m2] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1];
  switch (interval) {
    case TimelineInterval.YEAR:
      return y2 - y1 + 1;
    case TimelineInterval.QUARTER:
      return y2 * 4 + Math.floor(m2 / 3) - (y1 * 4 + Math.floor(m1 / 3)) + 1;
    case TimelineInterval.MONTH:
      return y2 * 12 + m2 - (y1 * 12 + m1) + 1;
    case TimelineInterval.WEEK: {
      const start = new Date(`${from}T00:00:00Z`);
      start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7)); // back to Monday
      return Math.floor((Date.parse(`${to}T00:00:00Z`) - start.getTime()) / (7 * 86_400_000)) + 1;
    }
  }
}

/**
 * Opvangtypes that plan lines combine, grouped as the plan's own gaps group them: types that share a line are
 * compared with their opgave together, and so are types linked through other lines. Each combined type maps to its
 * group's key (its types, sorted, joined with '/'); types planned alone are not in the map.
 */
export function typeGroups(keys: Iterable<Key>): Map<Opvangtype, Key> {
  const parent = new Map<string, string>();
  const find = (type: string): string => {
    const up = parent.get(type) ?? type;
    if (up === type) return type;
    const root = find(up);
    parent.set(type, root);
    return root;
  };
  for (const key of keys) {
    const types = key === '' ? [] : key.split('/');
    for (const type of types.slice(1)) {
      const [a, b] = [find(types[0]), find(type)];
      if (a !== b) parent.set(a, b);
    }
  }
  const members = new Map<string, string[]>();
  for (const type of parent.keys()) members.set(find(type), [...(members.get(find(type)) ?? []), type]);
  const groups = new Map<Opvangtype, Key>();
  for (const [root, types] of members) {
    const all = [...new Set([root, ...types])].sort();
    for (const type of all) groups.set(type as Opvangtype, all.join('/'));
  }
  return groups;
}

/** Places per province and type ('' for places of any type), added up. */
function byProvinceAndType(rows: { provinceCode: ProvinceCode; opvangtype: string | null; places: number }[]): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let ofProvince = sums.get(row.provinceCode);
    if (!ofProvince) sums.set(row.provinceCode, (ofProvince = new Map()));
    const type = row.opvangtype ?? '';
    ofProvince.set(type, (ofProvince.get(type) ?? 0) + row.places);
  }
  return sums;
}

/** Pipeline places of one or more types (each its rows, if any) added up per status, in status order. */
function byStatus(ofTypes: ({ status: ProposalStatus; places: number }[] | undefined)[]): PipelineByStatus[] {
  // A handful of statuses: a short array is found in faster than a Map is made.
  const totals: PipelineByStatus[] = [];
  for (const rows of ofTypes) {
    for (const { status, places } of rows ?? []) {
      const total = totals.find((t) => t.status === status);
      if (total) total.places += places;
      else totals.push(Object.assign(new PipelineByStatus(), { status, places }));
    }
  }
  return totals.length > 1 ? totals.sort((a, b) => (a.status < b.status ? -1 : 1)) : totals;
}

const places = (pipeline: PipelineByStatus[]) => pipeline.reduce((sum, p) => sum + p.places, 0);

/**
 * One opvangtype's expiring agreements in a province. Places are at stake unless an extension keeps them or the
 * gemeente has places of that type in the pipeline; a gemeente's pipeline covers its expiring places up to its size.
 */
function expiringOfType(opvangtype: Opvangtype, agreements: ExpiringAgreement[]): ExpiringOfType {
  const perGemeente = new Map<string, { expiring: number; pipeline: number }>();
  for (const a of agreements.filter((a) => !a.extended)) {
    const entry = perGemeente.get(a.gemeenteCode) ?? { expiring: 0, pipeline: a.replacementPlaces };
    entry.expiring += a.places;
    perGemeente.set(a.gemeenteCode, entry);
  }
  const replaced = [...perGemeente.values()].reduce((sum, g) => sum + Math.min(g.expiring, g.pipeline), 0);
  const expiring = [...perGemeente.values()].reduce((sum, g) => sum + g.expiring, 0);
  return Object.assign(new ExpiringOfType(), {
    opvangtype,
    agreements: agreements.length,
    places: agreements.reduce((sum, a) => sum + a.places, 0),
    extendedPlaces: agreements.filter((a) => a.extended).reduce((sum, a) => sum + a.places, 0),
    replacedPlaces: replaced,
    placesAtStake: expiring - replaced,
  });
}
