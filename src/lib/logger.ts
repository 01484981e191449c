import winston from 'winston';
import { currentContext } from './request-context.js';
import { currentTraceId } from './tracing.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silent';
export type LogFormat = 'json' | 'pretty';

const addContext = winston.format((info) => {
  const ctx = currentContext();
  if (ctx.requestId !== undefined && info.requestId === undefined) info.requestId = ctx.requestId;
  if (ctx.commandeId !== undefined && info.commandeId === undefined)
    info.commandeId = ctx.commandeId;
  if (ctx.sagaRequestId !== undefined) info.sagaRequestId = ctx.sagaRequestId;
  // The trace this line belongs to (tracing on and the line written while serving a span).
  const traceId = currentTraceId();
  if (traceId !== undefined && info.traceId === undefined) info.traceId = traceId;
  return info;
});

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, service, ...rest } = info;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${extra}`;
});

export type Logger = winston.Logger;

/**
 * winston formats every line (context, timestamp, JSON) before its transports drop those
 * below the level: a debug line on a hot path costs as much as a written one. Lines below
 * the level are dropped before any of that.
 */
function skipDisabled(logger: Logger): Logger {
  for (const level of ['debug', 'info', 'warn'] as const) {
    const write = logger[level].bind(logger);
    logger[level] = ((...args: Parameters<typeof write>) =>
      logger.isLevelEnabled(level) && !logger.silent ? write(...args) : logger) as typeof write;
  }
  return logger;
}

export function createLogger(service: string, level: LogLevel, format: LogFormat): Logger {
  const logger = winston.createLogger({
    level: level === 'silent' ? 'error' : level,
    silent: level === 'silent',
    defaultMeta: { service },
    format: winston.format.combine(
      addContext(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      format === 'json'
        ? winston.format.json()
        : winston.format.combine(winston.format.colorize(), pretty),
    ),
    transports: [new winston.transports.Console({ stderrLevels: ['error'] })],
  });
  return skipDisabled(logger);
}
