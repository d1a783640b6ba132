import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { reviseShortTermTarget, shortTermTargetHistory, type ReviseShortTermTargetInput } from './short-term.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { isUuid } from '../platform/validation.js';
import { badUserInput, conflict, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { byKey, groupByKey } from '../platform/loader-utils.js';
import type { Opvangtype, ProvinceCode } from '../reference/index.js';
import { diffLines, type CapacityLineSnapshot } from './diff.js';
import { recordEvent } from '../events/index.js';
import { PlanEventKind, PlanEventSubject } from './plan.events.js';
import { planPolicy } from './plan.policy.js';
import { PlanAction, PlanStatus, planTransition } from './status.js';
import {
  CapacityLine,
  FieldChange,
  LineChangeKind,
  Opgave,
  PlanChangeKind,
  PlanDiff,
  PlanningRound,
  PlanRevision,
  ProvincialPlan,
  SECTION_NAMES,
  type PlanState,
  type SectionName,
} from './types.js';
import { assertDateInRound, assertText, assertTitle, isIsoDate, LIMITS, normaliseLines, normaliseSections, type LineInput } from './validation.js';

export const DEFAULT_ROUND = 'FLEXIBILISERING_ASIELKETEN';
export const DEFAULT_TARGET_DATE = '2023-01-01';

export interface PlanContentInput {
  title?: string | null;
  targetDate?: string | null;
  sections?: Partial<Record<SectionName, string | null>> | null;
  lines?: LineInput[] | null;
}

const PLAN_COLUMNS = `p.id, p.province_code AS "provinceCode", p.round_code AS "roundCode", p.title,
  p.target_date::text AS "targetDate", p.status, p.return_reason AS "returnReason", p.version, p.sections,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.created_by AS "createdById", p.updated_by AS "updatedById"`;

const LINE_COLUMNS = `l.id, l.plan_id AS "planId", l.opvangtypes, l.target_date::text AS "targetDate", l.min_places AS "minPlaces",
  l.max_places AS "maxPlaces", l.regions, l.note`;

function toPlan(row: Record<string, unknown>): ProvincialPlan {
  const plan = Object.assign(new ProvincialPlan(), row);
  plan.sections = { context: null, regionalAllocation: null, vergunninghouders: null, timeline: null, ...(row.sections as object) };
  return plan;
}

function toLine(row: CapacityLineSnapshot, provinceCode: ProvinceCode): CapacityLine {
  return Object.assign(new CapacityLine(), { ...row, opvangtypes: row.opvangtypes as Opvangtype[], provinceCode, regions: row.regions });
}

function stateOf(plan: ProvincialPlan, lines: CapacityLineSnapshot[]): PlanState {
  return {
    title: plan.title,
    roundCode: plan.roundCode,
    targetDate: plan.targetDate,
    status: plan.status,
    returnReason: plan.returnReason,
    sections: { ...plan.sections },
    lines: lines.map(({ id, opvangtypes, targetDate, minPlaces, maxPlaces, regions, note }) => ({
      id,
      opvangtypes: opvangtypes as Opvangtype[],
      targetDate,
      minPlaces,
      maxPlaces,
      regions,
      note,
    })),
  };
}

/** Provincial plans: composing, revising, submitting, adopting and returning, and the opgave. */
export class PlanService {
  constructor(private readonly db: DataSource) {}

  // ---- reading -------------------------------------------------------------------------------------

  /** A plan the principal may see; FORBIDDEN if it exists but is not theirs to see. */
  async plan(principal: Principal, id: string, field = 'id'): Promise<ProvincialPlan | null> {
    if (!isUuid(id)) throw badUserInput(`${field} is not a plan id`, field);
    const plan = await this.stored(id);
    if (plan) planPolicy.assertCanRead(principal, plan, field);
    return plan;
  }

  /** The plan as stored, whoever asks: for reads shared by many subscribers, each checking `planPolicy` after. */
  async stored(id: string): Promise<ProvincialPlan | null> {
    const [row] = await this.db.query(`SELECT ${PLAN_COLUMNS} FROM provincial_plan p WHERE p.id = $1`, [id]);
    return row ? toPlan(row) : null;
  }

  /** The plan as it was after revision `version`. */
  stateAt(revisions: PlanRevision[], version: number, field: string): PlanRevision {
    const revision = revisions.find((candidate) => candidate.version === version);
    if (!revision) throw notFound(`This plan has no version ${version}`, field);
    return revision;
  }

  diff(principal: Principal, plan: ProvincialPlan, revisions: PlanRevision[], fromVersion: number, toVersion: number): PlanDiff {
    const from = this.stateAt(revisions, fromVersion, 'fromVersion');
    const to = this.stateAt(revisions, toVersion, 'toVersion');
    for (const [revision, field] of [[from, 'fromVersion'], [to, 'toVersion']] as const) {
      if (!planPolicy.canRead(principal, plan.provinceCode, revision.state.status)) {
        throw badUserInput(`Version ${revision.version} is not visible to you`, field);
      }
    }
    return {
      fromVersion,
      toVersion,
      fields: fieldChanges(from.state, to.state),
      lines: diffLines(from.state.lines, to.state.lines).map((change) => ({
        lineId: change.lineId,
        kind: change.kind as LineChangeKind,
        before: change.before && toLine(change.before, plan.provinceCode),
        after: change.after && toLine(change.after, plan.provinceCode),
        fields: change.fields,
      })),
    };
  }

  // ---- changing ------------------------------------------------------------------------------------

  async create(principal: Principal, input: PlanContentInput & { provinceCode: ProvinceCode; roundCode?: string | null }): Promise<ProvincialPlan> {
    if (!planPolicy.canEdit(principal, input.provinceCode)) {
      throw forbidden(`Only the PRT secretariat of ${input.provinceCode} may create its plans`, 'input.provinceCode');
    }
    return this.db.transaction(async (tx) => {
      const round = await this.openRound(tx, input.roundCode ?? DEFAULT_ROUND, 'input.roundCode');
      const title = assertTitle(input.title ?? '', 'input.title');
      const targetDate = input.targetDate ?? DEFAULT_TARGET_DATE;
      assertDateInRound(targetDate, round, 'input.targetDate');
      const sections = { context: null, regionalAllocation: null, vergunninghouders: null, timeline: null, ...normaliseSections(input.sections ?? {}, 'input.sections') };
      const lineInputs = input.lines ?? [];
      lineInputs.forEach((line, index) => {
        if (line.id) throw badUserInput('a new plan has no lines yet: leave id out', `input.lines[${index}].id`);
      });
      const lines = normaliseLines(lineInputs, round, await this.gemeenteCodes(tx, input.provinceCode), randomUUID);
      const [row] = await tx.query(
        `INSERT INTO provincial_plan (province_code, round_code, title, target_date, status, sections, version, created_by, updated_by)
         VALUES ($1, $2, $3, $4, 'CONCEPT', $5, 1, $6, $6) RETURNING id`,
        [input.provinceCode, round.code, title, targetDate, JSON.stringify(sections), principal.personId],
      );
      await this.writeLines(tx, row.id, lines);
      const plan = (await this.lockPlan(tx, row.id))!;
      await this.writeRevision(tx, plan, lines, principal, PlanChangeKind.CREATED, `Created "${title}"`);
      await recordEvent(tx, planEvent(PlanChangeKind.CREATED, plan, principal, null, stateOf(plan, lines)));
      return plan;
    });
  }

  async update(principal: Principal, input: PlanContentInput & { planId: string; expectedVersion: number; summary?: string | null }): Promise<ProvincialPlan> {
    return this.change(principal, input.planId, input.expectedVersion, PlanAction.EDIT, async (tx, plan, currentLines, round) => {
      if (input.title !== undefined && input.title !== null) plan.title = assertTitle(input.title, 'input.title');
      if (input.targetDate !== undefined && input.targetDate !== null) {
        assertDateInRound(input.targetDate, round, 'input.targetDate');
        plan.targetDate = input.targetDate;
      }
      if (input.sections) plan.sections = { ...plan.sections, ...normaliseSections(input.sections, 'input.sections') };
      let lines = currentLines;
      if (input.lines) {
        const known = new Set(currentLines.map((line) => line.id));
        input.lines.forEach((line, index) => {
          if (line.id && !known.has(line.id.toLowerCase())) throw badUserInput('no line of this plan has this id', `input.lines[${index}].id`);
        });
        lines = normaliseLines(input.lines, round, await this.gemeenteCodes(tx, plan.provinceCode), randomUUID);
      }
      plan.returnReason = null;
      const summary = input.summary ? assertText(input.summary, 500, 'input.summary', false) : describeEdit(currentLines, lines);
      return { lines, kind: PlanChangeKind.EDITED, summary };
    });
  }

  submit(principal: Principal, planId: string, expectedVersion: number): Promise<ProvincialPlan> {
    return this.change(principal, planId, expectedVersion, PlanAction.SUBMIT, async (_tx, _plan, lines) => ({
      lines,
      kind: PlanChangeKind.SUBMITTED,
      summary: 'Submitted to the LRT',
    }));
  }

  adopt(principal: Principal, planId: string, expectedVersion: number): Promise<ProvincialPlan> {
    return this.change(principal, planId, expectedVersion, PlanAction.ADOPT, async (_tx, _plan, lines) => ({
      lines,
      kind: PlanChangeKind.ADOPTED,
      summary: 'Adopted by the LRT',
    }));
  }

  returnPlan(principal: Principal, planId: string, expectedVersion: number, reason: string): Promise<ProvincialPlan> {
    return this.change(principal, planId, expectedVersion, PlanAction.RETURN, async (_tx, plan, lines) => {
      plan.returnReason = assertText(reason, LIMITS.reason, 'input.reason');
      return { lines, kind: PlanChangeKind.RETURNED, summary: `Returned: ${plan.returnReason}` };
    });
  }

  /**
   * The one path every change takes: lock the plan, check who may act, that nobody changed it since
   * `expectedVersion` and that the status allows the action; apply; write the lines and an immutable revision.
   */
  private async change(
    principal: Principal,
    planId: string,
    expectedVersion: number,
    action: PlanAction,
    apply: (
      tx: EntityManager,
      plan: ProvincialPlan,
      lines: CapacityLineSnapshot[],
      round: PlanningRound,
    ) => Promise<{ lines: CapacityLineSnapshot[]; kind: PlanChangeKind; summary: string }>,
  ): Promise<ProvincialPlan> {
    if (!isUuid(planId)) throw badUserInput('planId is not a plan id', 'input.planId');
    return this.db.transaction(async (tx) => {
      const plan = await this.lockPlan(tx, planId);
      if (!plan) throw notFound('No such plan', 'input.planId');
      planPolicy.assertCanRead(principal, plan, 'input.planId');
      planPolicy.assertCan(principal, plan, action);
      if (plan.version !== expectedVersion) {
        const [last] = await tx.query(
          `SELECT r.created_at AS "at", p.name FROM plan_revision r LEFT JOIN person p ON p.id = r.author_id WHERE r.plan_id = $1 AND r.version = $2`,
          [plan.id, plan.version],
        );
        throw conflict(`The plan changed since version ${expectedVersion}: it is at version ${plan.version}, changed by ${last?.name ?? 'someone'}`, {
          currentVersion: plan.version,
          changedBy: last?.name ?? null,
          changedAt: last?.at,
        });
      }
      const transition = planTransition(plan.status, action);
      if (!transition.allowed) {
        throw ruleViolation('TRANSITION_NOT_ALLOWED', `A plan that is ${plan.status} cannot be ${pastTense(action)}; allowed: ${transition.allowedActions.join(', ') || 'nothing'}`, {
          status: plan.status,
          allowedActions: transition.allowedActions,
        });
      }
      const round = await this.openRound(tx, plan.roundCode, 'input.planId');
      const currentLines = await this.readLines(tx, plan.id);
      const before = stateOf(Object.assign(new ProvincialPlan(), plan, { sections: { ...plan.sections } }), currentLines);
      const { lines, kind, summary } = await apply(tx, plan, currentLines, round);
      plan.status = transition.next;
      if (plan.status !== PlanStatus.TERUGGESTUURD) plan.returnReason = null;
      await tx.query(
        `UPDATE provincial_plan SET title = $2, target_date = $3, status = $4, sections = $5, return_reason = $6, version = version + 1,
           updated_at = now(), updated_by = $7 WHERE id = $1`,
        [plan.id, plan.title, plan.targetDate, plan.status, JSON.stringify(plan.sections), plan.returnReason, principal.personId],
      );
      if (lines !== currentLines) {
        await tx.query('DELETE FROM capacity_line WHERE plan_id = $1', [plan.id]);
        await this.writeLines(tx, plan.id, lines);
      }
      const updated = (await this.lockPlan(tx, plan.id))!;
      await this.writeRevision(tx, updated, lines, principal, kind, summary);
      await recordEvent(tx, planEvent(kind, updated, principal, before, stateOf(updated, lines)));
      return updated;
    });
  }

  /**
   * Sets what a province must realise of an opvangtype (or of any type) by a date. A new figure needs no
   * expectedVersion; changing an existing one names the version it was based on, like every other change,
   * and every figure is kept in the opgave's history.
   */
  async setOpgave(
    principal: Principal,
    input: { provinceCode: ProvinceCode; opvangtype?: Opvangtype | null; total?: boolean | null; dueDate: string; places: number; source: string; expectedVersion?: number | null },
  ): Promise<Opgave> {
    if (!planPolicy.canDecide(principal)) throw forbidden('Only LRT may set the opgave');
    const total = input.total ?? false;
    if (total && input.opvangtype) throw badUserInput('An opgave for the total has no opvangtype: leave it out', 'input.opvangtype');
    if (!isIsoDate(input.dueDate)) throw badUserInput(`${input.dueDate.slice(0, 20)} is not a date (YYYY-MM-DD)`, 'input.dueDate');
    if (!Number.isInteger(input.places) || input.places < 0 || input.places > LIMITS.places) {
      throw badUserInput(`places must be a whole number from 0 to ${LIMITS.places}`, 'input.places');
    }
    const source = assertText(input.source, LIMITS.source, 'input.source', false);
    return this.db.transaction(async (tx) => {
      const [round] = await tx.query('SELECT code FROM planning_round WHERE $1::date BETWEEN target_from AND target_until LIMIT 1', [input.dueDate]);
      if (!round) throw badUserInput(`${input.dueDate} lies in no planning round`, 'input.dueDate');
      // Serialise setters of the same opgave, including the first one (there is no row to lock yet).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`opgave:${input.provinceCode}:${input.opvangtype ?? ''}:${total}:${input.dueDate}`]);
      const [current] = await tx.query(
        `SELECT o.id, o.version, o.set_at AS "setAt", p.name FROM opgave o LEFT JOIN person p ON p.id = o.set_by
         WHERE o.province_code = $1 AND coalesce(o.opvangtype, '') = coalesce($2, '') AND o.due_date = $3 AND o.total = $4`,
        [input.provinceCode, input.opvangtype ?? null, input.dueDate, total],
      );
      const expected = input.expectedVersion ?? null;
      if ((current?.version ?? null) !== expected) {
        throw conflict(
          current
            ? `This opgave is at version ${current.version} (set by ${current.name ?? 'someone'}): name it as expectedVersion to change it`
            : 'There is no such opgave yet: leave expectedVersion out to set it',
          { currentVersion: current?.version ?? 0, changedBy: current?.name ?? null, changedAt: current?.setAt ?? null },
        );
      }
      // (TypeORM answers an UPDATE … RETURNING with [rows, count], an INSERT … RETURNING with rows.)
      const [row] = current
        ? (
            await tx.query(
              `UPDATE opgave SET places = $2, source = $3, set_by = $4, set_at = now(), version = version + 1 WHERE id = $1 RETURNING ${OPGAVE_COLUMNS}`,
              [current.id, input.places, source, principal.personId],
            )
          )[0]
        : await tx.query(
            `INSERT INTO opgave (province_code, opvangtype, due_date, places, source, set_by, total) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${OPGAVE_COLUMNS}`,
            [input.provinceCode, input.opvangtype ?? null, input.dueDate, input.places, source, principal.personId, total],
          );
      await tx.query(
        'INSERT INTO opgave_history (opgave_id, version, places, source, set_at, set_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.id, row.version, row.places, row.source, row.setAt, row.setById],
      );
      await recordEvent(tx, {
        kind: PlanEventKind.OPGAVE_SET,
        subjectType: PlanEventSubject.OPGAVE,
        subjectId: row.id,
        provinceCode: input.provinceCode,
        actorId: principal.personId,
        before: current ? { version: current.version } : null,
        after: { opvangtype: row.opvangtype, total: row.total, dueDate: row.dueDate, places: row.places, source: row.source, version: row.version },
      });
      return Object.assign(new Opgave(), row);
    });
  }

  shortTermTargetHistory(provinceCode?: ProvinceCode | null) {
    return shortTermTargetHistory(this.db, provinceCode);
  }

  reviseShortTermTarget(principal: Principal, input: ReviseShortTermTargetInput) {
    return reviseShortTermTarget(this.db, principal, input);
  }

  // ---- storage helpers -----------------------------------------------------------------------------

  private async lockPlan(tx: EntityManager, id: string): Promise<ProvincialPlan | null> {
    const [row] = await tx.query(`SELECT ${PLAN_COLUMNS} FROM provincial_plan p WHERE p.id = $1 FOR UPDATE`, [id]);
    return row ? toPlan(row) : null;
  }

  private async readLines(tx: EntityManager, planId: string): Promise<CapacityLineSnapshot[]> {
    return tx.query(`SELECT ${LINE_COLUMNS} FROM capacity_line l WHERE l.plan_id = $1 ORDER BY l.position`, [planId]).then((rows: (CapacityLineSnapshot & { planId?: string })[]) =>
      rows.map(({ planId: _planId, ...line }) => line),
    );
  }

  private async writeLines(tx: EntityManager, planId: string, lines: CapacityLineSnapshot[]): Promise<void> {
    if (lines.length === 0) return;
    await tx.query(
      `INSERT INTO capacity_line (id, plan_id, position, opvangtypes, target_date, min_places, max_places, regions, note)
       SELECT l.id, $1, l.position, l.opvangtypes, l."targetDate", l."minPlaces", l."maxPlaces", l.regions, l.note
       FROM jsonb_to_recordset($2::jsonb) AS l(id uuid, position smallint, opvangtypes text[], "targetDate" date, "minPlaces" int, "maxPlaces" int, regions jsonb, note text)`,
      [planId, JSON.stringify(lines.map((line, position) => ({ ...line, position })))],
    );
  }

  private async writeRevision(tx: EntityManager, plan: ProvincialPlan, lines: CapacityLineSnapshot[], principal: Principal, kind: PlanChangeKind, summary: string) {
    await tx.query(`INSERT INTO plan_revision (plan_id, version, author_id, action, summary, snapshot) VALUES ($1, $2, $3, $4, $5, $6)`, [
      plan.id,
      plan.version,
      principal.personId,
      kind,
      summary,
      JSON.stringify(stateOf(plan, lines)),
    ]);
  }

  private async round(tx: EntityManager, code: string): Promise<PlanningRound | null> {
    const [round] = await tx.query(`SELECT ${ROUND_COLUMNS} FROM planning_round WHERE code = $1`, [code]);
    return round ?? null;
  }

  /** Plans of a closed round can no longer be created or changed in any way (edited, submitted, adopted, returned). */
  private async openRound(tx: EntityManager, code: string, field: string): Promise<PlanningRound> {
    const round = await this.round(tx, code);
    if (!round) throw badUserInput(`No planning round ${code.slice(0, 40)}`, field);
    if (round.closedAt) throw ruleViolation('ROUND_CLOSED', `Planning round ${code} is closed: its plans can no longer be created or changed`, { field });
    return round;
  }

  private async gemeenteCodes(tx: EntityManager, provinceCode: ProvinceCode): Promise<Set<string>> {
    const rows: { code: string }[] = await tx.query('SELECT code FROM gemeente WHERE province_code = $1 AND valid_until IS NULL', [provinceCode]);
    return new Set(rows.map((row) => row.code));
  }

  // ---- batching ------------------------------------------------------------------------------------

  createLoaders() {
    const db = this.db;
    return {
      plansOfProvince: new DataLoader<ProvinceCode, ProvincialPlan[]>(async (codes) => {
        const rows = await db.query(`SELECT ${PLAN_COLUMNS} FROM provincial_plan p WHERE p.province_code = ANY($1) ORDER BY p.created_at DESC, p.id`, [codes]);
        return groupByKey(codes, rows.map(toPlan), (plan) => plan.provinceCode);
      }),
      /**
       * The lines of a plan at a version, from its immutable revision: a read never mixes the plan row of
       * one version with the lines of another, however the plan changes meanwhile. Key: `${planId}@${version}`.
       */
      linesOfPlan: new DataLoader<string, CapacityLine[]>(async (keys) => {
        const pairs = keys.map((key) => key.split('@'));
        const rows: { key: string; provinceCode: ProvinceCode; lines: CapacityLineSnapshot[] }[] = await db.query(
          `SELECT r.plan_id || '@' || r.version AS key, p.province_code AS "provinceCode", r.snapshot->'lines' AS lines
           FROM plan_revision r JOIN provincial_plan p ON p.id = r.plan_id
           JOIN unnest($1::uuid[], $2::int[]) AS k(plan_id, version) ON k.plan_id = r.plan_id AND k.version = r.version`,
          [pairs.map(([id]) => id), pairs.map(([, version]) => Number(version))],
        );
        return byKey(keys, rows, (row) => row.key).map((row) => (row ? row.lines.map((line) => toLine(line, row.provinceCode)) : []));
      }),
      revisionsOfPlan: new DataLoader<string, PlanRevision[]>(async (planIds) => {
        const rows: { planId: string; provinceCode: ProvinceCode; version: number; createdAt: Date; authorId: string | null; authorName: string | null; kind: PlanChangeKind; summary: string; state: PlanState }[] =
          await db.query(
            `SELECT r.plan_id AS "planId", p.province_code AS "provinceCode", r.version, r.created_at AS "createdAt", r.author_id AS "authorId",
               r.action AS kind, r.summary, r.snapshot AS state, (SELECT a.name FROM person a WHERE a.id = r.author_id) AS "authorName"
             FROM plan_revision r JOIN provincial_plan p ON p.id = r.plan_id WHERE r.plan_id = ANY($1) ORDER BY r.plan_id, r.version`,
            [planIds],
          );
        return groupByKey(planIds, rows, (row) => row.planId).map((group) =>
          group.map((row, index) => Object.assign(new PlanRevision(), row, { previous: index > 0 ? group[index - 1].state : null })),
        );
      }),
      opgaveOfProvince: new DataLoader<ProvinceCode, Opgave[]>(async (codes) => {
        const rows = await db.query(`SELECT ${OPGAVE_COLUMNS} FROM opgave WHERE province_code = ANY($1) ORDER BY due_date, total, opvangtype NULLS FIRST`, [codes]);
        return groupByKey(codes, rows.map((row: object) => Object.assign(new Opgave(), row)), (opgave) => opgave.provinceCode);
      }),
      planningRound: new DataLoader<string, PlanningRound | null>(async (codes) => {
        const rows: PlanningRound[] = await db.query(`SELECT ${ROUND_COLUMNS} FROM planning_round WHERE code = ANY($1)`, [codes]);
        return byKey(codes, rows, (round) => round.code);
      }),
    };
  }
}

const OPGAVE_COLUMNS = `id, province_code AS "provinceCode", opvangtype, total, due_date::text AS "dueDate", places, source, version, set_at AS "setAt",
  set_by AS "setById", (SELECT s.name FROM person s WHERE s.id = set_by) AS "setByName"`;
const ROUND_COLUMNS = `code, name, target_from::text AS "targetFrom", target_until::text AS "targetUntil", closed_at AS "closedAt"`;

export type PlanLoaders = ReturnType<PlanService['createLoaders']>;

const EVENT_OF: Record<PlanChangeKind, PlanEventKind> = {
  CREATED: PlanEventKind.PLAN_CREATED,
  EDITED: PlanEventKind.PLAN_EDITED,
  SUBMITTED: PlanEventKind.PLAN_SUBMITTED,
  ADOPTED: PlanEventKind.PLAN_ADOPTED,
  RETURNED: PlanEventKind.PLAN_RETURNED,
};

function planEvent(kind: PlanChangeKind, plan: ProvincialPlan, principal: Principal, before: PlanState | null, after: PlanState) {
  return {
    kind: EVENT_OF[kind],
    subjectType: PlanEventSubject.PROVINCIAL_PLAN,
    subjectId: plan.id,
    provinceCode: plan.provinceCode,
    subjectStatus: plan.status,
    actorId: principal.personId,
    before: before && { ...before, version: plan.version - 1 },
    after: { ...after, version: plan.version },
  };
}

function pastTense(action: PlanAction): string {
  return { [PlanAction.EDIT]: 'edited', [PlanAction.SUBMIT]: 'submitted', [PlanAction.ADOPT]: 'adopted', [PlanAction.RETURN]: 'returned' }[action];
}

function describeEdit(before: CapacityLineSnapshot[], after: CapacityLineSnapshot[]): string {
  const changes = diffLines(before, after);
  if (changes.length === 0) return 'Edited the plan text';
  const count = (kind: string) => changes.filter((change) => change.kind === kind).length;
  return [
    count('ADDED') && `${count('ADDED')} line(s) added`,
    count('CHANGED') && `${count('CHANGED')} changed`,
    count('REMOVED') && `${count('REMOVED')} removed`,
  ]
    .filter(Boolean)
    .join(', ');
}

function fieldChanges(from: PlanState, to: PlanState): FieldChange[] {
  const fields: [string, string | null, string | null][] = [
    ['title', from.title, to.title],
    ['targetDate', from.targetDate, to.targetDate],
    ['status', from.status, to.status],
    ['returnReason', from.returnReason, to.returnReason],
    ...SECTION_NAMES.map((name): [string, string | null, string | null] => [`sections.${name}`, from.sections[name] ?? null, to.sections[name] ?? null]),
  ];
  return fields.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
}
