import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { badUserInput, conflict, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { byKey, groupByKey } from '../platform/loader-utils.js';
import { isDateIdKey, pageRequest, toPage, type Page } from '../platform/pagination.js';
import { isUuid } from '../platform/validation.js';
import { normaliseGemeenteCode, Opvangtype, type ProvinceCode } from '../reference/index.js';
import { assertText, isIsoDate } from '../platform/validation.js';
import type { ProposalService } from '../proposals/index.js';
import { agreementPolicy } from './agreement.policy.js';
import { recordEvent } from '../events/index.js';
import { AgreementEventKind, AgreementEventSubject } from './agreement.events.js';
import { AgreementStatus, lastDay, periodsOverlap, statusSql, today } from './status.js';
import { listCrisisnoodopvang, recordCrisisnoodopvang, updateCrisisnoodopvang, type RecordCrisisnoodopvangInput, type UpdateCrisisnoodopvangInput } from './crisisnoodopvang.js';
import { Agreement, AgreementCapacityKind, AgreementExtension, ExtensionReport, RealisedCapacity } from './types.js';

const COLUMNS = `a.id, a.gemeente_code AS "gemeenteCode", a.province_code AS "provinceCode", a.location_name AS "locationName", a.address,
  a.opvangtype, a.max_places AS "maxPlaces", a.amv_places AS "amvPlaces", a.other_groups_places AS "otherGroupsPlaces",
  a.start_date::text AS "startDate", a.original_end_date::text AS "originalEndDate", a.end_date::text AS "endDate",
  a.signed_on::text AS "signedOn", a.ended_on::text AS "endedOn", a.end_reason AS "endReason", a.version, a.proposal_id AS "proposalId", a.capacity_kind AS "capacityKind"`;

const toAgreement = (row: object) => Object.assign(new Agreement(), row);
const MAX_PLACES = 100_000;

/** A location within its gemeente, whatever the spelling of its name. */
export function locationKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface AgreementFilter {
  provinceCode?: ProvinceCode | null;
  gemeenteCode?: string | null;
  opvangtype?: Opvangtype | null;
  status?: AgreementStatus | null;
  expiringBefore?: string | null;
}

const isAgreementKey = isDateIdKey;

/** Bestuursovereenkomsten: registered, extended and ended by COA; realised capacity follows from them. */
export class AgreementService {
  constructor(
    private readonly db: DataSource,
    private readonly proposals: ProposalService,
  ) {}

  recordCrisisnoodopvang(principal: Principal, input: RecordCrisisnoodopvangInput) {
    return recordCrisisnoodopvang(this.db, principal, input);
  }

  updateCrisisnoodopvang(principal: Principal, input: UpdateCrisisnoodopvangInput) {
    return updateCrisisnoodopvang(this.db, principal, input);
  }

  crisisnoodopvang(principal: Principal, filter: { provinceCode?: ProvinceCode | null; gemeenteCode?: string | null }) {
    return listCrisisnoodopvang(this.db, principal, filter);
  }

  async agreement(principal: Principal, id: string): Promise<Agreement | null> {
    if (!isUuid(id)) throw badUserInput('not an agreement id', 'id');
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM agreement a WHERE a.id = $1`, [id]);
    if (!row) return null;
    const agreement = toAgreement(row);
    if (!agreementPolicy.canRead(principal, agreement)) throw forbidden('You may not see this agreement', 'id');
    return agreement;
  }

  /** Agreements the principal may see, by end date (soonest first). */
  async list(principal: Principal, filter: AgreementFilter, first?: number | null, after?: string | null): Promise<Page<Agreement>> {
    const page = pageRequest(first, after, isAgreementKey);
    if (filter.expiringBefore && !isIsoDate(filter.expiringBefore)) throw badUserInput('expiringBefore is not a date (YYYY-MM-DD)', 'expiringBefore');
    const scope = agreementPolicy.listingScope(principal);
    const gemeente = filter.gemeenteCode ? normaliseGemeenteCode(filter.gemeenteCode, 'gemeenteCode') : null;
    const where = `(a.gemeente_code = ANY($1) OR $2::text[] IS NULL OR a.province_code = ANY($2))
      AND ($3::text IS NULL OR a.province_code = $3) AND ($4::text IS NULL OR a.gemeente_code = $4) AND ($5::text IS NULL OR a.opvangtype = $5)
      AND ($6::text IS NULL OR ${statusSql('$7::date')} = $6)
      AND ($8::date IS NULL OR (a.end_date < $8 AND a.ended_on IS NULL))`;
    const params = [scope.gemeenten, scope.provinces, filter.provinceCode ?? null, gemeente, filter.opvangtype ?? null, filter.status ?? null, today(), filter.expiringBefore ?? null];
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM agreement a WHERE ${where} AND ($9::date IS NULL OR (a.end_date, a.id) > ($9::date, $10::uuid))
       ORDER BY a.end_date, a.id LIMIT $11`,
      [...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
    );
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM agreement a WHERE ${where}`, params);
    return toPage(rows.map(toAgreement), page.first, (a: Agreement) => [a.endDate, a.id], count);
  }

  async register(
    principal: Principal,
    input: {
      gemeenteCode: string;
      locationName: string;
      address?: string | null;
      opvangtype: Opvangtype;
      maxPlaces: number;
      amvPlaces?: number | null;
      otherGroupsPlaces?: number | null;
      startDate: string;
      endDate: string;
      signedOn: string;
      proposalId?: string | null;
      capacityKind?: AgreementCapacityKind | null;
    },
  ): Promise<Agreement> {
    if (input.opvangtype === Opvangtype.CRISISNOODOPVANG) {
      throw ruleViolation(
        'CRISISNOODOPVANG_NOT_AN_AGREEMENT',
        'Crisisnoodopvang is the gemeente\'s (or its veiligheidsregio\'s) last resort, not COA\'s: it has no bestuursovereenkomst. The gemeente records it with recordCrisisnoodopvang.',
        { field: 'input.opvangtype' },
      );
    }
    const gemeenteCode = normaliseGemeenteCode(input.gemeenteCode, 'input.gemeenteCode');
    const locationName = assertText(input.locationName, 200, 'input.locationName', false);
    const address = input.address ? assertText(input.address, 300, 'input.address', false) : null;
    checkPlaces(input.maxPlaces, 'input.maxPlaces', 1);
    if (input.amvPlaces != null) checkPlaces(input.amvPlaces, 'input.amvPlaces', 0, input.maxPlaces);
    if (input.otherGroupsPlaces != null) checkPlaces(input.otherGroupsPlaces, 'input.otherGroupsPlaces', 0, input.maxPlaces);
    for (const field of ['startDate', 'endDate', 'signedOn'] as const) {
      if (!isIsoDate(input[field])) throw badUserInput(`${field} is not a date (YYYY-MM-DD)`, `input.${field}`);
    }
    if (input.endDate < input.startDate) throw badUserInput('endDate is before startDate', 'input.endDate');
    if (input.signedOn > today()) throw badUserInput(`signedOn lies after today (${today()}): an agreement cannot be signed in the future`, 'input.signedOn');
    return this.db.transaction(async (tx) => {
      const [gemeente] = await tx.query('SELECT province_code, valid_until::text FROM gemeente WHERE code = $1', [gemeenteCode]);
      if (!gemeente) throw badUserInput('No gemeente with this code', 'input.gemeenteCode');
      // Agreements of the past may be registered for a gemeente that has since merged, but none starting after it ended.
      if (gemeente.valid_until && input.startDate > gemeente.valid_until) {
        throw badUserInput(`Gemeente ${gemeenteCode} ended on ${gemeente.valid_until}: register the agreement with the gemeente that took it over`, 'input.gemeenteCode');
      }
      if (!agreementPolicy.canManage(principal, gemeente.province_code)) {
        throw forbidden("Only COA for the gemeente's uitplaatsingsregio may register its agreements", 'input.gemeenteCode');
      }
      const key = locationKey(locationName);
      await this.assertNoOverlap(tx, gemeenteCode, key, { from: input.startDate, until: input.endDate }, null);
      // A location that had an agreement before continues: its places are not new, unless COA says what they are.
      const [earlier] = await tx.query('SELECT 1 FROM agreement WHERE gemeente_code = $1 AND location_key = $2 AND start_date < $3 LIMIT 1', [gemeenteCode, key, input.startDate]);
      const capacityKind = input.capacityKind ?? (earlier ? AgreementCapacityKind.CONTINUATION : AgreementCapacityKind.EXTRA);
      const [row] = await tx.query(
        `INSERT INTO agreement (gemeente_code, province_code, location_name, location_key, address, opvangtype, max_places, amv_places,
           other_groups_places, start_date, original_end_date, end_date, signed_on, created_by, updated_by, capacity_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $13, $14) RETURNING id`,
        [gemeenteCode, gemeente.province_code, locationName, key, address, input.opvangtype, input.maxPlaces, input.amvPlaces ?? null,
          input.otherGroupsPlaces ?? null, input.startDate, input.endDate, input.signedOn, principal.personId, capacityKind],
      );
      if (input.proposalId) {
        await this.proposals.convert(tx, principal, input.proposalId, row.id, gemeenteCode, input.opvangtype);
        await tx.query('UPDATE agreement SET proposal_id = $2 WHERE id = $1', [row.id, input.proposalId]);
      }
      const registered = await this.byId(tx, row.id);
      await recordEvent(tx, agreementEvent(AgreementEventKind.AGREEMENT_REGISTERED, registered, principal, null));
      return registered;
    });
  }

  extend(principal: Principal, input: { agreementId: string; expectedVersion: number; newEndDate: string; decidedOn: string }): Promise<Agreement> {
    if (!isIsoDate(input.newEndDate)) throw badUserInput('newEndDate is not a date (YYYY-MM-DD)', 'input.newEndDate');
    if (!isIsoDate(input.decidedOn)) throw badUserInput('decidedOn is not a date (YYYY-MM-DD)', 'input.decidedOn');
    if (input.decidedOn > today()) throw badUserInput(`decidedOn lies after today (${today()}): an extension cannot be decided in the future`, 'input.decidedOn');
    return this.change(principal, input.agreementId, input.expectedVersion, AgreementEventKind.AGREEMENT_EXTENDED, async (tx, agreement) => {
      if (agreement.endedOn) throw ruleViolation('AGREEMENT_ENDED', 'An agreement that was ended cannot be extended', { field: 'input.agreementId' });
      if (input.newEndDate <= agreement.endDate) {
        throw badUserInput(`An extension cannot shorten or keep the end date: it is ${agreement.endDate} now`, 'input.newEndDate');
      }
      if (input.decidedOn > agreement.endDate) {
        throw badUserInput(`An extension must be decided on or before the end date (${agreement.endDate}); after it, register a new agreement`, 'input.decidedOn');
      }
      await this.assertNoOverlap(tx, agreement.gemeenteCode, locationKey(agreement.locationName), { from: agreement.startDate, until: input.newEndDate }, agreement.id);
      const [{ seq }] = await tx.query('SELECT coalesce(max(seq), 0) + 1 AS seq FROM agreement_extension WHERE agreement_id = $1', [agreement.id]);
      await tx.query(
        `INSERT INTO agreement_extension (agreement_id, seq, decided_on, previous_end_date, new_end_date, decided_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [agreement.id, seq, input.decidedOn, agreement.endDate, input.newEndDate, principal.personId],
      );
      await tx.query('UPDATE agreement SET end_date = $2 WHERE id = $1', [agreement.id, input.newEndDate]);
    });
  }

  end(principal: Principal, input: { agreementId: string; expectedVersion: number; endedOn: string; reason: string }): Promise<Agreement> {
    if (!isIsoDate(input.endedOn)) throw badUserInput('endedOn is not a date (YYYY-MM-DD)', 'input.endedOn');
    const reason = assertText(input.reason, 2_000, 'input.reason');
    return this.change(principal, input.agreementId, input.expectedVersion, AgreementEventKind.AGREEMENT_ENDED, async (tx, agreement) => {
      if (agreement.endedOn) throw ruleViolation('AGREEMENT_ENDED', 'This agreement was already ended', { field: 'input.agreementId' });
      if (input.endedOn < agreement.startDate || input.endedOn > agreement.endDate) {
        throw badUserInput(`endedOn must lie between the start (${agreement.startDate}) and the end date (${agreement.endDate})`, 'input.endedOn');
      }
      await tx.query('UPDATE agreement SET ended_on = $2, end_reason = $3 WHERE id = $1', [agreement.id, input.endedOn, reason]);
    });
  }

  /** Of the agreements whose original end date lies in [from, until]: how many were extended. */
  async extensionReport(principal: Principal, from: string, until: string, filter: { provinceCode?: ProvinceCode | null; gemeenteCode?: string | null }): Promise<ExtensionReport> {
    if (!isIsoDate(from)) throw badUserInput('from is not a date (YYYY-MM-DD)', 'from');
    if (!isIsoDate(until)) throw badUserInput('until is not a date (YYYY-MM-DD)', 'until');
    const scope = agreementPolicy.listingScope(principal);
    const gemeente = filter.gemeenteCode ? normaliseGemeenteCode(filter.gemeenteCode, 'gemeenteCode') : null;
    // An agreement expired in the period when an end date in force then (as signed, or as extended) fell in it,
    // unless it had been ended before; it was extended when that end date was moved by an extension.
    const rows = await this.db.query(
      `WITH ends AS (
         SELECT a.id AS agreement_id, a.original_end_date AS end_date FROM agreement a
         UNION SELECT e.agreement_id, e.new_end_date FROM agreement_extension e
       )
       SELECT ${COLUMNS},
         EXISTS (SELECT 1 FROM agreement_extension x WHERE x.agreement_id = a.id AND x.previous_end_date BETWEEN $3 AND $4) AS extended
       FROM agreement a
       WHERE (a.gemeente_code = ANY($1) OR $2::text[] IS NULL OR a.province_code = ANY($2))
         AND EXISTS (SELECT 1 FROM ends WHERE ends.agreement_id = a.id AND ends.end_date BETWEEN $3 AND $4 AND (a.ended_on IS NULL OR a.ended_on > ends.end_date))
         AND ($5::text IS NULL OR a.province_code = $5) AND ($6::text IS NULL OR a.gemeente_code = $6)
       ORDER BY a.original_end_date, a.id`,
      [scope.gemeenten, scope.provinces, from, until, filter.provinceCode ?? null, gemeente],
    );
    return { from, until, expiring: rows.length, extended: rows.filter((row: { extended: boolean }) => row.extended).length, agreements: rows.map(toAgreement) };
  }

  private async assertNoOverlap(tx: EntityManager, gemeenteCode: string, key: string, period: { from: string; until: string }, except: string | null) {
    // One writer per location at a time, so two overlapping registrations cannot both pass this check.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agreement:${gemeenteCode}:${key}`]);
    const others: Agreement[] = (
      await tx.query(`SELECT ${COLUMNS} FROM agreement a WHERE a.gemeente_code = $1 AND a.location_key = $2 AND ($3::uuid IS NULL OR a.id <> $3)`, [gemeenteCode, key, except])
    ).map(toAgreement);
    const clash = others.find((other) => periodsOverlap(period, { from: other.startDate, until: lastDay(other) }));
    if (clash) {
      throw ruleViolation('AGREEMENT_OVERLAP', `This location already has an agreement from ${clash.startDate} to ${lastDay(clash)}`, {
        field: except ? 'input.newEndDate' : 'input.startDate',
        agreementId: clash.id,
      });
    }
  }

  private async change(
    principal: Principal,
    id: string,
    expectedVersion: number,
    kind: AgreementEventKind,
    apply: (tx: EntityManager, agreement: Agreement) => Promise<void>,
  ): Promise<Agreement> {
    if (!isUuid(id)) throw badUserInput('agreementId is not an agreement id', 'input.agreementId');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT ${COLUMNS}, (SELECT name FROM person WHERE id = a.updated_by) AS "changedBy", a.updated_at AS "changedAt" FROM agreement a WHERE a.id = $1 FOR UPDATE`, [id]);
      const agreement = row ? toAgreement(row) : null;
      if (!agreement) throw notFound('No such agreement', 'input.agreementId');
      if (!agreementPolicy.canRead(principal, agreement)) throw forbidden('You may not see this agreement', 'input.agreementId');
      if (!agreementPolicy.canManage(principal, agreement.provinceCode)) throw forbidden("Only COA for the gemeente's uitplaatsingsregio may change its agreements", 'input.agreementId');
      if (agreement.version !== expectedVersion) {
        throw conflict(`The agreement changed since version ${expectedVersion}`, { currentVersion: agreement.version, changedBy: row.changedBy, changedAt: row.changedAt });
      }
      await apply(tx, agreement);
      await tx.query('UPDATE agreement SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1', [id, principal.personId]);
      const changed = await this.byId(tx, id);
      await recordEvent(tx, agreementEvent(kind, changed, principal, agreement));
      return changed;
    });
  }

  private async byId(tx: EntityManager, id: string): Promise<Agreement> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM agreement a WHERE a.id = $1`, [id]);
    return toAgreement(row);
  }

  createLoaders() {
    const db = this.db;
    return {
      agreement: new DataLoader<string, Agreement | null>(async (ids) =>
        byKey(ids, (await db.query(`SELECT ${COLUMNS} FROM agreement a WHERE a.id = ANY($1)`, [ids])).map(toAgreement), (a: Agreement) => a.id),
      ),
      extensionsOfAgreement: new DataLoader<string, AgreementExtension[]>(async (ids) => {
        const rows = await db.query(
          `SELECT agreement_id AS "agreementId", seq, decided_on::text AS "decidedOn", previous_end_date::text AS "previousEndDate",
             new_end_date::text AS "newEndDate", recorded_at AS "recordedAt" FROM agreement_extension WHERE agreement_id = ANY($1) ORDER BY agreement_id, seq`,
          [ids],
        );
        return groupByKey(ids, rows.map((row: object) => Object.assign(new AgreementExtension(), row)), (e) => e.agreementId);
      }),
      /**
       * Places running on a date, per opvangtype: agreements, and the gemeenten' crisisnoodopvang as its own type
       * (no agreement: `agreements` 0), as the monitoring figures count them. Key: `${provinceCode}@${date}`.
       */
      realisedCapacity: new DataLoader<string, RealisedCapacity[]>(async (keys) => {
        const pairs = keys.map((key) => key.split('@'));
        const rows: (RealisedCapacity & { key: string })[] = await db.query(
          `SELECT key, opvangtype, sum(places)::int AS places, sum(agreements)::int AS agreements FROM (
             SELECT k.province_code || '@' || k.day AS key, a.opvangtype::text AS opvangtype, a.max_places AS places, 1 AS agreements
             FROM unnest($1::text[], $2::date[]) AS k(province_code, day)
             JOIN agreement a ON a.province_code = k.province_code AND a.start_date <= k.day AND a.end_date >= k.day AND (a.ended_on IS NULL OR a.ended_on > k.day)
             UNION ALL
             SELECT k.province_code || '@' || k.day, 'CRISISNOODOPVANG', c.places, 0
             FROM unnest($1::text[], $2::date[]) AS k(province_code, day)
             JOIN crisisnoodopvang c ON c.province_code = k.province_code AND c.from_date <= k.day AND c.until_date >= k.day
           ) running GROUP BY key, opvangtype ORDER BY key, opvangtype`,
          [pairs.map(([code]) => code), pairs.map(([, day]) => day)],
        );
        return groupByKey(keys, rows, (row) => row.key).map((group) => group.map(({ key: _key, ...row }) => Object.assign(new RealisedCapacity(), row)));
      }),
    };
  }
}

export type AgreementLoaders = ReturnType<AgreementService['createLoaders']>;

function agreementEvent(kind: AgreementEventKind, agreement: Agreement, principal: Principal, before: Agreement | null) {
  const state = ({ locationName, opvangtype, maxPlaces, startDate, endDate, endedOn, endReason, version }: Agreement) => ({
    locationName, opvangtype, maxPlaces, startDate, endDate, endedOn, endReason, version,
  });
  return {
    kind,
    subjectType: AgreementEventSubject.AGREEMENT,
    subjectId: agreement.id,
    provinceCode: agreement.provinceCode,
    gemeenteCode: agreement.gemeenteCode,
    subjectStatus: agreement.status,
    actorId: principal.personId,
    before: before && state(before),
    after: state(agreement),
  };
}

function checkPlaces(value: number, field: string, min: number, max = MAX_PLACES): void {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(`${field.split('.').at(-1)} must be a whole number from ${min} to ${max}`, field);
}
