import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The process logger: JSON lines when output goes to a file or collector, readable lines on a
 * terminal. Secrets never reach it: callers log URLs through redactUrl() and never log config.
 */
export function createLogger(
  level: string,
  options: { pretty?: boolean; destination?: Writable } = {},
): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY;
  const settings = {
    level,
    base: { pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'uri', '*.uri', 'url', '*.authorization'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  // A destination (a command run in-process, whose output a test collects) takes JSON lines.
  return options.destination && !pretty ? pino(settings, options.destination) : pino(settings);
}
