import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The LRT's table of ondersteuningsmaatregelen (issue 15 A): a measure per paragraph of the Integrale Handreiking, its
 * trekkers (national organisations, and the LRT itself as a flag: the LRT is a table, not an organisation), budget,
 * contact and the window in which gemeenten may apply; dated stand van zaken entries that are never overwritten (the
 * one in force on a date is the latest dated on or before it) and milestones (recorded on a date, done on a date, so
 * the table can be shown as it stood on any day). Comments may be about a measure: a comment on a national subject
 * has no province.
 */
export class SupportMeasures1700000000010 implements MigrationInterface {
  name = 'SupportMeasures1700000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE support_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph text NOT NULL UNIQUE CHECK (paragraph ~ '^[1-9][0-9]?(\\.[0-9]{1,2}){0,3}$'),
        theme text NOT NULL CHECK (theme IN ('HUISVESTING', 'OPVANG_KORTE_TERMIJN', 'FLEXIBILISERING', 'INBURGERING', 'ONDERSTEUNING_PRTS')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        lrt_is_trekker boolean NOT NULL DEFAULT false,
        budget_euros bigint CHECK (budget_euros >= 0),
        budget_note text CHECK (length(budget_note) <= 500),
        contact text CHECK (length(contact) <= 300),
        planning text CHECK (length(planning) <= 500),
        open_to_gemeenten boolean NOT NULL DEFAULT false,
        applications_open_from date,
        applications_open_until date,
        CHECK (applications_open_until IS NULL OR applications_open_from IS NULL OR applications_open_from <= applications_open_until),
        CHECK (open_to_gemeenten OR (applications_open_from IS NULL AND applications_open_until IS NULL)),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES person,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person
      );

      CREATE TABLE support_measure_trekker (
        measure_id uuid NOT NULL REFERENCES support_measure ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation,
        PRIMARY KEY (measure_id, organisation_id)
      );

      -- Never updated: a new stand van zaken is a new row.
      CREATE TABLE support_measure_status (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES support_measure ON DELETE CASCADE,
        as_of date NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES person
      );
      CREATE INDEX support_measure_status_in_force ON support_measure_status (measure_id, as_of, created_at);

      CREATE TABLE support_measure_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES support_measure ON DELETE CASCADE,
        due_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MOMENT', 'PERIOD_START', 'PERIOD_END')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
        recorded_on date NOT NULL,
        done_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES person
      );
      CREATE INDEX support_measure_milestone_measure ON support_measure_milestone (measure_id, due_on);

      ALTER TABLE comment DROP CONSTRAINT comment_subject_type_check;
      ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check CHECK (subject_type IN ('PROVINCIAL_PLAN', 'LOCATION_PROPOSAL', 'AGREEMENT', 'SUPPORT_MEASURE'));
      ALTER TABLE comment ALTER COLUMN province_code DROP NOT NULL;
      ALTER TABLE comment ADD CONSTRAINT comment_province_unless_national CHECK (province_code IS NOT NULL OR subject_type = 'SUPPORT_MEASURE');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM comment_read WHERE subject_type = 'SUPPORT_MEASURE';
      DELETE FROM comment WHERE subject_type = 'SUPPORT_MEASURE';
      ALTER TABLE comment DROP CONSTRAINT comment_province_unless_national;
      ALTER TABLE comment ALTER COLUMN province_code SET NOT NULL;
      ALTER TABLE comment DROP CONSTRAINT comment_subject_type_check;
      ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check CHECK (subject_type IN ('PROVINCIAL_PLAN', 'LOCATION_PROPOSAL', 'AGREEMENT'));
      DROP TABLE support_measure_milestone;
      DROP TABLE support_measure_status;
      DROP TABLE support_measure_trekker;
      DROP TABLE support_measure;
    `);
  }
}
