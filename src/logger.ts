// One line of JSON per event, so the logs of several replicas can be searched together.
import { Logger } from "graphile-worker";
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel = "info", write: (line: string) => void = (line) => process.stdout.write(line + "\n")): Log {
  const emit = (at: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, message, ...serialiseFields(fields) }));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

function serialiseFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause instanceof Error ? value.cause.message : value.cause } : value;
  }
  return out;
}

/** graphile-worker's log lines through ours (its debug chatter dropped). */
export function queueLogger(log: Log): Logger {
  return new Logger(() => (level, message, meta) => {
    if (level === "error") log.error(message, { queue: true, ...meta });
    else if (level === "warning") log.warn(message, { queue: true, ...meta });
    else if (level === "info") log.info(message, { queue: true, ...meta });
  });
}
