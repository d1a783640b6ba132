import type { DataSource } from 'typeorm';
import { applyMigrations, inOneTransaction, withMigrationLock } from '../platform/database.js';
import type { Logger } from '../platform/logger.js';
import { DEMO_PEOPLE, type DemoOrganisation } from './people.js';
import { seedDemoPlans } from './plans.js';
import { seedDemoProposalsAndAgreements } from './proposals.js';
import { seedDemoHuisvesting } from './huisvesting.js';
import { seedDemoSignals } from './signals.js';
import { seedDemoMeasures } from './measures.js';

/**
 * Loads the demo people, their memberships and regietafel seats, then demo plans, proposals and agreements, in one
 * transaction: an interrupted load leaves nothing behind, and the next start loads it all. Idempotent: what exists
 * is left alone, so it can run on a database that already has data. The caller holds the migration lock
 * (`withMigrationLock`), so two instances never load it twice.
 */
export function seedDemo(dataSource: DataSource, log: Logger) {
  return inOneTransaction(dataSource, async (db) => {
    const people = await seedDemoPeople(db, log);
    const plans = await seedDemoPlans(db, log);
    const proposalsAndAgreements = await seedDemoProposalsAndAgreements(db, log);
    await seedDemoSignals(db, log);
    return { ...people, plans, ...proposalsAndAgreements, huisvesting: await seedDemoHuisvesting(db, log), ...(await seedDemoMeasures(db, log)) };
  });
}

/** Migrations, then the demo data when asked for and the database holds no people yet, all under the migration lock. */
export function migrateAndSeed(dataSource: DataSource, log: Logger, options: { seedDemo: boolean }): Promise<void> {
  return withMigrationLock(dataSource, async () => {
    await applyMigrations(dataSource, log);
    if (options.seedDemo && (await isEmpty(dataSource))) await seedDemo(dataSource, log);
  });
}

async function seedDemoPeople(db: DataSource, log: Logger): Promise<{ people: number; memberships: number; seats: number }> {
  return db.transaction(async (tx) => {
    const gemeenteCode = async (name: string): Promise<string> => {
      const rows: { code: string }[] = await tx.query('SELECT code FROM gemeente WHERE name = $1 AND valid_until IS NULL', [name]);
      if (rows.length !== 1) throw new Error(`demo data: no single current gemeente named ${name}`);
      return rows[0].code;
    };
    const organisationId = async (organisation: DemoOrganisation): Promise<string> => {
      const [sql, params] =
        organisation.kind === 'PROVINCIE'
          ? ['province_code = $1', [organisation.provinceCode]]
          : organisation.kind === 'GEMEENTE'
            ? ['gemeente_code = $1', [await gemeenteCode(organisation.gemeenteName)]]
            : ['abbreviation = $1', [organisation.abbreviation]];
      const rows: { id: string }[] = await tx.query(`SELECT id FROM organisation WHERE ${sql}`, params);
      return rows[0].id;
    };

    const counts = { people: 0, memberships: 0, seats: 0 };
    const lrtPerson: { id: string }[] = [];
    for (const demo of DEMO_PEOPLE) {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO person (subject, name, email) VALUES ($1, $2, $3) ON CONFLICT (subject) DO NOTHING RETURNING id`,
        [demo.handle, demo.name, `${demo.handle}@demo.regietafel.example`],
      );
      counts.people += inserted.length;
      const [{ id: personId }] = await tx.query('SELECT id FROM person WHERE subject = $1', [demo.handle]);
      if (demo.handle === 'lrt') lrtPerson.push({ id: personId });

      const membership = demo.membership;
      if (membership) {
        const organisation: DemoOrganisation =
          membership.role === 'PRT_SECRETARIAAT'
            ? { kind: 'PROVINCIE', provinceCode: membership.provinceCode }
            : membership.role === 'GEMEENTE'
              ? { kind: 'GEMEENTE', gemeenteName: membership.gemeenteName }
              : membership.role === 'COA_REGIO'
                ? { kind: 'NATIONAL', abbreviation: 'COA' }
                : membership.role === 'IPO'
                  ? { kind: 'NATIONAL', abbreviation: 'IPO' }
                  : membership.role === 'PARTNER'
                    ? { kind: 'NATIONAL', abbreviation: membership.abbreviation }
                    : { kind: 'NATIONAL', abbreviation: 'JenV' };
        const result: unknown[] = await tx.query(
          `INSERT INTO membership (person_id, organisation_id, role, province_code, gemeente_code, uitplaatsingsregio_number, granted_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
          [
            personId,
            await organisationId(organisation),
            membership.role,
            'provinceCode' in membership ? membership.provinceCode : null,
            'gemeenteName' in membership ? await gemeenteCode(membership.gemeenteName) : null,
            'uitplaatsingsregio' in membership ? membership.uitplaatsingsregio : null,
            lrtPerson[0]?.id ?? null,
          ],
        );
        counts.memberships += result.length;
      }
      for (const seat of demo.seats ?? []) {
        const result: unknown[] = await tx.query(
          `INSERT INTO regietafel_seat (province_code, person_id, organisation_id, function, capacity)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
          [seat.provinceCode, personId, await organisationId(seat.organisation), seat.function, seat.capacity],
        );
        counts.seats += result.length;
      }
    }
    log.info(counts, 'demo data loaded');
    return counts;
  });
}

/** True when the database holds no people yet: the first start of a new installation. */
export async function isEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM person');
  return count === 0;
}
