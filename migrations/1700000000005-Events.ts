import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events: every change, written in the transaction of the change itself. They are the audit trail, the
 * catch-up log (the id is the cursor) and what subscriptions deliver. A trigger announces each new event
 * with NOTIFY, which Postgres delivers only on commit: a rolled-back change announces nothing.
 */
export class Events1700000000005 implements MigrationInterface {
  name = 'Events1700000000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES person,
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        -- Null for national subjects (memberships of IPO and LRT).
        province_code text REFERENCES province,
        gemeente_code text REFERENCES gemeente,
        -- The subject's status after the change: decides who may see the event.
        subject_status text,
        before jsonb,
        after jsonb
      );
      CREATE INDEX event_subject ON event (subject_id, id);
      CREATE INDEX event_province ON event (province_code, id);

      CREATE FUNCTION announce_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('regietafel_events', NEW.id::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER event_announce AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION announce_event();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE event; DROP FUNCTION announce_event()');
  }
}
