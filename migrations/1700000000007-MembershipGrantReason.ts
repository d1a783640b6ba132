import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a role was granted, kept with the membership like the reason it was revoked. The view that adds each
 * membership's provinces lists the membership's columns as they were when it was made: it is made again.
 */
export class MembershipGrantReason1700000000007 implements MigrationInterface {
  name = 'MembershipGrantReason1700000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE membership ADD COLUMN grant_reason text;
      DROP VIEW membership_scope;
      ${SCOPE_VIEW}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW membership_scope;
      ALTER TABLE membership DROP COLUMN grant_reason;
      ${SCOPE_VIEW}
    `);
  }
}

/** The provinces a membership reaches: its province, its gemeente's province, or its region's provinces. */
const SCOPE_VIEW = `
  CREATE VIEW membership_scope AS
    SELECT m.*,
      CASE m.role
        WHEN 'PRT_SECRETARIAAT' THEN ARRAY[m.province_code]
        WHEN 'GEMEENTE' THEN ARRAY(SELECT g.province_code FROM gemeente g WHERE g.code = m.gemeente_code)
        WHEN 'COA_REGIO' THEN ARRAY(SELECT p.code FROM province p WHERE p.uitplaatsingsregio_number = m.uitplaatsingsregio_number ORDER BY p.code)
        ELSE ARRAY[]::text[]
      END AS province_codes
    FROM membership m;`;
