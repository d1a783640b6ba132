import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Huisvesting of vergunninghouders (Huisvestingswet 2014 art. 28–29, Integrale Handreiking ch. 4): the national
 * taakstelling per half-year, populations per gemeente on 1 January (CBS), what each gemeente housed per half-year,
 * herverdelingen between gemeenten (art. 29(2)) and COA's koppelingen as monthly aggregates (never persons).
 * A gemeente's own taakstelling is not stored: it follows from the national number and the populations.
 */
export class Huisvesting1700000000008 implements MigrationInterface {
  name = 'Huisvesting1700000000008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE national_taakstelling (
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        half smallint NOT NULL CHECK (half IN (1, 2)),
        vergunninghouders integer NOT NULL CHECK (vergunninghouders >= 0),
        source text NOT NULL,
        published_on date NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        PRIMARY KEY (year, half)
      );

      -- Inhabitants per gemeente on a reference date (1 January), as published by CBS; demo figures are marked fictitious.
      CREATE TABLE gemeente_population (
        gemeente_code text NOT NULL REFERENCES gemeente,
        on_date date NOT NULL,
        inhabitants integer NOT NULL CHECK (inhabitants > 0),
        source text NOT NULL,
        fictitious boolean NOT NULL DEFAULT false,
        PRIMARY KEY (on_date, gemeente_code)
      );

      CREATE TABLE population_import (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_file text NOT NULL,
        on_date date NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        summary jsonb NOT NULL
      );

      -- What a gemeente housed in a half-year; tussenvoorziening and doorstroomwoningen are part of it, shown apart.
      CREATE TABLE huisvesting_realisation (
        gemeente_code text NOT NULL REFERENCES gemeente,
        year smallint NOT NULL,
        half smallint NOT NULL CHECK (half IN (1, 2)),
        housed integer NOT NULL CHECK (housed >= 0),
        in_tussenvoorziening integer NOT NULL DEFAULT 0 CHECK (in_tussenvoorziening >= 0),
        in_doorstroomwoning integer NOT NULL DEFAULT 0 CHECK (in_doorstroomwoning >= 0),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        CHECK (in_tussenvoorziening + in_doorstroomwoning <= housed),
        PRIMARY KEY (gemeente_code, year, half)
      );

      -- A joint decision of two or more colleges to shift taakstelling among them; it counts once every party confirmed.
      CREATE TABLE herverdeling (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year smallint NOT NULL,
        half smallint NOT NULL CHECK (half IN (1, 2)),
        decided_on date NOT NULL,
        reference text NOT NULL,
        confirmed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES person
      );
      CREATE TABLE herverdeling_part (
        herverdeling_id uuid NOT NULL REFERENCES herverdeling ON DELETE CASCADE,
        gemeente_code text NOT NULL REFERENCES gemeente,
        province_code text NOT NULL REFERENCES province,
        -- Positive: the gemeente takes over vergunninghouders; negative: it hands them over.
        change integer NOT NULL CHECK (change <> 0),
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES person,
        PRIMARY KEY (herverdeling_id, gemeente_code)
      );
      CREATE INDEX herverdeling_part_gemeente ON herverdeling_part (gemeente_code);

      -- COA's koppelingen per gemeente per month: counts only (AVG), never a person.
      CREATE TABLE koppeling_month (
        gemeente_code text NOT NULL REFERENCES gemeente,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        linked integer NOT NULL CHECK (linked >= 0),
        housed_within_norm integer NOT NULL CHECK (housed_within_norm >= 0),
        housed_late integer NOT NULL CHECK (housed_late >= 0),
        average_weeks_from_koppeling numeric(5, 1) CHECK (average_weeks_from_koppeling >= 0),
        average_weeks_from_permit numeric(5, 1) CHECK (average_weeks_from_permit >= 0),
        large_families integer NOT NULL DEFAULT 0 CHECK (large_families >= 0),
        adapted_home_needed integer NOT NULL DEFAULT 0 CHECK (adapted_home_needed >= 0),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        PRIMARY KEY (gemeente_code, month)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE koppeling_month; DROP TABLE herverdeling_part; DROP TABLE herverdeling; DROP TABLE huisvesting_realisation;
      DROP TABLE population_import; DROP TABLE gemeente_population; DROP TABLE national_taakstelling;
    `);
  }
}
