import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read markers: per person and subject, the newest comment they marked as read (its time and id, the order in
 * which comments are listed). Kept on the server so an unread count holds on every device the person uses.
 */
export class CommentReads1700000000006 implements MigrationInterface {
  name = 'CommentReads1700000000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE comment_read (
        person_id uuid NOT NULL REFERENCES person,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        -- Comments listed up to and including this one, in (created_at, id) order, have been read.
        read_up_to_at timestamptz NOT NULL,
        read_up_to_id uuid NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, subject_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE comment_read');
  }
}
