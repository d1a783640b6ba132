import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provincial plans with their capacity lines and immutable revisions, the opgave per province, planning
 * rounds, and comments on any commentable subject.
 */
export class ProvincialPlans1700000000003 implements MigrationInterface {
  name = 'ProvincialPlans1700000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planning_round (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
        name text NOT NULL,
        target_from date NOT NULL,
        target_until date NOT NULL,
        closed_at timestamptz,
        CHECK (target_from <= target_until)
      );

      CREATE TABLE provincial_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_code text NOT NULL REFERENCES province,
        round_code text NOT NULL REFERENCES planning_round,
        title text NOT NULL,
        target_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('CONCEPT', 'INGEDIEND', 'VASTGESTELD', 'TERUGGESTUURD')),
        sections jsonb NOT NULL DEFAULT '{}',
        return_reason text,
        version integer NOT NULL CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES person,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person
      );
      CREATE INDEX provincial_plan_province ON provincial_plan (province_code, created_at DESC);

      -- The current lines of a plan; earlier versions live in plan_revision.snapshot.
      CREATE TABLE capacity_line (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES provincial_plan ON DELETE CASCADE,
        position smallint NOT NULL,
        opvangtypes text[] NOT NULL,
        target_date date NOT NULL,
        min_places integer NOT NULL CHECK (min_places >= 0),
        max_places integer NOT NULL CHECK (max_places >= min_places),
        regions jsonb NOT NULL DEFAULT '[]',
        note text,
        UNIQUE (plan_id, position)
      );
      CREATE INDEX capacity_line_plan ON capacity_line (plan_id, position);

      -- Immutable: one row per change, with the whole plan as it was after the change.
      CREATE TABLE plan_revision (
        plan_id uuid NOT NULL REFERENCES provincial_plan ON DELETE CASCADE,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        author_id uuid REFERENCES person,
        action text NOT NULL,
        summary text NOT NULL,
        snapshot jsonb NOT NULL,
        PRIMARY KEY (plan_id, version)
      );

      CREATE TABLE opgave (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_code text NOT NULL REFERENCES province,
        -- Null: the opgave is for places of any type (e.g. "417 extra places per province").
        opvangtype text REFERENCES opvangtype,
        due_date date NOT NULL,
        places integer NOT NULL CHECK (places >= 0),
        source text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        set_at timestamptz NOT NULL DEFAULT now(),
        set_by uuid REFERENCES person
      );
      CREATE UNIQUE INDEX opgave_unique ON opgave (province_code, coalesce(opvangtype, ''), due_date);

      -- Every figure an opgave has had, with who set it and on what source.
      CREATE TABLE opgave_history (
        opgave_id uuid NOT NULL REFERENCES opgave,
        version integer NOT NULL,
        places integer NOT NULL,
        source text NOT NULL,
        set_at timestamptz NOT NULL,
        set_by uuid REFERENCES person,
        PRIMARY KEY (opgave_id, version)
      );

      CREATE TABLE comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (subject_type IN ('PROVINCIAL_PLAN')),
        subject_id uuid NOT NULL,
        -- The subject's version the comment was written on (a plan revision).
        subject_version integer NOT NULL,
        -- The subject's status then (for plans: CONCEPT, INGEDIEND, ...): decides who may read the comment.
        subject_status text NOT NULL,
        province_code text NOT NULL REFERENCES province,
        parent_id uuid REFERENCES comment,
        author_id uuid NOT NULL REFERENCES person,
        body text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Who made the current version (the author, or whoever resolved it).
        changed_by uuid REFERENCES person,
        edited_at timestamptz,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES person
      );
      CREATE INDEX comment_subject ON comment (subject_type, subject_id, created_at);

      INSERT INTO planning_round (code, name, target_from, target_until, closed_at) VALUES
        ('EXTRA_CAPACITEIT_2020', 'Extra capaciteit 5.000 plaatsen (LRT, november 2019)', '2019-11-01', '2020-12-31', '2021-01-01T00:00:00+01'),
        ('FLEXIBILISERING_ASIELKETEN', 'Flexibilisering asielketen', '2020-01-01', '2023-12-31', NULL);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE comment, opgave_history, opgave, plan_revision, capacity_line, provincial_plan, planning_round');
  }
}
