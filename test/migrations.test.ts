import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDataSource, migrate, migrations, pendingMigrations } from '../src/platform/database.js';
import { createLogger } from '../src/platform/logger.js';

const log = createLogger({ logLevel: 'silent', prettyLogs: false });
const name = `migrate_${Date.now().toString(36)}`;
const admin = () => {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  return client.connect().then(() => client);
};
const url = () => {
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
};

afterAll(async () => {
  const client = await admin();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

describe('migrations', () => {
  it('are applied once when two instances start together on an empty database', async () => {
    const client = await admin();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const [a, b] = await Promise.all([createDataSource(url()).initialize(), createDataSource(url()).initialize()]);
    try {
      expect(await pendingMigrations(a)).toEqual(migrations.map((m) => m.name));
      const [appliedByA, appliedByB] = await Promise.all([migrate(a, log), migrate(b, log)]);
      // One instance applied everything; the other waited for the lock and found nothing left to do.
      expect([...appliedByA, ...appliedByB].sort()).toEqual(migrations.map((m) => m.name).sort());
      expect(await pendingMigrations(a)).toEqual([]);
      const [{ count }] = await a.query('SELECT count(*)::int AS count FROM gemeente');
      expect(count).toBe(342);
      expect(await a.query('SELECT count(*)::int AS count FROM migrations')).toEqual([{ count: migrations.length }]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('can be reverted and applied again', async () => {
    const ds = await createDataSource(url()).initialize();
    try {
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await pendingMigrations(ds)).toHaveLength(migrations.length);
      await migrate(ds, log);
      expect(await pendingMigrations(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
