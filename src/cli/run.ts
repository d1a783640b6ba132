import 'reflect-metadata';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger, type Logger } from '../platform/logger.js';

/**
 * Runs a command-line entry point with configuration and a logger. A failure ends the process with exit
 * code 1 and a one-line message on stderr (the stack trace is logged at debug level).
 */
let cleanup: (() => Promise<void>) | undefined;

/** What must be ended before the process exits on an unexpected error (e.g. the embedded PostgreSQL). */
export function onFatalCleanup(work: () => Promise<void>): void {
  cleanup = work;
}

export function runCommand(main: (config: Config, log: Logger) => Promise<void>): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const log = createLogger(config);
  // Whatever slips through (an error event nobody listened for) ends the process with one line, not a stack trace;
  // the stack goes to the log at debug level.
  const fatal = (kind: string) => (error: unknown) => {
    log.debug({ err: error }, kind);
    process.stderr.write(`error: ${kind}: ${error instanceof Error ? error.message : String(error)} (LOG_LEVEL=debug shows where)\n`);
    // Whatever the command started that outlives it (the embedded PostgreSQL) is ended first.
    const ending = cleanup ? cleanup().catch(() => {}) : Promise.resolve();
    void ending.then(() => setTimeout(() => process.exit(1), 50));
  };
  process.on('uncaughtException', fatal('unexpected error'));
  process.on('unhandledRejection', fatal('unexpected error'));
  main(config, log).catch((error: unknown) => {
    log.debug({ err: error }, 'command failed');
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    setTimeout(() => process.exit(1), 50);
  });
}
