import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** JSON lines in production and CI; coloured single lines on a developer's terminal. */
export function createLogger(config: Pick<Config, 'logLevel' | 'prettyLogs'>): Logger {
  return pino({
    name: 'regietafel',
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'connectionParams.authorization', 'token'], censor: '[redacted]' },
    transport: config.prettyLogs
      ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } }
      : undefined,
  });
}
