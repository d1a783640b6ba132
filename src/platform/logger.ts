import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** Errors without the values of failed statements: they hold people's names and e-mail addresses. */
function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as Record<string, unknown>;
  delete serialized.parameters;
  delete serialized.detail;
  if (serialized.driverError && typeof serialized.driverError === 'object') {
    const { detail: _detail, ...driverError } = serialized.driverError as Record<string, unknown>;
    serialized.driverError = driverError;
  }
  return serialized;
}

/**
 * JSON lines in production and CI; coloured single lines on a developer's terminal. `destination` (JSON lines
 * only) lets tests read what was logged.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'prettyLogs'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name: 'regietafel',
    level: config.logLevel,
    serializers: { err: serializeError },
    redact: { paths: ['req.headers.authorization', 'connectionParams.authorization', 'token'], censor: '[redacted]' },
    transport: config.prettyLogs
      ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } }
      : undefined,
  };
  return destination && !config.prettyLogs ? pino(options, destination) : pino(options);
}
