import winston from 'winston';
import { currentContext } from './request-context.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silent';
export type LogFormat = 'json' | 'pretty';

const addContext = winston.format((info) => {
  const ctx = currentContext();
  if (ctx.requestId !== undefined && info.requestId === undefined) info.requestId = ctx.requestId;
  if (ctx.commandeId !== undefined && info.commandeId === undefined)
    info.commandeId = ctx.commandeId;
  if (ctx.sagaRequestId !== undefined) info.sagaRequestId = ctx.sagaRequestId;
  return info;
});

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, service, ...rest } = info;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${extra}`;
});

export type Logger = winston.Logger;

export function createLogger(service: string, level: LogLevel, format: LogFormat): Logger {
  return winston.createLogger({
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
}
