import 'reflect-metadata';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger, type Logger } from '../platform/logger.js';

/** Runs a command-line entry point with configuration and a logger; exits 1 with a readable message on failure. */
export function runCommand(main: (config: Config, log: Logger) => Promise<void>): void {
  const config = loadConfig();
  const log = createLogger(config);
  main(config, log).catch((error: unknown) => {
    log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    setTimeout(() => process.exit(1), 100);
  });
}
