import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national partners of the Handreiking: VNG, BZK and SZW join JenV, COA and IPO. They compose the Handreiking and
 * lead (as trekker) its support measures. Several ministries may now exist, each known by its abbreviation; a person
 * acting for one of them (or for VNG) holds the new PARTNER role. The view of memberships carries the abbreviation of
 * the organisation, so a policy can say "the trekker's own people".
 */
export class Organisations1700000000009 implements MigrationInterface {
  name = 'Organisations1700000000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('PROVINCIE', 'GEMEENTE', 'COA', 'IPO', 'MINISTERIE', 'VNG'));
      ALTER TABLE organisation ADD COLUMN abbreviation text UNIQUE CHECK (length(abbreviation) BETWEEN 2 AND 12);
      UPDATE organisation SET abbreviation = 'COA' WHERE kind = 'COA';
      UPDATE organisation SET abbreviation = 'IPO' WHERE kind = 'IPO';
      UPDATE organisation SET abbreviation = 'JenV' WHERE kind = 'MINISTERIE';
      ALTER TABLE organisation ADD CONSTRAINT organisation_national_abbreviated
        CHECK (kind IN ('PROVINCIE', 'GEMEENTE') OR abbreviation IS NOT NULL);
      DROP INDEX organisation_national_kind;
      CREATE UNIQUE INDEX organisation_national_kind ON organisation (kind) WHERE kind IN ('COA', 'IPO', 'VNG');
      INSERT INTO organisation (kind, name, abbreviation) VALUES
        ('MINISTERIE', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', 'BZK'),
        ('MINISTERIE', 'Ministerie van Sociale Zaken en Werkgelegenheid', 'SZW'),
        ('VNG', 'Vereniging van Nederlandse Gemeenten', 'VNG');

      ALTER TABLE membership DROP CONSTRAINT membership_role_check;
      ALTER TABLE membership ADD CONSTRAINT membership_role_check
        CHECK (role IN ('PRT_SECRETARIAAT', 'GEMEENTE', 'COA_REGIO', 'IPO', 'LRT', 'PARTNER'));
      DROP VIEW membership_scope;
      ${SCOPE_VIEW}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW membership_scope;
      ${OLD_SCOPE_VIEW}
      DELETE FROM membership WHERE role = 'PARTNER';
      ALTER TABLE membership DROP CONSTRAINT membership_role_check;
      ALTER TABLE membership ADD CONSTRAINT membership_role_check
        CHECK (role IN ('PRT_SECRETARIAAT', 'GEMEENTE', 'COA_REGIO', 'IPO', 'LRT'));
      DELETE FROM organisation WHERE abbreviation IN ('BZK', 'SZW', 'VNG');
      DROP INDEX organisation_national_kind;
      CREATE UNIQUE INDEX organisation_national_kind ON organisation (kind) WHERE kind IN ('COA', 'IPO', 'MINISTERIE');
      ALTER TABLE organisation DROP CONSTRAINT organisation_national_abbreviated;
      ALTER TABLE organisation DROP COLUMN abbreviation;
      ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('PROVINCIE', 'GEMEENTE', 'COA', 'IPO', 'MINISTERIE'));
    `);
  }
}

const PROVINCES = `
      CASE m.role
        WHEN 'PRT_SECRETARIAAT' THEN ARRAY[m.province_code]
        WHEN 'GEMEENTE' THEN ARRAY(SELECT g.province_code FROM gemeente g WHERE g.code = m.gemeente_code)
        WHEN 'COA_REGIO' THEN ARRAY(SELECT p.code FROM province p WHERE p.uitplaatsingsregio_number = m.uitplaatsingsregio_number ORDER BY p.code)
        ELSE ARRAY[]::text[]
      END AS province_codes`;

/** The provinces a membership reaches, and the abbreviation of the national organisation it acts for (if any). */
const SCOPE_VIEW = `
  CREATE VIEW membership_scope AS
    SELECT m.*, ${PROVINCES},
      (SELECT o.abbreviation FROM organisation o WHERE o.id = m.organisation_id) AS organisation_abbreviation
    FROM membership m;`;

const OLD_SCOPE_VIEW = `
  CREATE VIEW membership_scope AS
    SELECT m.*, ${PROVINCES}
    FROM membership m;`;
