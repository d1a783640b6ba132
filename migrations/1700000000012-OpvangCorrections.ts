import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections to the opvang figures (issue 15, C):
 * - the short-term target of November 2019 as data: a national row and one per province, kept as history (each
 *   revision is a new row, in force from the day it was decided), each with the period whose new places count;
 * - per agreement, whether its places are extra, replace a closing location, or continue a location that had an
 *   agreement before (only extra places count toward the short-term target);
 * - an opgave for a province's total opvang (all COA types, the AZC umbrella included) beside the opgave per type;
 * - crisisnoodopvang recorded by a gemeente with its period: not a bestuursovereenkomst.
 */
export class OpvangCorrections1700000000012 implements MigrationInterface {
  name = 'OpvangCorrections1700000000012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE short_term_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Null: the national target.
        province_code text REFERENCES province,
        places integer NOT NULL CHECK (places >= 0),
        -- Agreements for extra places starting in this period count toward it.
        period_from date NOT NULL,
        period_until date NOT NULL,
        -- In force from this day until a later revision of the same scope.
        decided_on date NOT NULL,
        source text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        set_by uuid REFERENCES person,
        CHECK (period_until >= period_from)
      );
      CREATE INDEX short_term_target_scope ON short_term_target (coalesce(province_code, ''), decided_on);

      INSERT INTO short_term_target (province_code, places, period_from, period_until, decided_on, source)
      VALUES (NULL, 5000, '2019-11-01', '2021-01-31', '2019-11-01',
        'LRT, november 2019: 5.000 extra opvangplaatsen op korte termijn, gelijk verdeeld over de provincies; kan worden herzien (Integrale Handreiking, 11 februari 2021). Plaatsen gerealiseerd in januari 2021 tellen mee.');
      INSERT INTO short_term_target (province_code, places, period_from, period_until, decided_on, source)
      SELECT code, 417, '2019-11-01', '2021-01-31', '2019-11-01',
        'LRT, november 2019: 417 extra opvangplaatsen per provincie (5.000 / 12); kan worden herzien (Integrale Handreiking, 11 februari 2021).'
      FROM province;

      -- EXTRA: new places; REPLACEMENT: replaces a closing location; CONTINUATION: a location that had an agreement before.
      ALTER TABLE agreement ADD COLUMN capacity_kind text NOT NULL DEFAULT 'EXTRA' CHECK (capacity_kind IN ('EXTRA', 'REPLACEMENT', 'CONTINUATION'));

      -- An opgave for the province's total opvang (every type counting toward it), beside those per type and of any type.
      ALTER TABLE opgave ADD COLUMN total boolean NOT NULL DEFAULT false;
      ALTER TABLE opgave ADD CONSTRAINT opgave_total_untyped CHECK (NOT total OR opvangtype IS NULL);
      DROP INDEX opgave_unique;
      CREATE UNIQUE INDEX opgave_unique ON opgave (province_code, coalesce(opvangtype, ''), total, due_date);

      -- Crisisnoodopvang: the gemeente's (or its veiligheidsregio's) last resort, not COA's, so no bestuursovereenkomst.
      CREATE TABLE crisisnoodopvang (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gemeente_code text NOT NULL REFERENCES gemeente,
        province_code text NOT NULL REFERENCES province,
        location_name text NOT NULL,
        places integer NOT NULL CHECK (places > 0),
        from_date date NOT NULL,
        until_date date NOT NULL,
        note text,
        version integer NOT NULL DEFAULT 1,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        recorded_by uuid REFERENCES person,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        CHECK (until_date >= from_date)
      );
      CREATE INDEX crisisnoodopvang_province ON crisisnoodopvang (province_code, from_date);
      CREATE INDEX crisisnoodopvang_gemeente ON crisisnoodopvang (gemeente_code, from_date);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE crisisnoodopvang;
      DROP INDEX opgave_unique;
      DELETE FROM opgave_history h USING opgave o WHERE h.opgave_id = o.id AND o.total;
      DELETE FROM opgave WHERE total;
      ALTER TABLE opgave DROP CONSTRAINT opgave_total_untyped, DROP COLUMN total;
      CREATE UNIQUE INDEX opgave_unique ON opgave (province_code, coalesce(opvangtype, ''), due_date);
      ALTER TABLE agreement DROP COLUMN capacity_kind;
      DROP TABLE short_term_target;
    `);
  }
}
