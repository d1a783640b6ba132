import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { badUserInput, conflict, forbidden, notFound } from '../platform/errors.js';
import { isIsoDate, today } from '../platform/dates.js';
import { assertText, isUuid, normaliseId } from '../platform/validation.js';
import { recordEvent } from '../events/index.js';
import { measuresPolicy } from './measures.policy.js';
import { MeasureEventKind, MeasureEventSubject } from './measures.events.js';
import {
  applicationsOpen,
  compareParagraphs,
  doneOn,
  inForce,
  LRT_TREKKER,
  measureOverdue,
  milestoneOverdue,
  MilestoneKind,
  PARAGRAPH,
  THEME_ORDER,
  type SupportMeasureTheme,
} from './rules.js';
import {
  Milestone,
  StandVanZaken,
  SupportMeasure,
  type AddMilestoneInput,
  type AddStandVanZakenInput,
  type CreateSupportMeasureInput,
  type SetMilestoneDoneInput,
  type UpdateSupportMeasureInput,
} from './types.js';

/** The largest budget an Int carries; budgets of the Handreiking are far below it. */
const MAX_BUDGET = 2_000_000_000;

/**
 * Every measure (or the one with the paragraph $2) with its trekkers, every stand van zaken and every milestone, in
 * one statement whatever the number of measures: the date filters are applied in JavaScript, so the same rows serve
 * any date.
 */
const MEASURES_SQL = `
  SELECT m.id, m.paragraph, m.theme, m.title, m.lrt_is_trekker AS "lrtIsTrekker", m.budget_euros::float8 AS "budgetEuros",
    m.budget_note AS "budgetNote", m.contact, m.planning, m.open_to_gemeenten AS "openToGemeenten",
    m.applications_open_from::text AS "applicationsOpenFrom", m.applications_open_until::text AS "applicationsOpenUntil",
    m.version, m.updated_at AS "updatedAt",
    coalesce((SELECT json_agg(o.abbreviation ORDER BY o.abbreviation) FROM support_measure_trekker t JOIN organisation o ON o.id = t.organisation_id WHERE t.measure_id = m.id), '[]') AS trekkers,
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'asOf', s.as_of, 'body', s.body, 'createdAt', s.created_at,
      'writtenOn', (s.created_at AT TIME ZONE 'Europe/Amsterdam')::date, 'createdByName', p.name)
      ORDER BY s.as_of DESC, s.created_at DESC) FROM support_measure_status s LEFT JOIN person p ON p.id = s.created_by WHERE s.measure_id = m.id), '[]') AS history,
    coalesce((SELECT json_agg(json_build_object('id', ms.id, 'dueOn', ms.due_on, 'kind', ms.kind, 'description', ms.description, 'recordedOn', ms.recorded_on, 'doneOn', ms.done_on)
      ORDER BY ms.due_on, ms.created_at) FROM support_measure_milestone ms WHERE ms.measure_id = m.id), '[]') AS milestones
  FROM support_measure m
  WHERE ($1::text IS NULL OR m.paragraph = $1) AND ($2::uuid IS NULL OR m.id = $2)`;

interface MeasureRow {
  id: string;
  paragraph: string;
  theme: SupportMeasureTheme;
  title: string;
  lrtIsTrekker: boolean;
  budgetEuros: number | null;
  budgetNote: string | null;
  contact: string | null;
  planning: string | null;
  openToGemeenten: boolean;
  applicationsOpenFrom: string | null;
  applicationsOpenUntil: string | null;
  version: number;
  updatedAt: Date;
  trekkers: string[];
  history: { id: string; asOf: string; body: string; createdAt: string; writtenOn: string; createdByName: string | null }[];
  milestones: { id: string; dueOn: string; kind: MilestoneKind; description: string; recordedOn: string; doneOn: string | null }[];
}

/**
 * A measure as it stood on a date: stand van zaken and milestones known then. An entry written later, even dated
 * earlier, is not part of what the table said that day: what an LRT meeting read on its date stays what it read.
 */
export function measureOn(row: MeasureRow, on: string): SupportMeasure {
  const history = row.history
    .filter((s) => s.asOf <= on && s.writtenOn <= on)
    .map(({ writtenOn: _writtenOn, ...s }) => Object.assign(new StandVanZaken(), { ...s, createdAt: new Date(s.createdAt) }));
  const milestones = row.milestones
    .filter((m) => m.recordedOn <= on)
    .map((m) => Object.assign(new Milestone(), m, { done: doneOn(m, on), overdue: milestoneOverdue(m, on) }));
  return Object.assign(new SupportMeasure(), {
    id: row.id,
    paragraph: row.paragraph,
    theme: row.theme,
    title: row.title,
    trekkers: [...row.trekkers, ...(row.lrtIsTrekker ? [LRT_TREKKER] : [])],
    trekkerOrganisations: row.trekkers,
    lrtIsTrekker: row.lrtIsTrekker,
    budgetEuros: row.budgetEuros === null ? null : Number(row.budgetEuros),
    budgetNote: row.budgetNote,
    contact: row.contact,
    planning: row.planning,
    openToGemeenten: row.openToGemeenten,
    applicationsOpenFrom: row.applicationsOpenFrom,
    applicationsOpenUntil: row.applicationsOpenUntil,
    applicationsOpen: applicationsOpen(row, on),
    version: row.version,
    updatedAt: new Date(row.updatedAt),
    on,
    standVanZaken: inForce(history, on),
    history,
    milestones,
    overdue: measureOverdue(milestones, on),
  });
}

const sortForTable = (a: SupportMeasure, b: SupportMeasure) => THEME_ORDER.indexOf(a.theme) - THEME_ORDER.indexOf(b.theme) || compareParagraphs(a.paragraph, b.paragraph);

export interface MeasureFilter {
  theme?: SupportMeasureTheme | null;
  trekker?: string | null;
  overdue?: boolean | null;
}

function dateArg(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined) return today();
  if (!isIsoDate(value)) throw badUserInput(`${field.split('.').at(-1)} is not a date (YYYY-MM-DD)`, field);
  return value;
}

function notAfterToday(value: string, field: string): string {
  if (!isIsoDate(value)) throw badUserInput(`${field.split('.').at(-1)} is not a date (YYYY-MM-DD)`, field);
  if (value > today()) throw badUserInput(`${field.split('.').at(-1)} lies in the future`, field);
  return value;
}

const optionalText = (value: string | null | undefined, max: number, field: string): string | null | undefined =>
  value === undefined ? undefined : value === null || value.trim() === '' ? null : assertText(value, max, field, false);

/** The status table of ondersteuningsmaatregelen: measures, stand van zaken history, milestones. */
export class MeasuresService {
  constructor(private readonly db: DataSource) {}

  private async rows(db: DataSource | EntityManager, where: { paragraph?: string; id?: string }): Promise<MeasureRow[]> {
    return db.query(MEASURES_SQL, [where.paragraph ?? null, where.id ?? null]);
  }

  /** The table as it stood on a date (default today), filtered; sorted by theme and paragraph. One statement. */
  async list(principal: Principal, args: MeasureFilter & { on?: string | null }): Promise<SupportMeasure[]> {
    if (!measuresPolicy.canRead(principal)) throw forbidden('Only people with a role in regietafel read the status table');
    const on = dateArg(args.on, 'on');
    const trekker = args.trekker?.trim() || null;
    return (await this.rows(this.db, {}))
      .map((row) => measureOn(row, on))
      .filter((m) => (!args.theme || m.theme === args.theme) && (!trekker || m.trekkers.includes(trekker)) && (args.overdue == null || m.overdue === args.overdue))
      .sort(sortForTable);
  }

  async byParagraph(principal: Principal, paragraph: string, onText?: string | null): Promise<SupportMeasure | null> {
    if (!measuresPolicy.canRead(principal)) throw forbidden('Only people with a role in regietafel read the status table', 'paragraph');
    const on = dateArg(onText, 'on');
    if (!PARAGRAPH.test(paragraph)) return null;
    const [row] = await this.rows(this.db, { paragraph });
    return row ? measureOn(row, on) : null;
  }

  async byId(principal: Principal, id: string): Promise<SupportMeasure | null> {
    if (!measuresPolicy.canRead(principal) || !isUuid(id)) return null;
    const [row] = await this.rows(this.db, { id: normaliseId(id) });
    return row ? measureOn(row, today()) : null;
  }

  /** Regelingen gemeenten may apply for on the date, or will from a later date; with their window. */
  async openRegelingen(principal: Principal, onText?: string | null): Promise<SupportMeasure[]> {
    const on = dateArg(onText, 'on');
    return (await this.list(principal, { on })).filter(
      (m) => m.openToGemeenten && (m.applicationsOpenFrom || m.applicationsOpenUntil) && (!m.applicationsOpenUntil || m.applicationsOpenUntil >= on),
    );
  }

  /** Trekkers given as abbreviations (and 'LRT'): known national organisations, each once. */
  private async trekkers(tx: EntityManager, trekkers: readonly string[], field: string): Promise<{ organisationIds: string[]; abbreviations: string[]; lrt: boolean }> {
    const seen = new Set<string>();
    for (const [index, trekker] of trekkers.entries()) {
      if (seen.has(trekker)) throw badUserInput(`${trekker.slice(0, 12)} is named twice`, `${field}[${index}]`);
      seen.add(trekker);
    }
    const names = trekkers.filter((t) => t !== LRT_TREKKER);
    const rows: { id: string; abbreviation: string }[] = names.length
      ? await tx.query(`SELECT id, abbreviation FROM organisation WHERE abbreviation = ANY($1) AND kind NOT IN ('PROVINCIE', 'GEMEENTE')`, [names])
      : [];
    for (const [index, trekker] of trekkers.entries()) {
      if (trekker !== LRT_TREKKER && !rows.some((r) => r.abbreviation === trekker)) {
        throw badUserInput(`${trekker.slice(0, 12)} is not a national organisation (BZK, COA, IPO, JenV, SZW, VNG) nor LRT`, `${field}[${index}]`);
      }
    }
    return { organisationIds: rows.map((r) => r.id), abbreviations: rows.map((r) => r.abbreviation).sort(), lrt: seen.has(LRT_TREKKER) };
  }

  private checkDetails(input: {
    budgetEuros?: number | null;
    budgetNote?: string | null;
    contact?: string | null;
    planning?: string | null;
    title?: string | null;
  }) {
    if (input.budgetEuros != null && (!Number.isInteger(input.budgetEuros) || input.budgetEuros < 0 || input.budgetEuros > MAX_BUDGET)) {
      throw badUserInput(`budgetEuros must be a whole number of euros from 0 to ${MAX_BUDGET}`, 'input.budgetEuros');
    }
    return {
      title: input.title === undefined || input.title === null ? undefined : assertText(input.title, 300, 'input.title', false),
      budgetNote: optionalText(input.budgetNote, 500, 'input.budgetNote'),
      contact: optionalText(input.contact, 300, 'input.contact'),
      planning: optionalText(input.planning, 500, 'input.planning'),
    };
  }

  private checkWindow(openToGemeenten: boolean, from: string | null, until: string | null) {
    if (!openToGemeenten && (from || until)) throw badUserInput('Only a regeling open to gemeenten has an application window', 'input.openToGemeenten');
    if (from && until && from > until) throw badUserInput('applicationsOpenUntil lies before applicationsOpenFrom', 'input.applicationsOpenUntil');
  }

  private checkParagraph(paragraph: string): string {
    const value = paragraph.trim();
    if (!PARAGRAPH.test(value)) throw badUserInput('paragraph must be a paragraph number of the Handreiking, such as 4.3.1 or 7.2', 'input.paragraph');
    return value;
  }

  /** A paragraph is in the table once: checked under a lock on the paragraph, so two at once cannot both pass. */
  private async assertParagraphFree(tx: EntityManager, paragraph: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('support-measure:' || $1))`, [paragraph]);
    const [taken] = await tx.query('SELECT 1 FROM support_measure WHERE paragraph = $1', [paragraph]);
    if (taken) throw badUserInput(`Paragraph ${paragraph} is already in the table`, 'input.paragraph');
  }

  async create(principal: Principal, input: CreateSupportMeasureInput): Promise<SupportMeasure> {
    if (!measuresPolicy.canCreate(principal)) throw forbidden('Only the LRT adds measures to the status table', 'input');
    const paragraph = this.checkParagraph(input.paragraph);
    const details = this.checkDetails(input);
    const openToGemeenten = input.openToGemeenten ?? false;
    this.checkWindow(openToGemeenten, input.applicationsOpenFrom ?? null, input.applicationsOpenUntil ?? null);
    const id = await this.db.transaction(async (tx) => {
      const trekkers = await this.trekkers(tx, input.trekkers, 'input.trekkers');
      await this.assertParagraphFree(tx, paragraph);
      const [{ id }] = await tx.query(
        `INSERT INTO support_measure (paragraph, theme, title, lrt_is_trekker, budget_euros, budget_note, contact, planning, open_to_gemeenten, applications_open_from, applications_open_until, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
        [paragraph, input.theme, details.title, trekkers.lrt, input.budgetEuros ?? null, details.budgetNote ?? null, details.contact ?? null, details.planning ?? null,
          openToGemeenten, input.applicationsOpenFrom ?? null, input.applicationsOpenUntil ?? null, principal.personId],
      );
      await tx.query('INSERT INTO support_measure_trekker (measure_id, organisation_id) SELECT $1, unnest($2::uuid[])', [id, trekkers.organisationIds]);
      await this.event(tx, principal, id, MeasureEventKind.SUPPORT_MEASURE_CREATED, null, { paragraph, title: details.title, trekkers: input.trekkers, version: 1 });
      return id as string;
    });
    return (await this.byId(principal, id))!;
  }

  /** Locks the measure, checks the policy and the version the person saw: the one path of every change. */
  private async change(
    principal: Principal,
    id: string,
    expectedVersion: number,
    field: string,
    work: (tx: EntityManager, measure: SupportMeasure) => Promise<{ kind: MeasureEventKind; before: unknown; after: Record<string, unknown> }>,
  ): Promise<SupportMeasure> {
    if (!isUuid(id)) throw badUserInput('not a measure id', field);
    const measureId = normaliseId(id);
    await this.db.transaction(async (tx) => {
      const [locked] = await tx.query('SELECT version, updated_by, updated_at FROM support_measure WHERE id = $1 FOR UPDATE', [measureId]);
      if (!locked || !measuresPolicy.canRead(principal)) throw notFound('No such measure', field);
      const [row] = await this.rows(tx, { id: measureId });
      const measure = measureOn(row, today());
      if (!measuresPolicy.canUpdate(principal, measure)) throw forbidden('Only the trekkers of this measure and the LRT change it', field);
      if (locked.version !== expectedVersion) {
        const [by] = locked.updated_by ? await tx.query('SELECT name FROM person WHERE id = $1', [locked.updated_by]) : [];
        throw conflict(`The measure changed since version ${expectedVersion}`, { currentVersion: locked.version, changedBy: by?.name ?? null, changedAt: locked.updated_at });
      }
      const { kind, before, after } = await work(tx, measure);
      await tx.query('UPDATE support_measure SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [measureId, principal.personId]);
      await this.event(tx, principal, measureId, kind, before, { ...after, paragraph: after.paragraph ?? measure.paragraph, version: measure.version + 1 });
    });
    return (await this.byId(principal, measureId))!;
  }

  update(principal: Principal, input: UpdateSupportMeasureInput): Promise<SupportMeasure> {
    const details = this.checkDetails(input);
    const paragraph = input.paragraph == null ? undefined : this.checkParagraph(input.paragraph);
    return this.change(principal, input.id, input.expectedVersion, 'input.id', async (tx, measure) => {
      const lrtOnly: [string, boolean][] = [
        ['input.paragraph', paragraph !== undefined && paragraph !== measure.paragraph],
        ['input.theme', input.theme != null && input.theme !== measure.theme],
        ['input.trekkers', input.trekkers != null && [...input.trekkers].sort().join() !== [...measure.trekkers].sort().join()],
      ];
      const refused = lrtOnly.find(([, changed]) => changed);
      if (refused && !measuresPolicy.isLrt(principal)) throw forbidden('Paragraph, theme and trekkers are changed by the LRT', refused[0]);
      const openToGemeenten = input.openToGemeenten ?? measure.openToGemeenten;
      const from = input.applicationsOpenFrom === undefined ? measure.applicationsOpenFrom : input.applicationsOpenFrom;
      const until = input.applicationsOpenUntil === undefined ? measure.applicationsOpenUntil : input.applicationsOpenUntil;
      this.checkWindow(openToGemeenten, from, until);
      if (paragraph !== undefined && paragraph !== measure.paragraph) {
        await this.assertParagraphFree(tx, paragraph);
      }
      let trekkers = measure.trekkers;
      if (input.trekkers != null) {
        const checked = await this.trekkers(tx, input.trekkers, 'input.trekkers');
        await tx.query('DELETE FROM support_measure_trekker WHERE measure_id = $1', [measure.id]);
        await tx.query('INSERT INTO support_measure_trekker (measure_id, organisation_id) SELECT $1, unnest($2::uuid[])', [measure.id, checked.organisationIds]);
        await tx.query('UPDATE support_measure SET lrt_is_trekker = $2 WHERE id = $1', [measure.id, checked.lrt]);
        trekkers = [...checked.abbreviations, ...(checked.lrt ? [LRT_TREKKER] : [])];
      }
      const next = {
        paragraph: paragraph ?? measure.paragraph,
        theme: input.theme ?? measure.theme,
        title: details.title ?? measure.title,
        budgetEuros: input.budgetEuros === undefined ? measure.budgetEuros : input.budgetEuros,
        budgetNote: details.budgetNote === undefined ? measure.budgetNote : details.budgetNote,
        contact: details.contact === undefined ? measure.contact : details.contact,
        planning: details.planning === undefined ? measure.planning : details.planning,
        openToGemeenten,
        applicationsOpenFrom: from,
        applicationsOpenUntil: until,
      };
      await tx.query(
        `UPDATE support_measure SET paragraph = $2, theme = $3, title = $4, budget_euros = $5, budget_note = $6, contact = $7, planning = $8,
           open_to_gemeenten = $9, applications_open_from = $10, applications_open_until = $11 WHERE id = $1`,
        [measure.id, next.paragraph, next.theme, next.title, next.budgetEuros, next.budgetNote, next.contact, next.planning, next.openToGemeenten, next.applicationsOpenFrom, next.applicationsOpenUntil],
      );
      const before = Object.fromEntries(Object.keys(next).map((key) => [key, measure[key as keyof typeof next]]));
      return { kind: MeasureEventKind.SUPPORT_MEASURE_UPDATED, before: { ...before, trekkers: measure.trekkers }, after: { ...next, trekkers } };
    });
  }

  addStandVanZaken(principal: Principal, input: AddStandVanZakenInput): Promise<SupportMeasure> {
    const asOf = notAfterToday(input.asOf, 'input.asOf');
    const body = assertText(input.body, 20_000, 'input.body');
    return this.change(principal, input.measureId, input.expectedVersion, 'input.measureId', async (tx, measure) => {
      const [{ id }] = await tx.query('INSERT INTO support_measure_status (measure_id, as_of, body, created_by) VALUES ($1, $2, $3, $4) RETURNING id', [measure.id, asOf, body, principal.personId]);
      return { kind: MeasureEventKind.STAND_VAN_ZAKEN_ADDED, before: null, after: { standVanZakenId: id, asOf, body } };
    });
  }

  addMilestone(principal: Principal, input: AddMilestoneInput): Promise<SupportMeasure> {
    if (!isIsoDate(input.dueOn)) throw badUserInput('dueOn is not a date (YYYY-MM-DD)', 'input.dueOn');
    const description = assertText(input.description, 300, 'input.description', false);
    const kind = input.kind ?? MilestoneKind.MOMENT;
    return this.change(principal, input.measureId, input.expectedVersion, 'input.measureId', async (tx, measure) => {
      const [{ id }] = await tx.query(
        'INSERT INTO support_measure_milestone (measure_id, due_on, kind, description, recorded_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [measure.id, input.dueOn, kind, description, today(), principal.personId],
      );
      return { kind: MeasureEventKind.MILESTONE_ADDED, before: null, after: { milestoneId: id, dueOn: input.dueOn, milestoneKind: kind, description } };
    });
  }

  setMilestoneDone(principal: Principal, input: SetMilestoneDoneInput): Promise<SupportMeasure> {
    const done = input.doneOn == null ? null : notAfterToday(input.doneOn, 'input.doneOn');
    if (!isUuid(input.milestoneId)) throw badUserInput('not a milestone id', 'input.milestoneId');
    return this.change(principal, input.measureId, input.expectedVersion, 'input.measureId', async (tx, measure) => {
      const milestone = measure.milestones.find((m) => m.id === normaliseId(input.milestoneId));
      if (!milestone) throw notFound('No such milestone of this measure', 'input.milestoneId');
      // Once done, the date is history that earlier meetings read: only the LRT corrects or clears it.
      if (milestone.doneOn !== null && done !== milestone.doneOn && !measuresPolicy.isLrt(principal)) {
        throw forbidden(`This milestone was marked done on ${milestone.doneOn}: only the LRT corrects or clears that`, 'input.doneOn');
      }
      await tx.query('UPDATE support_measure_milestone SET done_on = $2 WHERE id = $1', [milestone.id, done]);
      return {
        kind: MeasureEventKind.MILESTONE_DONE_CHANGED,
        before: { milestoneId: milestone.id, doneOn: milestone.doneOn },
        after: { milestoneId: milestone.id, description: milestone.description, dueOn: milestone.dueOn, doneOn: done },
      };
    });
  }

  private event(tx: EntityManager, principal: Principal, id: string, kind: MeasureEventKind, before: unknown, after: unknown) {
    return recordEvent(tx, { kind, subjectType: MeasureEventSubject.SUPPORT_MEASURE, subjectId: id, provinceCode: null, actorId: principal.personId, before, after });
  }
}
