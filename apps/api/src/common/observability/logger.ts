import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';

const LEVELS: Record<AppConfig['logLevel'], pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * The process's one logger: JSON lines on stdout (or the given stream). Lines carry ids, routes, statuses and
 * timings only: never phones, names, bodies, query strings or tokens (the redact list is a second line of defence).
 */
export function createRootLogger(level: AppConfig['logLevel'] | 'silent', stream?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level: level === 'silent' ? 'silent' : LEVELS[level],
    base: { service: 'wenming-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['*.authorization', '*.password', '*.phone', '*.token', '*.accessToken', '*.idNumber'], censor: '[redacted]' },
  };
  return stream ? pino(options, stream as pino.DestinationStream) : pino(options);
}

/** Nest's own messages (bootstrap, route mapping, `new Logger(...)` in services) through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  private ctx(args: unknown[]): { context?: string } {
    const last = args[args.length - 1];
    return typeof last === 'string' ? { context: last } : {};
  }
  log(message: unknown, ...rest: unknown[]) {
    this.pino.info(this.ctx(rest), String(message));
  }
  error(message: unknown, ...rest: unknown[]) {
    const [stack] = rest;
    const ctx = this.ctx(rest.length > 1 ? rest.slice(1) : []);
    this.pino.error({ ...ctx, ...(typeof stack === 'string' && stack.includes('\n') ? { stack } : {}) }, String(message));
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.pino.warn(this.ctx(rest), String(message));
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.pino.debug(this.ctx(rest), String(message));
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.pino.trace(this.ctx(rest), String(message));
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.pino.fatal(this.ctx(rest), String(message));
  }
}
