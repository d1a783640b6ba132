import 'reflect-metadata';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger, type Logger } from '../platform/logger.js';

/**
 * Runs a command-line entry point with configuration and a logger. A failure ends the process with exit
 * code 1 and a one-line message on stderr (the stack trace is logged at debug level).
 */
export function runCommand(main: (config: Config, log: Logger) => Promise<void>): void {
  const config = loadConfig();
  const log = createLogger(config);
  main(config, log).catch((error: unknown) => {
    log.debug({ err: error }, 'command failed');
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    setTimeout(() => process.exit(1), 50);
  });
}
