import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Location proposals (locatievoorstellen) with their transitions, and bestuursovereenkomsten (agreements)
 * with their extensions. Comments may now be about proposals and agreements too.
 */
export class ProposalsAndAgreements1700000000004 implements MigrationInterface {
  name = 'ProposalsAndAgreements1700000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE comment DROP CONSTRAINT comment_subject_type_check;
      ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check CHECK (subject_type IN ('PROVINCIAL_PLAN', 'LOCATION_PROPOSAL', 'AGREEMENT'));
      -- Proposals and agreements belong to one gemeente, which takes part in who may read their comments.
      ALTER TABLE comment ADD COLUMN gemeente_code text REFERENCES gemeente;

      CREATE TABLE location_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gemeente_code text NOT NULL REFERENCES gemeente,
        province_code text NOT NULL REFERENCES province,
        name text NOT NULL,
        address text NOT NULL,
        opvangtype text NOT NULL REFERENCES opvangtype,
        places integer NOT NULL CHECK (places > 0),
        amv_places integer CHECK (amv_places >= 0 AND amv_places <= places),
        intended_start date,
        intended_duration_months integer CHECK (intended_duration_months > 0),
        flexible_use boolean NOT NULL DEFAULT false,
        description text,
        -- Once submitted, those who oversee the province see it, also after a withdrawal; a draft never is.
        submitted boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('CONCEPT', 'INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES', 'NEGATIEF_ADVIES', 'BESLOTEN', 'OMGEZET', 'INGETROKKEN')),
        reviewer_id uuid REFERENCES person,
        advice text,
        decision text CHECK (decision IN ('GO', 'NO_GO')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES person,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        -- A decided proposal carries the gemeente's decision.
        CHECK (status NOT IN ('BESLOTEN', 'OMGEZET') OR decision IS NOT NULL)
      );
      CREATE INDEX location_proposal_province ON location_proposal (province_code, created_at DESC, id DESC);
      CREATE INDEX location_proposal_gemeente ON location_proposal (gemeente_code, created_at DESC, id DESC);

      -- Every status change of a proposal: who, when, why.
      CREATE TABLE proposal_transition (
        proposal_id uuid NOT NULL REFERENCES location_proposal,
        version integer NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now(),
        by_id uuid REFERENCES person,
        PRIMARY KEY (proposal_id, version)
      );

      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gemeente_code text NOT NULL REFERENCES gemeente,
        province_code text NOT NULL REFERENCES province,
        location_name text NOT NULL,
        -- Identifies the location within the gemeente (normalised name) for the no-overlap rule.
        location_key text NOT NULL,
        address text,
        opvangtype text NOT NULL REFERENCES opvangtype,
        max_places integer NOT NULL CHECK (max_places > 0),
        amv_places integer CHECK (amv_places >= 0 AND amv_places <= max_places),
        other_groups_places integer CHECK (other_groups_places >= 0 AND other_groups_places <= max_places),
        start_date date NOT NULL,
        original_end_date date NOT NULL,
        end_date date NOT NULL,
        signed_on date NOT NULL,
        proposal_id uuid UNIQUE REFERENCES location_proposal,
        ended_on date,
        end_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES person,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        CHECK (original_end_date >= start_date AND end_date >= original_end_date),
        CHECK (ended_on IS NULL OR (ended_on >= start_date AND ended_on <= end_date)),
        CHECK ((ended_on IS NULL) = (end_reason IS NULL))
      );
      CREATE INDEX agreement_province ON agreement (province_code, opvangtype, start_date, end_date);
      CREATE INDEX agreement_location ON agreement (gemeente_code, location_key);
      CREATE INDEX agreement_listing ON agreement (created_at DESC, id DESC);

      CREATE TABLE agreement_extension (
        agreement_id uuid NOT NULL REFERENCES agreement,
        seq integer NOT NULL,
        decided_on date NOT NULL,
        previous_end_date date NOT NULL,
        new_end_date date NOT NULL CHECK (new_end_date > previous_end_date),
        decided_by uuid REFERENCES person,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, seq)
      );

      ALTER TABLE location_proposal ADD COLUMN agreement_id uuid REFERENCES agreement;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE location_proposal DROP COLUMN agreement_id;
      DROP TABLE agreement_extension, agreement, proposal_transition, location_proposal;
      DELETE FROM comment WHERE subject_type <> 'PROVINCIAL_PLAN';
      ALTER TABLE comment DROP COLUMN gemeente_code;
      ALTER TABLE comment DROP CONSTRAINT comment_subject_type_check;
      ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check CHECK (subject_type IN ('PROVINCIAL_PLAN'));
    `);
  }
}
