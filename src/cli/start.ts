import { buildAppSchema } from '../schema.js';
import { verificationKeys } from '../platform/auth/keys.js';
import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { startServer, type RunningServer } from '../platform/server.js';
import { isEmpty, seedDemo } from '../demo/seed.js';
import { runCommand } from './run.js';

runCommand(async (config, log) => {
  const database = await openDatabase(config, log, { takeOverOrphan: true });
  const { dataSource } = database;
  let server: RunningServer | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    try {
      await server?.close();
      await database.close();
    } catch (error) {
      log.warn({ err: error }, 'error while stopping');
    }
    process.exit(exitCode);
  };
  // Ctrl-C, `kill`, and a closed terminal all stop the server and the embedded database with it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));

  try {
    await migrate(dataSource, log);
    if (config.seedDemo && (await isEmpty(dataSource))) await seedDemo(dataSource, log);
    const schema = await buildAppSchema();
    const keys = await verificationKeys({ jwksUrl: config.auth.jwksUrl, dataDir: config.dataDir });
    server = await startServer({ config, log, db: dataSource, schema, keys });
  } catch (error) {
    // Do not leave the embedded PostgreSQL running when the server cannot start (e.g. port in use).
    log.fatal({ err: error }, `regietafel could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop('start-up failed', 1);
    return;
  }

  log.info({ url: server.url, database: database.embedded ? 'embedded' : 'DATABASE_URL' }, `regietafel is listening at ${server.url} (HTTP and WebSocket)`);
  if (config.auth.jwksUrl) {
    log.info({ jwks: config.auth.jwksUrl, issuer: config.auth.issuer, audience: config.auth.audience }, 'tokens are verified against the configured JWKS');
  } else {
    log.info('development signing key in use: get a token with `npm run -s token -- <user>`, e.g. lrt, ipo, secretariaat-ut, gemeente-zeist, coa-regio-3 (`npm run -s token -- --list` shows all)');
  }
});
