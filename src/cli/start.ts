import type { DataSource } from 'typeorm';
import { buildAppSchema } from '../schema.js';
import { verificationKeys } from '../platform/auth/keys.js';
import { openDatabase, type OpenDatabase } from '../platform/bootstrap.js';
import { createDataSource } from '../platform/database.js';
import { startServer, type RunningServer } from '../platform/server.js';
import { migrateAndSeed } from '../demo/seed.js';
import { demoSignInUsers } from '../demo/people.js';
import { onFatalCleanup, runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

runCommand(async (config, log) => {
  let database: OpenDatabase | undefined;
  let serving: DataSource | undefined;
  let server: RunningServer | undefined;
  let stopping = false;
  let stopWhenOpen: { reason: string; exitCode: number } | undefined;
  let firstSignalAt = 0;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) {
      // A second Ctrl-C: the person does not want to wait (e.g. a frozen database holds the drain up). Under `npm start`
      // one Ctrl-C arrives twice (from the terminal, and passed on by npm): a repeat within a second is that echo.
      if (reason.startsWith('SIG') && Date.now() - firstSignalAt > 1_000) {
        log.warn({ reason }, 'stopping at once');
        await database?.kill();
        process.exit(1);
      }
      return;
    }
    if (!database) {
      // PostgreSQL is still starting: stop as soon as it is up, so it is not left running.
      stopWhenOpen ??= { reason, exitCode };
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    log.info({ reason }, 'stopping');
    // A stop never hangs: whatever is still waiting (a database that does not answer) after 20 s is cut short.
    const deadline = setTimeout(() => {
      log.error('could not stop within 20 s: stopping at once');
      void database!.kill().finally(() => process.exit(1));
    }, 20_000);
    deadline.unref();
    try {
      // Drain first (requests in flight finish, subscriptions end), then the database.
      await server?.close();
      await serving?.destroy();
      await database.close();
    } catch (error) {
      log.warn({ reason: (error as Error).message }, 'error while stopping');
      exitCode ||= 1; // not a clean stop: a supervisor should know
    }
    process.exit(exitCode);
  };
  // Ctrl-C, `kill`, and a closed terminal all stop the server, then the embedded database (which runs in a process
  // group of its own, so a terminal's Ctrl-C reaches it only through us, after the drain).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));
  onFatalCleanup(async () => {
    await database?.kill();
  });

  database = await openDatabase(config, log, {
    entities: entitiesOf(modules),
    takeOverOrphan: true,
    poolSize: 2,
    // The embedded PostgreSQL exited and could not be started again: exit non-zero so that a supervisor can act.
    onFatal: () => void stop('the embedded PostgreSQL could not be restarted', 1),
  });
  if (stopWhenOpen) {
    await stop(stopWhenOpen.reason, stopWhenOpen.exitCode);
    return;
  }
  try {
    await migrateAndSeed(database.dataSource, log, { seedDemo: config.seedDemo });
    const hasDemoUsers = (await database.dataSource.query(`SELECT 1 FROM person WHERE subject = 'lrt'`)).length > 0;
    await database.dataSource.destroy();
    serving = await createDataSource(database.url, { timeouts: config.databaseTimeouts, entities: entitiesOf(modules) }).initialize();
    const schema = await buildAppSchema();
    const keys = await verificationKeys({ jwksUrl: config.auth.jwksUrl, dataDir: config.dataDir });
    // The development sign-in offers the demo people, when this database has them.
    const signInUsers = config.auth.devSignIn && hasDemoUsers ? demoSignInUsers() : [];
    server = await startServer({ config, log, db: serving, schema, modules, keys, signInUsers });

    const home = server.url.replace(/\/graphql$/, '/');
    log.info({ url: server.url, app: home, database: database.embedded ? 'embedded' : 'DATABASE_URL' }, `regietafel is listening: open ${home} (the API: ${server.url}, HTTP and WebSocket)`);
    // In the Docker image there is no npm script runner with a compiler: name the compiled commands there.
    const command = (script: string, npmScript: string) => (config.production ? `node dist/src/cli/${script}.js` : `npm run ${npmScript} --`);
    const tokenCommand = command('token', '-s token');
    if (config.auth.jwksUrl) {
      log.info({ jwks: config.auth.jwksUrl, issuer: config.auth.issuer, audience: config.auth.audience }, 'tokens are verified against the configured JWKS');
    } else if (hasDemoUsers) {
      log.info(`development signing key in use: get a token with \`${tokenCommand} <user>\`, e.g. lrt, ipo, secretariaat-ut, gemeente-zeist, coa-regio-3 (\`${tokenCommand} --list\` shows all)`);
    } else {
      log.info(
        `development signing key in use, and this database has no demo users: load them with SEED_DEMO=true or \`${command('seed-demo', 'seed:demo').replace(/ --$/, '')}\`, or grant a first LRT member with \`${command('grant', 'grant')} --subject <subject> --name <name> --role LRT\`, then \`${tokenCommand} <subject>\``,
      );
    }
  } catch (error) {
    // Do not leave the embedded PostgreSQL running when the server cannot start (e.g. port in use).
    process.stderr.write(`error: regietafel could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    log.debug({ err: error }, 'start-up failed');
    await stop('start-up failed', 1);
  }
});
