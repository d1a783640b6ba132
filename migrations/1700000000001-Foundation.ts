import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference tables of the Netherlands (provinces, COA uitplaatsingsregio's, opvangtypes), organisations,
 * people, memberships and regietafel seats. Figures: CBS table 70072ned (population 1 Jan 2022).
 */
export class Foundation1700000000001 implements MigrationInterface {
  name = 'Foundation1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE uitplaatsingsregio (
        number smallint PRIMARY KEY CHECK (number BETWEEN 1 AND 5),
        name text NOT NULL
      );

      CREATE TABLE province (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        cbs_code text NOT NULL UNIQUE CHECK (cbs_code ~ '^PV[0-9]{2}$'),
        iso_code text NOT NULL UNIQUE,
        name text NOT NULL UNIQUE,
        population integer NOT NULL CHECK (population > 0),
        population_date date NOT NULL,
        uitplaatsingsregio_number smallint NOT NULL REFERENCES uitplaatsingsregio
      );

      CREATE TABLE opvangtype (
        code text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        flexible_system boolean NOT NULL,
        operated_by text NOT NULL CHECK (operated_by IN ('COA', 'GEMEENTE')),
        sort_order smallint NOT NULL UNIQUE
      );

      -- Accent- and case-insensitive search key, the same expression the search query applies to its input.
      CREATE FUNCTION search_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
        RETURN translate(lower(value), 'áàâäãéèêëíìîïóòôöõúùûüýÿç', 'aaaaaeeeeiiiiooooouuuuyyc');

      CREATE TABLE gemeente (
        code text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),
        name text NOT NULL,
        province_code text NOT NULL REFERENCES province,
        valid_from date,
        valid_until date,
        name_search text GENERATED ALWAYS AS (search_key(name)) STORED,
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
      );
      CREATE INDEX gemeente_province_name ON gemeente (province_code, name, code);
      CREATE INDEX gemeente_name ON gemeente (name, code);

      CREATE TABLE gemeente_import (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_file text NOT NULL,
        as_of date NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        summary jsonb NOT NULL
      );

      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('PROVINCIE', 'GEMEENTE', 'COA', 'IPO', 'MINISTERIE')),
        name text NOT NULL,
        province_code text UNIQUE REFERENCES province,
        gemeente_code text UNIQUE REFERENCES gemeente,
        CHECK ((kind = 'PROVINCIE') = (province_code IS NOT NULL)),
        CHECK ((kind = 'GEMEENTE') = (gemeente_code IS NOT NULL))
      );
      CREATE UNIQUE INDEX organisation_national_kind ON organisation (kind) WHERE kind IN ('COA', 'IPO', 'MINISTERIE');

      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject text NOT NULL UNIQUE CHECK (length(subject) BETWEEN 1 AND 255),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person,
        organisation_id uuid NOT NULL REFERENCES organisation,
        role text NOT NULL CHECK (role IN ('PRT_SECRETARIAAT', 'GEMEENTE', 'COA_REGIO', 'IPO', 'LRT')),
        province_code text REFERENCES province,
        gemeente_code text REFERENCES gemeente,
        uitplaatsingsregio_number smallint REFERENCES uitplaatsingsregio,
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by uuid REFERENCES person,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES person,
        revoke_reason text,
        -- Each role has exactly the scope it needs, nothing more.
        CHECK ((role = 'PRT_SECRETARIAAT') = (province_code IS NOT NULL)),
        CHECK ((role = 'GEMEENTE') = (gemeente_code IS NOT NULL)),
        CHECK ((role = 'COA_REGIO') = (uitplaatsingsregio_number IS NOT NULL)),
        CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
      );
      CREATE UNIQUE INDEX membership_active_unique ON membership (
        person_id, role, coalesce(province_code, ''), coalesce(gemeente_code, ''), coalesce(uitplaatsingsregio_number, 0)
      ) WHERE revoked_at IS NULL;
      CREATE INDEX membership_person ON membership (person_id);
      CREATE INDEX membership_province ON membership (province_code);
      CREATE INDEX membership_gemeente ON membership (gemeente_code);

      -- The provinces a membership reaches: its province, its gemeente's province, or its region's provinces.
      CREATE VIEW membership_scope AS
        SELECT m.*,
          CASE m.role
            WHEN 'PRT_SECRETARIAAT' THEN ARRAY[m.province_code]
            WHEN 'GEMEENTE' THEN ARRAY(SELECT g.province_code FROM gemeente g WHERE g.code = m.gemeente_code)
            WHEN 'COA_REGIO' THEN ARRAY(SELECT p.code FROM province p WHERE p.uitplaatsingsregio_number = m.uitplaatsingsregio_number ORDER BY p.code)
            ELSE ARRAY[]::text[]
          END AS province_codes
        FROM membership m;

      CREATE TABLE regietafel_seat (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_code text NOT NULL REFERENCES province,
        person_id uuid NOT NULL REFERENCES person,
        organisation_id uuid NOT NULL REFERENCES organisation,
        function text NOT NULL CHECK (function IN ('VOORZITTER', 'LID')),
        capacity text NOT NULL,
        UNIQUE (province_code, person_id)
      );
      CREATE UNIQUE INDEX regietafel_one_chair ON regietafel_seat (province_code) WHERE function = 'VOORZITTER';
    `);

    await db.query(`
      INSERT INTO uitplaatsingsregio (number, name) VALUES
        (1, 'Uitplaatsingsregio 1: Groningen, Fryslân, Drenthe'),
        (2, 'Uitplaatsingsregio 2: Overijssel, Gelderland'),
        (3, 'Uitplaatsingsregio 3: Flevoland, Utrecht, Noord-Holland'),
        (4, 'Uitplaatsingsregio 4: Zuid-Holland, Zeeland'),
        (5, 'Uitplaatsingsregio 5: Noord-Brabant, Limburg');

      INSERT INTO province (code, cbs_code, iso_code, name, population, population_date, uitplaatsingsregio_number) VALUES
        ('GR', 'PV20', 'NL-GR', 'Groningen',       590170, '2022-01-01', 1),
        ('FR', 'PV21', 'NL-FR', 'Fryslân',         654019, '2022-01-01', 1),
        ('DR', 'PV22', 'NL-DR', 'Drenthe',         497743, '2022-01-01', 1),
        ('OV', 'PV23', 'NL-OV', 'Overijssel',     1171910, '2022-01-01', 2),
        ('FL', 'PV24', 'NL-FL', 'Flevoland',       434771, '2022-01-01', 3),
        ('GE', 'PV25', 'NL-GE', 'Gelderland',     2110472, '2022-01-01', 2),
        ('UT', 'PV26', 'NL-UT', 'Utrecht',        1369873, '2022-01-01', 3),
        ('NH', 'PV27', 'NL-NH', 'Noord-Holland',  2909827, '2022-01-01', 3),
        ('ZH', 'PV28', 'NL-ZH', 'Zuid-Holland',   3753944, '2022-01-01', 4),
        ('ZE', 'PV29', 'NL-ZE', 'Zeeland',         386767, '2022-01-01', 4),
        ('NB', 'PV30', 'NL-NB', 'Noord-Brabant',  2592874, '2022-01-01', 5),
        ('LI', 'PV31', 'NL-LI', 'Limburg',        1118302, '2022-01-01', 5);

      INSERT INTO opvangtype (code, name, description, flexible_system, operated_by, sort_order) VALUES
        ('GVL', 'Gemeenschappelijke Vreemdelingenlocatie',
         'Mid-sized location where asylum seekers start and go through the procedure, with the chain partners (IND, COA, DT&V) under one roof.',
         true, 'COA', 1),
        ('SATELLIET', 'Satellietlocatie',
         'Overflow (ventiel) for a GVL and for specific groups.',
         true, 'COA', 2),
        ('ROL', 'Regionale opvanglocatie',
         'Vergunninghouders and kansrijke asylum seekers start integrating near the gemeente that will house them.',
         true, 'COA', 3),
        ('AANMELDCENTRUM', 'Aanmeldcentrum',
         'Where asylum seekers register on arrival (Ter Apel, Budel).',
         false, 'COA', 4),
        ('PROCESOPVANGLOCATIE', 'Procesopvanglocatie',
         'Reception during the general asylum procedure.',
         false, 'COA', 5),
        ('AZC', 'Asielzoekerscentrum',
         'Regular reception centre, typically 350 to 600 places.',
         false, 'COA', 6),
        ('KLEINE_WOONVOORZIENING_AMV', 'Kleine woonvoorziening amv',
         'Small housing unit for unaccompanied minors (amv), 16 to 20 places.',
         false, 'COA', 7),
        ('VRIJHEIDSBEPERKENDE_LOCATIE', 'Vrijheidsbeperkende locatie',
         'Location with restricted freedom of movement for people who must leave the Netherlands (VBL).',
         false, 'COA', 8),
        ('GEZINSLOCATIE', 'Gezinslocatie',
         'Location for families with minor children who must leave the Netherlands.',
         false, 'COA', 9),
        ('NOODOPVANG', 'Noodopvang',
         'Emergency reception run by COA, below the usual standard.',
         false, 'COA', 10),
        ('CRISISNOODOPVANG', 'Crisisnoodopvang',
         'Crisis emergency reception run by a gemeente or veiligheidsregio, not by COA.',
         false, 'GEMEENTE', 11);

      INSERT INTO organisation (kind, name) VALUES
        ('COA', 'Centraal Orgaan opvang asielzoekers'),
        ('IPO', 'Interprovinciaal Overleg'),
        ('MINISTERIE', 'Ministerie van Justitie en Veiligheid');

      INSERT INTO organisation (kind, name, province_code)
        SELECT 'PROVINCIE', 'Provincie ' || name, code FROM province;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW membership_scope;
      DROP TABLE regietafel_seat, membership, person, organisation, gemeente_import, gemeente,
        opvangtype, province, uitplaatsingsregio;
      DROP FUNCTION search_key(text);
    `);
  }
}
