import DataLoader from 'dataloader';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { isUuid } from '../platform/validation.js';
import { badUserInput, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { byKey, groupByKey } from '../platform/loader-utils.js';
import { isTimestampIdKey, pageRequest, toPage, type Page } from '../platform/pagination.js';
import { normaliseGemeenteCode, type ProvinceCode } from '../reference/index.js';
import { Membership, Organisation, Person, RegietafelSeat } from './entities.js';
import { OrganisationKind, Role } from './enums.js';
import { membershipPolicy } from './membership.policy.js';
import { recordEvent } from '../events/index.js';
import type { Ability, AbilitiesOf } from './abilities.js';
import { MembershipEventKind, PeopleEventSubject } from './membership.events.js';

/** A membership as read: with the provinces it reaches, which the policy needs. */
export class ScopedMembership extends Membership {
  provinceCodes: ProvinceCode[];
}

const MEMBERSHIP_COLUMNS = `
  m.id, m.person_id AS "personId", m.organisation_id AS "organisationId", m.role,
  m.province_code AS "provinceCode", m.gemeente_code AS "gemeenteCode",
  m.uitplaatsingsregio_number AS "uitplaatsingsregioNumber", m.granted_at AS "grantedAt",
  m.granted_by AS "grantedById", m.revoked_at AS "revokedAt", m.revoked_by AS "revokedById",
  m.revoke_reason AS "revokeReason", m.grant_reason AS "grantReason", m.province_codes AS "provinceCodes"`;

function toMembership(row: object): ScopedMembership {
  return Object.assign(new ScopedMembership(), row);
}

export interface MembershipFilter {
  provinceCode?: ProvinceCode | null;
  role?: Role | null;
  includeRevoked?: boolean | null;
}

export interface GrantMembershipCommand {
  personSubject: string;
  personName?: string | null;
  personEmail?: string | null;
  role: Role;
  provinceCode?: ProvinceCode | null;
  gemeenteCode?: string | null;
  uitplaatsingsregio?: number | null;
  organisationId?: string | null;
  reason?: string | null;
}

/** By grant time (UTC, without a zone), then id. */
const isMembershipKey = isTimestampIdKey(false);

const NATIONAL_KINDS = [OrganisationKind.COA, OrganisationKind.IPO, OrganisationKind.MINISTERIE, OrganisationKind.VNG];

/** People, organisations, memberships and regietafel seats. */
export class PeopleService {
  constructor(
    private readonly db: DataSource,
    /** What every capability adds to `viewer.abilities`, in module order. */
    private readonly abilities: readonly AbilitiesOf[] = [],
  ) {}

  /** What the viewer may do, derived from the same policies the services enforce. */
  abilitiesOf(principal: Principal): Ability[] {
    return this.abilities.flatMap((of) => of(principal));
  }

  /** Memberships the principal may read, newest first. */
  nationalOrganisations(): Promise<Organisation[]> {
    return this.db.getRepository(Organisation).find({ where: { kind: In(NATIONAL_KINDS) }, order: { kind: 'ASC', abbreviation: 'ASC' } });
  }

  async memberships(principal: Principal, filter: MembershipFilter, first?: number | null, after?: string | null): Promise<Page<ScopedMembership>> {
    const page = pageRequest(first, after, isMembershipKey);
    if (filter.provinceCode) membershipPolicy.assertCanListProvince(principal, filter.provinceCode);
    const readable = membershipPolicy.readableProvinces(principal);
    const conditions = [
      '($1::text[] IS NULL OR m.province_codes && $1 OR m.person_id = $2)',
      '($3::text IS NULL OR $3 = ANY(m.province_codes))',
      '($4::text IS NULL OR m.role = $4)',
      '($5::boolean OR m.revoked_at IS NULL)',
    ];
    const params = [readable === 'ALL' ? null : readable, principal.personId, filter.provinceCode ?? null, filter.role ?? null, Boolean(filter.includeRevoked)];
    const where = conditions.join(' AND ');
    const rows = await this.db.query(
      `SELECT ${MEMBERSHIP_COLUMNS}, to_char(m.granted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "sortKey"
       FROM membership_scope m
       WHERE ${where} AND ($6::text IS NULL OR (m.granted_at, m.id) < ($6::timestamp AT TIME ZONE 'UTC', $7::uuid))
       ORDER BY m.granted_at DESC, m.id DESC LIMIT $8`,
      [...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
    );
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM membership_scope m WHERE ${where}`, params);
    return toPage(
      rows.map((row: { sortKey: string }) => Object.assign(toMembership(row), { sortKey: row.sortKey })),
      page.first,
      (m) => [(m as ScopedMembership & { sortKey: string }).sortKey, m.id],
      count,
    );
  }

  async grantMembership(principal: Principal, command: GrantMembershipCommand): Promise<ScopedMembership> {
    membershipPolicy.assertCanManage(principal);
    return this.writeGrant(command, principal.personId);
  }

  /**
   * For operators with access to the server (`npm run grant`), e.g. the first LRT member of a new
   * installation, whom nobody could grant a role otherwise. Not reachable through the API.
   */
  grantAsOperator(command: GrantMembershipCommand): Promise<ScopedMembership> {
    return this.writeGrant(command, null);
  }

  private async writeGrant(command: GrantMembershipCommand, grantedBy: string | null): Promise<ScopedMembership> {
    return this.db.transaction(async (tx) => {
      if (grantedBy) await this.assertStillLrt(tx, grantedBy);
      const personId = await this.findOrCreatePerson(tx, command);
      const scope = await this.resolveScope(tx, command);
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO membership (person_id, organisation_id, role, province_code, gemeente_code, uitplaatsingsregio_number, granted_by, grant_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING RETURNING id`,
        [personId, scope.organisationId, command.role, scope.provinceCode, scope.gemeenteCode, scope.uitplaatsingsregio, grantedBy, command.reason?.trim() || null],
      );
      if (inserted.length === 0) {
        throw ruleViolation('MEMBERSHIP_ALREADY_ACTIVE', 'This person already has this role in this scope', { field: 'input.role' });
      }
      const membership = await this.membershipById(tx, inserted[0].id);
      await recordEvent(tx, membershipEvent(MembershipEventKind.MEMBERSHIP_GRANTED, membership, grantedBy, null));
      return membership;
    });
  }

  async revokeMembership(principal: Principal, membershipId: string, reason: string): Promise<ScopedMembership> {
    membershipPolicy.assertCanManage(principal);
    return this.db.transaction(async (tx) => {
      // Lock the LRT memberships first so two revocations cannot together remove the last one.
      const lrt: { id: string; person_id: string }[] = await tx.query(
        `SELECT id, person_id FROM membership WHERE role = 'LRT' AND revoked_at IS NULL ORDER BY id FOR UPDATE`,
      );
      // The principal was loaded when the request began; a revocation committed since then counts.
      if (!lrt.some((row) => row.person_id === principal.personId)) throw forbidden('Only an LRT member may grant or revoke memberships');
      const current = await this.findMembership(tx, membershipId);
      if (!current) throw notFound(`No membership ${membershipId}`, 'input.membershipId');
      if (current.revokedAt) throw ruleViolation('MEMBERSHIP_ALREADY_REVOKED', 'This membership was already revoked', { field: 'input.membershipId' });
      if (current.role === Role.LRT && lrt.length === 1) {
        throw ruleViolation('LAST_LRT_MEMBERSHIP', 'The last active LRT membership cannot be revoked: nobody could grant memberships any more', {
          field: 'input.membershipId',
        });
      }
      await tx.query(`UPDATE membership SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL`, [
        membershipId,
        principal.personId,
        reason.trim(),
      ]);
      const revoked = await this.membershipById(tx, membershipId);
      await recordEvent(tx, membershipEvent(MembershipEventKind.MEMBERSHIP_REVOKED, revoked, principal.personId, current));
      return revoked;
    });
  }

  /** Re-checks, inside the transaction and with a row lock, that the acting person is still an LRT member. */
  private async assertStillLrt(tx: EntityManager, personId: string): Promise<void> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM membership WHERE person_id = $1 AND role = 'LRT' AND revoked_at IS NULL FOR SHARE`,
      [personId],
    );
    if (rows.length === 0) throw forbidden('Only an LRT member may grant or revoke memberships');
  }

  /** Which organisation and scope columns a grant means; rejects scope fields the role does not take. */
  private async resolveScope(tx: EntityManager, command: GrantMembershipCommand) {
    const scope = { organisationId: '', provinceCode: null as string | null, gemeenteCode: null as string | null, uitplaatsingsregio: null as number | null };
    const required = { [Role.PRT_SECRETARIAAT]: 'provinceCode', [Role.GEMEENTE]: 'gemeenteCode', [Role.COA_REGIO]: 'uitplaatsingsregio' } as Record<Role, string | undefined>;
    for (const field of ['provinceCode', 'gemeenteCode', 'uitplaatsingsregio'] as const) {
      const given = command[field] !== null && command[field] !== undefined;
      if (required[command.role] === field && !given) throw badUserInput(`${command.role} needs ${field}`, `input.${field}`);
      if (required[command.role] !== field && given) throw badUserInput(`${command.role} does not take ${field}`, `input.${field}`);
    }
    if (command.organisationId && command.role !== Role.LRT && command.role !== Role.PARTNER) {
      throw badUserInput(`organisationId is only chosen for LRT and PARTNER; ${command.role} acts for the organisation of its scope`, 'input.organisationId');
    }
    if (!command.organisationId && command.role === Role.PARTNER) {
      throw badUserInput('PARTNER needs organisationId: the ministry or VNG the person acts for', 'input.organisationId');
    }
    const organisationWhere = async (sql: string, params: unknown[], field: string, message: string) => {
      const rows: { id: string }[] = await tx.query(`SELECT id FROM organisation WHERE ${sql}`, params);
      if (rows.length === 0) throw badUserInput(message, field);
      return rows[0].id;
    };
    switch (command.role) {
      case Role.PRT_SECRETARIAAT:
        scope.provinceCode = command.provinceCode!;
        scope.organisationId = await organisationWhere('province_code = $1', [scope.provinceCode], 'input.provinceCode', 'Unknown province');
        break;
      case Role.GEMEENTE: {
        scope.gemeenteCode = normaliseGemeenteCode(command.gemeenteCode!, 'input.gemeenteCode');
        scope.organisationId = await organisationWhere(
          `gemeente_code = $1 AND EXISTS (SELECT 1 FROM gemeente g WHERE g.code = $1 AND g.valid_until IS NULL)`,
          [scope.gemeenteCode],
          'input.gemeenteCode',
          `No current gemeente ${scope.gemeenteCode}`,
        );
        break;
      }
      case Role.COA_REGIO:
        if (!Number.isInteger(command.uitplaatsingsregio) || command.uitplaatsingsregio! < 1 || command.uitplaatsingsregio! > 5) {
          throw badUserInput('uitplaatsingsregio must be 1 to 5', 'input.uitplaatsingsregio');
        }
        scope.uitplaatsingsregio = command.uitplaatsingsregio!;
        scope.organisationId = await organisationWhere(`kind = 'COA'`, [], 'input.role', 'COA is not registered');
        break;
      case Role.IPO:
        scope.organisationId = await organisationWhere(`kind = 'IPO'`, [], 'input.role', 'IPO is not registered');
        break;
      case Role.LRT:
        scope.organisationId = command.organisationId
          ? await organisationWhere(
              `id::text = $1 AND kind IN ('MINISTERIE', 'COA', 'IPO', 'VNG')`,
              [command.organisationId],
              'input.organisationId',
              'LRT members act for a national organisation (a ministry, COA, IPO or VNG)',
            )
          : await organisationWhere(`abbreviation = 'JenV'`, [], 'input.role', 'The ministry of JenV is not registered');
        break;
      case Role.PARTNER:
        scope.organisationId = await organisationWhere(
          `id::text = $1 AND kind IN ('MINISTERIE', 'VNG')`,
          [command.organisationId],
          'input.organisationId',
          'A PARTNER acts for a ministry or VNG (COA, IPO, provinces and gemeenten have roles of their own)',
        );
        break;
    }
    return scope;
  }

  private async findOrCreatePerson(tx: EntityManager, command: GrantMembershipCommand): Promise<string> {
    const subject = command.personSubject.trim();
    const existing: { id: string }[] = await tx.query('SELECT id FROM person WHERE subject = $1', [subject]);
    if (existing.length > 0) return existing[0].id;
    if (!command.personName?.trim()) throw badUserInput('personName is required for a person regietafel does not know yet', 'input.personName');
    const created: { id: string }[] = await tx.query(
      `INSERT INTO person (subject, name, email) VALUES ($1, $2, $3)
       ON CONFLICT (subject) DO UPDATE SET subject = EXCLUDED.subject RETURNING id`,
      [subject, command.personName.trim(), command.personEmail?.trim() || null],
    );
    return created[0].id;
  }

  private async findMembership(tx: EntityManager, id: string): Promise<ScopedMembership | null> {
    if (!isUuid(id)) return null;
    const rows = await tx.query(`SELECT ${MEMBERSHIP_COLUMNS} FROM membership_scope m WHERE m.id = $1`, [id]);
    return rows.length ? toMembership(rows[0]) : null;
  }

  private async membershipById(tx: EntityManager, id: string): Promise<ScopedMembership> {
    return (await this.findMembership(tx, id))!;
  }

  createLoaders() {
    const db = this.db;
    return {
      // Read on most requests (who changed what): a plain statement, not the query builder.
      person: new DataLoader<string, Person | null>(async (ids) =>
        byKey(
          ids,
          (await db.query('SELECT id, subject, name, email, created_at AS "createdAt" FROM person WHERE id = ANY($1::uuid[])', [ids])).map((row: object) => Object.assign(new Person(), row)),
          (p: Person) => p.id,
        ),
      ),
      organisation: new DataLoader<string, Organisation | null>(async (ids) =>
        byKey(ids, await db.getRepository(Organisation).findBy(ids.map((id) => ({ id }))), (o) => o.id),
      ),
      activeMembershipsOfPerson: new DataLoader<string, ScopedMembership[]>(async (personIds) => {
        const rows = await db.query(
          `SELECT ${MEMBERSHIP_COLUMNS} FROM membership_scope m WHERE m.person_id = ANY($1) AND m.revoked_at IS NULL ORDER BY m.granted_at`,
          [personIds],
        );
        return groupByKey(personIds, rows.map(toMembership), (m) => m.personId);
      }),
      seatsOfProvince: new DataLoader<ProvinceCode, RegietafelSeat[]>(async (codes) =>
        groupByKey(
          codes,
          await db.getRepository(RegietafelSeat).find({ where: codes.map((provinceCode) => ({ provinceCode })), order: { function: 'DESC', capacity: 'ASC' } }),
          (s) => s.provinceCode,
        ),
      ),
      secretariatOfProvince: new DataLoader<ProvinceCode, Person[]>(async (codes) => {
        const rows: (Person & { provinceCode: ProvinceCode })[] = await db.query(
          `SELECT DISTINCT p.id, p.name, m.province_code AS "provinceCode" FROM membership m JOIN person p ON p.id = m.person_id
           WHERE m.role = 'PRT_SECRETARIAAT' AND m.revoked_at IS NULL AND m.province_code = ANY($1) ORDER BY p.name, p.id`,
          [codes],
        );
        return groupByKey(codes, rows, (row) => row.provinceCode).map((group) => group.map((row) => Object.assign(new Person(), { id: row.id, name: row.name })));
      }),
    };
  }
}

function membershipEvent(kind: MembershipEventKind, membership: ScopedMembership, actorId: string | null, before: ScopedMembership | null) {
  const state = (m: ScopedMembership) => ({
    personId: m.personId, role: m.role, provinceCodes: m.provinceCodes, gemeenteCode: m.gemeenteCode,
    uitplaatsingsregio: m.uitplaatsingsregioNumber, active: m.revokedAt === null, grantReason: m.grantReason, revokeReason: m.revokeReason,
  });
  return {
    kind,
    subjectType: PeopleEventSubject.MEMBERSHIP,
    subjectId: membership.id,
    provinceCode: membership.provinceCodes.length === 1 ? membership.provinceCodes[0] : null,
    gemeenteCode: membership.gemeenteCode,
    subjectStatus: membership.revokedAt === null ? 'ACTIVE' : 'REVOKED',
    actorId,
    before: before && state(before),
    after: state(membership),
  };
}

export type PeopleLoaders = ReturnType<PeopleService['createLoaders']>;
