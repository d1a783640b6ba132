import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

runCommand(async (config, log) => {
  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    const applied = await migrate(database.dataSource, log);
    log.info({ applied }, applied.length ? `${applied.length} migration(s) applied` : 'the database is up to date');
  } finally {
    await database.close();
  }
});
