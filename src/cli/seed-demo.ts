import { openDatabase } from '../platform/bootstrap.js';
import { applyMigrations, withMigrationLock } from '../platform/database.js';
import { seedDemo } from '../demo/seed.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

runCommand(async (config, log) => {
  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    await withMigrationLock(database.dataSource, async () => {
      await applyMigrations(database.dataSource, log);
      await seedDemo(database.dataSource, log);
    });
  } finally {
    await database.close();
  }
});
