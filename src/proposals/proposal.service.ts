import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { badUserInput, conflict, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { byKey, groupByKey } from '../platform/loader-utils.js';
import { queryPreparedText } from '../platform/database.js';
import { isTimestampIdKey, pageRequest, toPage, type Page, type PageRequest } from '../platform/pagination.js';
import { isUuid } from '../platform/validation.js';
import { Opvangtype, type ProvinceCode } from '../reference/index.js';
import { normaliseGemeenteCode } from '../reference/index.js';
import { assertText, isIsoDate } from '../platform/validation.js';
import { proposalPolicy } from './proposal.policy.js';
import { recordEvent } from '../events/index.js';
import { ProposalEventKind, ProposalEventSubject } from './proposal.events.js';
import { ProposalAction, ProposalStatus, proposalTransition, SMALL_SCALE_MAX_PLACES } from './status.js';
import { LocationProposal, ProposalDecision, ProposalTransition } from './types.js';

/**
 * Fields that read nothing but their own column: what a proposal is and where. A list whose proposals are asked for
 * nothing else reads only the columns of the fields asked (the summary's other columns are for policies and the fields
 * that follow a reference), besides the id and the two codes every page is grouped and checked by.
 */
const LEAN_COLUMN_LIST = ['p.name', 'p.opvangtype', 'p.places', 'p.status'] as const;
const [NAME, OPVANGTYPE, PLACES, STATUS] = LEAN_COLUMN_LIST.map((_, index) => 1 << index);
const LEAN_FIELDS: ReadonlyMap<string, number> = new Map([
  ['__typename', 0], ['id', 0], ['provinceCode', 0], ['gemeente', 0], ['province', 0],
  ['name', NAME], ['opvangtype', OPVANGTYPE], ['places', PLACES], ['smallScale', PLACES], ['status', STATUS],
]);
const WHERE_COLUMNS = `p.id, p.gemeente_code AS "gemeenteCode", p.province_code AS "provinceCode"`;

/** What a proposal is and everything about it a policy or another field reads: every lean column and more. */
const SUMMARY_COLUMNS = `${WHERE_COLUMNS}, ${LEAN_COLUMN_LIST.join(', ')},
  p.submitted, p.decision, p.version, p.reviewer_id AS "reviewerId", p.agreement_id AS "agreementId"`;

/**
 * Columns that only the field of the same name reads: a list leaves them out (the Markdown description and the
 * timestamps are most of a row's bytes and of the time it takes to read it) unless one of them is asked for.
 */
const DETAIL_FIELDS: ReadonlySet<string> = new Set(['address', 'amvPlaces', 'intendedStart', 'intendedDurationMonths', 'flexibleUse', 'description', 'advice', 'createdAt', 'updatedAt']);
const DETAIL_COLUMNS = `p.address, p.amv_places AS "amvPlaces", p.intended_start::text AS "intendedStart",
  p.intended_duration_months AS "intendedDurationMonths", p.flexible_use AS "flexibleUse", p.description, p.advice,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

const COLUMNS = `${SUMMARY_COLUMNS}, ${DETAIL_COLUMNS}`;

/**
 * Which columns of each proposal a list reads: a set of the lean columns (a bit each), or every column a policy or a
 * reference reads (`SUMMARY`), or all (`ALL`). Two lists' readings merge by `|`; the most read wins.
 */
export type ProposalColumns = number;
const SUMMARY: ProposalColumns = 1 << LEAN_COLUMN_LIST.length;
const ALL: ProposalColumns = SUMMARY << 1;

function columnsRead(columns: ProposalColumns): string {
  if (columns & ALL) return COLUMNS;
  if (columns & SUMMARY) return SUMMARY_COLUMNS;
  return [WHERE_COLUMNS, ...LEAN_COLUMN_LIST.filter((_, index) => columns & (1 << index))].join(', ');
}

/** Which columns a list must read for the fields asked of its proposals (by name, as `connectionAsks` gives them). */
export function proposalColumns(nodeFields: ReadonlySet<string>): ProposalColumns {
  let read: ProposalColumns = 0;
  for (const field of nodeFields) {
    if (DETAIL_FIELDS.has(field)) return ALL;
    read |= LEAN_FIELDS.get(field) ?? SUMMARY;
  }
  return read;
}

/** What a list reads besides its rows: each a statement or a column that is left out when not asked for. */
export interface ListReading {
  /** `totalCount`: a count over all pages. */
  withCount: boolean;
  /** The columns the asked fields read (`proposalColumns`). */
  columns: ProposalColumns;
  /**
   * Cursors (`edges.cursor`, `pageInfo.startCursor`/`endCursor`): each row's sort key as text. Whoever reads a cursor of
   * the page must have asked for them: a cursor of a row read without its sort key is an error (`sortKeyOf`).
   */
  cursors: boolean;
}

/** Everything: for a caller that does not say what it reads. */
const READ_ALL: ListReading = { withCount: true, columns: ALL, cursors: true };

const toProposal = (row: object) => Object.assign(new LocationProposal(), row);
const MAX_PLACES = 100_000;

export interface ProposalFields {
  name?: string | null;
  address?: string | null;
  opvangtype?: Opvangtype | null;
  places?: number | null;
  amvPlaces?: number | null;
  intendedStart?: string | null;
  intendedDurationMonths?: number | null;
  flexibleUse?: boolean | null;
  description?: string | null;
}

export interface ProposalFilter {
  provinceCode?: ProvinceCode | null;
  gemeenteCode?: string | null;
  status?: ProposalStatus | null;
  opvangtype?: Opvangtype | null;
  smallScale?: boolean | null;
}

/** Whose proposals a batch of pages lists: several provinces' or several gemeenten's. */
export interface ProposalParents {
  of: 'PROVINCE' | 'GEMEENTE';
  codes: string[];
}

/** One parent's page of proposals, as `proposalsOfParent` is asked for it. */
export interface ProposalPageKey {
  of: ProposalParents['of'];
  code: string;
  filter: Pick<ProposalFilter, 'status' | 'opvangtype' | 'smallScale'>;
  first: number | null;
  after: string | null;
  reading: ListReading;
}

/**
 * A parent's page arguments as a key (made for each of hundreds of parents): no part but the cursor, last and quoted,
 * can hold a separator.
 */
const pageArgsKey = ({ filter, first, after }: ProposalPageKey) => `${filter.status}|${filter.opvangtype}|${filter.smallScale}|${first}|${JSON.stringify(after)}`;

/** Newest first by creation time (UTC, ending in Z), then id. */
const isProposalKey = isTimestampIdKey(true);

/** A row's cursor key; it has one only when the list was read with `cursors` (a connection asks for them when it needs them). */
function sortKeyOf(proposal: LocationProposal & { sortKey?: string }): [string, string] {
  if (proposal.sortKey === undefined) throw new Error('a cursor of a proposal list read without its sort keys');
  return [proposal.sortKey, proposal.id];
}

/** Location proposals: the gemeente proposes and decides, COA explores and advises. */
export class ProposalService {
  constructor(
    private readonly db: DataSource,
    /** Kleinschalige opvang: at most this many places (configuration). */
    readonly smallScaleMaxPlaces: number = SMALL_SCALE_MAX_PLACES,
  ) {}

  async proposal(principal: Principal, id: string, field = 'id'): Promise<LocationProposal | null> {
    if (!isUuid(id)) throw badUserInput('not a proposal id', field);
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM location_proposal p WHERE p.id = $1`, [id]);
    if (!row) return null;
    const proposal = toProposal(row);
    if (!proposalPolicy.canRead(principal, proposal)) throw forbidden('You may not see this proposal', field);
    return proposal;
  }

  /**
   * Proposals the principal may see, newest first; keyset-paged so inserts made meanwhile neither repeat nor skip items.
   * `reading` says what to leave out: the count when `totalCount` is not asked for, the columns no asked field reads,
   * the sort keys when no cursor is asked for.
   */
  async list(principal: Principal, filter: ProposalFilter, first?: number | null, after?: string | null, reading: ListReading = READ_ALL): Promise<Page<LocationProposal>> {
    const page = pageRequest(first, after, isProposalKey);
    const gemeenteCode = filter.gemeenteCode ? normaliseGemeenteCode(filter.gemeenteCode, 'gemeenteCode') : null;
    const [result] = await this.pagesPerParent(principal, null, { ...filter, gemeenteCode }, page, reading);
    return result;
  }

  /**
   * A page of proposals for each of several provinces or gemeenten at once (`Province.locationProposals`,
   * `Gemeente.locationProposals` under a list), or one page over all when `parents` is null: two statements (one
   * without the count) however many parents are asked for.
   */
  async pagesPerParent(
    principal: Principal,
    parents: ProposalParents | null,
    filter: ProposalFilter,
    page: PageRequest<[string, string]>,
    { withCount, columns, cursors }: ListReading,
  ): Promise<Page<LocationProposal>[]> {
    const scope = proposalPolicy.listingScope(principal);
    const column = parents ? (parents.of === 'PROVINCE' ? 'province_code' : 'gemeente_code') : null;
    // The parents' codes (up to every gemeente) as a hashed set: in the generic plan of a prepared statement `= ANY($8)`
    // compares each row with every code in turn.
    const where = `(p.gemeente_code = ANY($1) OR (p.submitted AND p.status <> 'CONCEPT' AND ($2::text[] IS NULL OR p.province_code = ANY($2))))
      AND ($3::text IS NULL OR p.province_code = $3) AND ($4::text IS NULL OR p.gemeente_code = $4)
      AND ($5::text IS NULL OR p.status = $5) AND ($6::text IS NULL OR p.opvangtype = $6)
      AND ($7::boolean IS NULL OR (p.places <= ${this.smallScaleMaxPlaces}) = $7)
      AND ($8::text[] IS NULL OR p.${column ?? 'province_code'} IN (SELECT unnest($8::text[])))`;
    const params = [scope.gemeenten, scope.provinces, filter.provinceCode ?? null, filter.gemeenteCode ?? null, filter.status ?? null, filter.opvangtype ?? null, filter.smallScale ?? null, parents?.codes ?? null];
    const partition = column ? `p.${column}` : 'true';
    const rows = await queryPreparedText<Row & LocationProposal>(
      this.db,
      `SELECT ${columnsRead(columns)}${cursors ? `, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"` : ''}
       FROM (
         SELECT p.*, row_number() OVER (PARTITION BY ${partition} ORDER BY p.created_at DESC, p.id DESC) AS rn
         FROM location_proposal p
         WHERE ${where} AND ($9::timestamptz IS NULL OR (p.created_at, p.id) < ($9::timestamptz, $10::uuid))
       ) p WHERE p.rn <= $11 ORDER BY p.created_at DESC, p.id DESC`,
      [...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
    );
    const counts: { key: string; count: number }[] = withCount
      ? await queryPreparedText<{ key: string; count: number }>(this.db, `SELECT ${column ? `p.${column}` : `'ALL'`} AS key, count(*)::int AS count FROM location_proposal p WHERE ${where} GROUP BY 1`, params)
      : [];
    const keys = parents?.codes ?? ['ALL'];
    type Row = { provinceCode: string; gemeenteCode: string };
    const keyOf = (row: Row) => (column === 'province_code' ? row.provinceCode : column === 'gemeente_code' ? row.gemeenteCode : 'ALL');
    const rowsPerKey = groupByKey<string, Row>(keys, rows, keyOf);
    const countPerKey = byKey(keys, counts, (row) => row.key);
    return rowsPerKey.map((group, index) =>
      toPage(
        // Instances: a field resolver's @Root() copies anything that is not one into one, for every field.
        group.map(toProposal),
        page.first,
        sortKeyOf,
        countPerKey[index]?.count ?? 0,
      ),
    );
  }

  async create(principal: Principal, input: ProposalFields & { gemeenteCode: string }): Promise<LocationProposal> {
    const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
    const fields = this.checkFields(input, true);
    return this.db.transaction(async (tx) => {
      const [gemeente] = await tx.query('SELECT province_code FROM gemeente WHERE code = $1 AND valid_until IS NULL', [gemeenteCode]);
      if (!gemeente) throw badUserInput('No current gemeente with this code', 'input.gemeenteCode');
      if (!proposalPolicy.canCreate(principal, gemeenteCode)) throw forbidden('You may only propose locations for the gemeente you work for', 'input.gemeenteCode');
      const [row] = await tx.query(
        `INSERT INTO location_proposal (gemeente_code, province_code, name, address, opvangtype, places, amv_places, intended_start,
           intended_duration_months, flexible_use, description, status, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'CONCEPT', $12, $12) RETURNING id`,
        [gemeenteCode, gemeente.province_code, fields.name, fields.address, fields.opvangtype, fields.places, fields.amvPlaces ?? null, fields.intendedStart ?? null,
          fields.intendedDurationMonths ?? null, fields.flexibleUse ?? false, fields.description ?? null, principal.personId],
      );
      await tx.query(`INSERT INTO proposal_transition (proposal_id, version, from_status, to_status, reason, by_id) VALUES ($1, 1, NULL, 'CONCEPT', 'Created', $2)`, [row.id, principal.personId]);
      const created = await this.byId(tx, row.id);
      await recordEvent(tx, proposalEvent(ProposalEventKind.PROPOSAL_CREATED, created, principal, null, 'Created'));
      return created;
    });
  }

  update(principal: Principal, input: ProposalFields & { proposalId: string; expectedVersion: number }): Promise<LocationProposal> {
    return this.transition(principal, input.proposalId, input.expectedVersion, ProposalAction.EDIT, null, async (tx, proposal) => {
      const fields = { ...proposal, ...this.checkFields({ ...withoutUndefined(input) }, false) };
      if (fields.amvPlaces !== null && fields.amvPlaces !== undefined && fields.amvPlaces > (fields.places ?? 0)) {
        throw badUserInput('amvPlaces cannot exceed places', 'input.amvPlaces');
      }
      await tx.query(
        `UPDATE location_proposal SET name = $2, address = $3, opvangtype = $4, places = $5, amv_places = $6, intended_start = $7,
           intended_duration_months = $8, flexible_use = $9, description = $10 WHERE id = $1`,
        [proposal.id, fields.name, fields.address, fields.opvangtype, fields.places, fields.amvPlaces ?? null, fields.intendedStart ?? null,
          fields.intendedDurationMonths ?? null, fields.flexibleUse, fields.description ?? null],
      );
      return 'Edited';
    });
  }

  submit(principal: Principal, id: string, expectedVersion: number, reason?: string | null) {
    return this.transition(principal, id, expectedVersion, ProposalAction.SUBMIT, reason, async (tx, proposal) => {
      await tx.query('UPDATE location_proposal SET submitted = true WHERE id = $1', [proposal.id]);
      return reason ?? 'Submitted to COA';
    });
  }

  startExploration(principal: Principal, id: string, expectedVersion: number, reviewerId?: string | null, reason?: string | null) {
    return this.transition(principal, id, expectedVersion, ProposalAction.START_EXPLORATION, reason, async (tx, proposal) => {
      let reviewer = principal.personId;
      if (reviewerId) {
        if (!isUuid(reviewerId)) throw badUserInput('reviewerId is not a person id', 'input.reviewerId');
        const [contact] = await tx.query(
          `SELECT m.person_id FROM membership_scope m WHERE m.person_id = $1 AND m.role = 'COA_REGIO' AND m.revoked_at IS NULL AND $2 = ANY(m.province_codes)`,
          [reviewerId, proposal.provinceCode],
        );
        if (!contact) throw badUserInput("The reviewer must be a COA contact for the proposal's region", 'input.reviewerId');
        reviewer = reviewerId;
      }
      await tx.query('UPDATE location_proposal SET reviewer_id = $2 WHERE id = $1', [proposal.id, reviewer]);
      return reason ?? 'Taken into verkenning by COA';
    });
  }

  advise(principal: Principal, id: string, expectedVersion: number, positive: boolean, reasoning: string) {
    const action = positive ? ProposalAction.ADVISE_POSITIVE : ProposalAction.ADVISE_NEGATIVE;
    const text = assertText(reasoning, 5_000, 'input.reasoning');
    return this.transition(principal, id, expectedVersion, action, null, async (tx, proposal) => {
      await tx.query('UPDATE location_proposal SET advice = $2 WHERE id = $1', [proposal.id, text]);
      return text;
    });
  }

  decide(principal: Principal, id: string, expectedVersion: number, decision: ProposalDecision, reason?: string | null) {
    return this.transition(principal, id, expectedVersion, ProposalAction.DECIDE, reason, async (tx, proposal) => {
      await tx.query('UPDATE location_proposal SET decision = $2 WHERE id = $1', [proposal.id, decision]);
      return reason ?? `Decided: ${decision}`;
    });
  }

  withdraw(principal: Principal, id: string, expectedVersion: number, reason?: string | null) {
    return this.transition(principal, id, expectedVersion, ProposalAction.WITHDRAW, reason, async () => reason ?? 'Withdrawn by the gemeente');
  }

  /**
   * Marks a proposal OMGEZET inside the transaction that registers its agreement (agreements call this).
   * The proposal must be a "go" decision of the same gemeente.
   */
  async convert(tx: EntityManager, principal: Principal, id: string, agreementId: string, gemeenteCode: string, opvangtype: Opvangtype): Promise<LocationProposal> {
    if (!isUuid(id)) throw badUserInput('proposalId is not a proposal id', 'input.proposalId');
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM location_proposal p WHERE p.id = $1 FOR UPDATE`, [id]);
    const proposal = row ? toProposal(row) : null;
    if (!proposal) throw notFound('No such proposal', 'input.proposalId');
    if (!proposalPolicy.canRead(principal, proposal)) throw forbidden('You may not see this proposal', 'input.proposalId');
    if (!proposalPolicy.mayAct(principal, proposal, ProposalAction.CONVERT)) throw forbidden("Only COA for the proposal's region may register its agreement", 'input.proposalId');
    const step = proposalTransition(proposal.status, ProposalAction.CONVERT);
    if (!step.allowed) throw notAllowed(proposal.status, ProposalAction.CONVERT, step.allowedActions);
    if (proposal.decision !== ProposalDecision.GO) throw ruleViolation('DECISION_NOT_GO', 'The gemeente decided not to go ahead with this proposal', { field: 'input.proposalId' });
    if (proposal.gemeenteCode !== gemeenteCode) throw badUserInput('The agreement must be with the gemeente that proposed the location', 'input.gemeenteCode');
    if (proposal.opvangtype !== opvangtype) throw badUserInput(`The proposal is for ${proposal.opvangtype}: the agreement must be of the same opvangtype`, 'input.opvangtype');
    await tx.query(`UPDATE location_proposal SET status = 'OMGEZET', agreement_id = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [
      id,
      agreementId,
      principal.personId,
    ]);
    await tx.query(
      `INSERT INTO proposal_transition (proposal_id, version, from_status, to_status, reason, by_id) VALUES ($1, $2, $3, 'OMGEZET', 'Agreement registered', $4)`,
      [id, proposal.version + 1, proposal.status, principal.personId],
    );
    await recordEvent(tx, proposalEvent(ProposalEventKind.PROPOSAL_CHANGED, await this.byId(tx, id), principal, proposal, 'Agreement registered'));
    return proposal;
  }

  /** The one path every change takes: lock, check who, version and status, apply, record the transition. */
  private async transition(
    principal: Principal,
    id: string,
    expectedVersion: number,
    action: ProposalAction,
    reason: string | null | undefined,
    apply: (tx: EntityManager, proposal: LocationProposal) => Promise<string>,
  ): Promise<LocationProposal> {
    if (!isUuid(id)) throw badUserInput('proposalId is not a proposal id', 'input.proposalId');
    if (reason !== null && reason !== undefined) assertText(reason, 2_000, 'input.reason');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT ${COLUMNS} FROM location_proposal p WHERE p.id = $1 FOR UPDATE`, [id]);
      const proposal = row ? toProposal(row) : null;
      if (!proposal) throw notFound('No such proposal', 'input.proposalId');
      if (!proposalPolicy.canRead(principal, proposal)) throw forbidden('You may not see this proposal', 'input.proposalId');
      if (!proposalPolicy.mayAct(principal, proposal, action)) {
        throw forbidden(
          action === ProposalAction.START_EXPLORATION || action === ProposalAction.ADVISE_POSITIVE || action === ProposalAction.ADVISE_NEGATIVE
            ? "Only COA for the proposal's uitplaatsingsregio may do this"
            : 'Only the proposing gemeente may do this',
          'input.proposalId',
        );
      }
      if (proposal.version !== expectedVersion) {
        const [last] = await tx.query(
          `SELECT t.at, p.name FROM proposal_transition t LEFT JOIN person p ON p.id = t.by_id WHERE t.proposal_id = $1 ORDER BY t.version DESC LIMIT 1`,
          [id],
        );
        throw conflict(`The proposal changed since version ${expectedVersion}: it is at version ${proposal.version}`, {
          currentVersion: proposal.version,
          changedBy: last?.name ?? null,
          changedAt: last?.at ?? proposal.updatedAt,
        });
      }
      const step = proposalTransition(proposal.status, action);
      if (!step.allowed) throw notAllowed(proposal.status, action, step.allowedActions);
      const why = await apply(tx, proposal);
      await tx.query(`UPDATE location_proposal SET status = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [
        id,
        step.next,
        principal.personId,
      ]);
      await tx.query(`INSERT INTO proposal_transition (proposal_id, version, from_status, to_status, reason, by_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        proposal.version + 1,
        proposal.status,
        step.next,
        why,
        principal.personId,
      ]);
      const changed = await this.byId(tx, id);
      await recordEvent(tx, proposalEvent(ProposalEventKind.PROPOSAL_CHANGED, changed, principal, proposal, why));
      return changed;
    });
  }

  private checkFields(input: ProposalFields, creating: boolean): ProposalFields {
    const out: ProposalFields = {};
    if (creating || input.name != null) out.name = assertText(input.name ?? '', 200, 'input.name', false);
    if (creating || input.address != null) out.address = assertText(input.address ?? '', 300, 'input.address', false);
    if (creating || input.opvangtype != null) {
      if (!Object.values(Opvangtype).includes(input.opvangtype as Opvangtype)) throw badUserInput('unknown opvangtype', 'input.opvangtype');
      out.opvangtype = input.opvangtype;
    }
    if (creating || input.places != null) {
      if (!Number.isInteger(input.places) || input.places! <= 0 || input.places! > MAX_PLACES) throw badUserInput(`places must be a whole number from 1 to ${MAX_PLACES}`, 'input.places');
      out.places = input.places;
    }
    if (input.amvPlaces != null) {
      if (!Number.isInteger(input.amvPlaces) || input.amvPlaces < 0) throw badUserInput('amvPlaces must be a whole number of at least 0', 'input.amvPlaces');
      if (out.places !== undefined && input.amvPlaces > out.places!) throw badUserInput('amvPlaces cannot exceed places', 'input.amvPlaces');
      out.amvPlaces = input.amvPlaces;
    }
    if (input.intendedStart != null) {
      if (!isIsoDate(input.intendedStart)) throw badUserInput('intendedStart is not a date (YYYY-MM-DD)', 'input.intendedStart');
      out.intendedStart = input.intendedStart;
    }
    if (input.intendedDurationMonths != null) {
      if (!Number.isInteger(input.intendedDurationMonths) || input.intendedDurationMonths <= 0 || input.intendedDurationMonths > 1200) {
        throw badUserInput('intendedDurationMonths must be 1 to 1200', 'input.intendedDurationMonths');
      }
      out.intendedDurationMonths = input.intendedDurationMonths;
    }
    if (input.flexibleUse != null) out.flexibleUse = input.flexibleUse;
    if (input.description != null) out.description = input.description.trim() === '' ? null : assertText(input.description, 10_000, 'input.description');
    return out;
  }

  private async byId(tx: EntityManager, id: string): Promise<LocationProposal> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM location_proposal p WHERE p.id = $1`, [id]);
    return toProposal(row);
  }

  createLoaders(principal: Principal) {
    const db = this.db;
    return {
      /**
       * `Province.locationProposals` and `Gemeente.locationProposals` under a list: the parents asked with the same
       * arguments share one batch (two statements, one when no totalCount is asked).
       */
      proposalsOfParent: new DataLoader<ProposalPageKey, Page<LocationProposal>, string>(
        async (keys) => {
          const groups = new Map<string, ProposalPageKey[]>();
          for (const key of keys) {
            const argsKey = `${key.of}|${pageArgsKey(key)}`;
            const group = groups.get(argsKey);
            if (group) group.push(key);
            else groups.set(argsKey, [key]);
          }
          const results = new Map<ProposalPageKey, Page<LocationProposal>>();
          for (const group of groups.values()) {
            const { of, filter, first, after } = group[0];
            // One statement for the group: it reads what any of them asks for.
            const reading: ListReading = {
              withCount: group.some((key) => key.reading.withCount),
              columns: group.reduce((read, key) => read | key.reading.columns, 0),
              cursors: group.some((key) => key.reading.cursors),
            };
            const pages = await this.pagesPerParent(principal, { of, codes: group.map((key) => key.code) }, filter, pageRequest(first, after, isProposalKey), reading);
            group.forEach((key, index) => results.set(key, pages[index]));
          }
          return keys.map((key) => results.get(key)!);
        },
        { cacheKeyFn: (key) => `${key.of}|${key.code}|${key.reading.withCount}|${key.reading.columns}|${key.reading.cursors}|${pageArgsKey(key)}` },
      ),
      proposal: new DataLoader<string, LocationProposal | null>(async (ids) =>
        byKey(ids, (await queryPreparedText<object>(db, `SELECT ${COLUMNS} FROM location_proposal p WHERE p.id = ANY($1)`, [ids])).map(toProposal), (p: LocationProposal) => p.id),
      ),
      transitionsOfProposal: new DataLoader<string, ProposalTransition[]>(async (ids) => {
        const rows = await db.query(
          `SELECT t.proposal_id AS "proposalId", t.version, t.from_status AS "fromStatus", t.to_status AS "toStatus", t.reason, t.at,
             t.by_id AS "byId", (SELECT name FROM person WHERE id = t.by_id) AS "byName"
           FROM proposal_transition t WHERE t.proposal_id = ANY($1) ORDER BY t.proposal_id, t.version`,
          [ids],
        );
        return groupByKey(ids, rows.map((row: object) => Object.assign(new ProposalTransition(), row)), (t) => t.proposalId);
      }),
      /** Places of proposals with a positive advice or a "go" decision, not yet converted: the pipeline. */
      pipelineOfProvince: new DataLoader<ProvinceCode, PipelineEntry[]>(async (codes) => {
        const rows: (PipelineEntry & { provinceCode: ProvinceCode })[] = await db.query(
          `SELECT province_code AS "provinceCode", opvangtype, intended_start::text AS "intendedStart", places FROM location_proposal
           WHERE province_code = ANY($1) AND (status = 'POSITIEF_ADVIES' OR (status = 'BESLOTEN' AND decision = 'GO'))`,
          [codes],
        );
        return groupByKey(codes, rows, (row) => row.provinceCode);
      }),
    };
  }
}

export interface PipelineEntry {
  opvangtype: Opvangtype;
  intendedStart: string | null;
  places: number;
}

export type ProposalLoaders = ReturnType<ProposalService['createLoaders']>;

function proposalEvent(kind: ProposalEventKind, proposal: LocationProposal, principal: Principal, before: LocationProposal | null, reason: string) {
  const state = (p: LocationProposal) => ({ status: p.status, submitted: p.submitted, version: p.version, name: p.name, places: p.places, opvangtype: p.opvangtype, decision: p.decision });
  return {
    kind,
    subjectType: ProposalEventSubject.LOCATION_PROPOSAL,
    subjectId: proposal.id,
    provinceCode: proposal.provinceCode,
    gemeenteCode: proposal.gemeenteCode,
    subjectStatus: proposal.status,
    actorId: principal.personId,
    before: before && state(before),
    after: { ...state(proposal), reason },
  };
}

function notAllowed(status: ProposalStatus, action: ProposalAction, allowed: ProposalAction[]) {
  return ruleViolation('TRANSITION_NOT_ALLOWED', `A proposal that is ${status} does not allow ${action}; allowed: ${allowed.join(', ') || 'nothing'}`, {
    field: 'input.proposalId',
    status,
    allowedActions: allowed,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

