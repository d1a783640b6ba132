import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a principal (who a token subject is, their memberships and seats) is read from. */
const TABLES = ['person', 'membership', 'regietafel_seat', 'organisation', 'gemeente', 'province'];

/**
 * A notification on `regietafel_principals` after every statement that changes what a principal is made of,
 * whoever makes it: the API, an operator's command or a hand-written statement. Each server instance keeps who a
 * token subject is between requests only while it listens on this channel (src/platform/auth/principal-cache.ts).
 */
export class PrincipalChanges1700000000013 implements MigrationInterface {
  name = 'PrincipalChanges1700000000013';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('regietafel_principals', '');
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_principals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`DROP TRIGGER ${table}_principals_changed ON ${table}`);
    await db.query('DROP FUNCTION notify_principals_changed()');
  }
}
