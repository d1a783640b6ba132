import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals and escalation (Integrale Handreiking 8.2.1 and 5.2.2): bottlenecks raised to the LRT by a province's
 * regietafel, COA or the bestuurlijk aanjager, about an opgave; put on the agenda of a dated LRT meeting, answered,
 * closed or reopened. Every step is kept in `signal_transition`; comments may be about a signal.
 */
export class Signals1700000000011 implements MigrationInterface {
  name = 'Signals1700000000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_code text NOT NULL REFERENCES province,
        source text NOT NULL CHECK (source IN ('PRT', 'COA', 'BESTUURLIJK_AANJAGER')),
        opgave text NOT NULL CHECK (opgave IN ('HUISVESTING', 'OPVANG', 'INBURGERING')),
        opvangtype text REFERENCES opvangtype,
        escalation text CHECK (escalation IN ('COMMERCIAL_REAL_ESTATE', 'LOGEEREGELING', 'PROGRAMMA_VAN_EISEN', 'OTHER')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ON_AGENDA', 'ANSWERED', 'CLOSED')),
        meeting_date date,
        answer text,
        answered_at timestamptz,
        answered_by uuid REFERENCES person,
        version integer NOT NULL DEFAULT 1,
        raised_by uuid REFERENCES person,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES person,
        CHECK (opvangtype IS NULL OR opgave = 'OPVANG'),
        CHECK (status <> 'ON_AGENDA' OR meeting_date IS NOT NULL)
      );
      CREATE INDEX signal_province ON signal (province_code, created_at DESC, id DESC);
      CREATE INDEX signal_created ON signal (created_at DESC, id DESC);
      CREATE INDEX signal_agenda ON signal (meeting_date) WHERE status = 'ON_AGENDA';

      CREATE TABLE signal_transition (
        signal_id uuid NOT NULL REFERENCES signal ON DELETE CASCADE,
        version integer NOT NULL,
        action text,
        from_status text,
        to_status text NOT NULL,
        note text,
        meeting_date date,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_id uuid REFERENCES person,
        PRIMARY KEY (signal_id, version)
      );
    `);
    await this.setCommentSubjects(db, (types) => types.add('SIGNAL'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM comment WHERE subject_type = 'SIGNAL'`);
    await this.setCommentSubjects(db, (types) => types.delete('SIGNAL'));
    await db.query(`DROP TABLE signal_transition; DROP TABLE signal;`);
  }

  /** Adds to (or removes from) the comment subject types allowed, keeping those other migrations added. */
  private async setCommentSubjects(db: QueryRunner, change: (types: Set<string>) => void): Promise<void> {
    const [row] = await db.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'comment_subject_type_check' AND conrelid = 'comment'::regclass`);
    const types = new Set<string>([...String(row?.def ?? '').matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]));
    change(types);
    const list = [...types].map((type) => `'${type}'`).join(', ');
    await db.query(`ALTER TABLE comment DROP CONSTRAINT IF EXISTS comment_subject_type_check`);
    await db.query(`ALTER TABLE comment ADD CONSTRAINT comment_subject_type_check CHECK (subject_type IN (${list}))`);
  }
}
