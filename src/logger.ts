// One line of JSON per event (pino), so the logs of several replicas can be searched together. A
// line written while a Slack request is served carries its `requestId` (observability/request-context.ts).
// Secrets never reach a line: fields named like one are replaced, and whatever is written is
// scrubbed of Slack tokens, passwords in URLs, bearer credentials and the values given as `secrets`.
import { Logger } from "graphile-worker";
import pino, { type DestinationStream } from "pino";
import { currentRequest } from "./observability/request-context";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Exact values never to write (the signing secret, a database password): replaced wherever they appear. */
  secrets?: readonly (string | undefined)[];
}

export const REDACTED = "[redacted]";

/** Field names whose values are secrets, at any of the first three levels of a line. */
const SECRET_FIELDS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "secret",
  "password",
  "authorization",
  "Authorization",
  "cookie",
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** Secrets that can hide inside any text: an error's message, a URL, a header Bolt logged. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\bxox[a-z](?:\.xox[a-z])?-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  // The password of a URL's user info: postgresql://user:password@host/db
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s"@]+:)[^@\s"/]+@/gi, `$1${REDACTED}@`],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
];

export function createLogger(level: LogLevel = "info", write?: (line: string) => void, options: LoggerOptions = {}): Log {
  const scrub = scrubber(options.secrets ?? []);
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith("\n") ? line.slice(0, -1) : line) }
    : // Synchronous: a line written just before process.exit() is not lost.
      pino.destination({ dest: 1, sync: true });
  const logger = pino(
    {
      level,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = currentRequest();
        return request ? { requestId: request.requestId } : {};
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
  const emit = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!logger.isLevelEnabled(at)) return;
    if (fields) logger[at](serialiseErrors(fields), message);
    else logger[at](message);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** Removes secrets from a finished line (see SECRET_PATTERNS and LoggerOptions.secrets). */
export function scrubber(secrets: readonly (string | undefined)[]): (line: string) => string {
  // As they appear inside a JSON string; short values would redact ordinary words.
  const exact = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 6))]
    .map((secret) => JSON.stringify(secret).slice(1, -1))
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const secret of exact) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** Errors anywhere at the top level are written with their message, stack and causes (pino's err serializer). */
function serialiseErrors(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (!(value instanceof Error)) continue;
    out ??= { ...fields };
    out[key] = pino.stdSerializers.errWithCause(value);
  }
  return out ?? fields;
}

/** graphile-worker's log lines through ours (its debug chatter dropped). */
export function queueLogger(log: Log): Logger {
  return new Logger(() => (level, message, meta) => {
    if (level === "error") log.error(message, { queue: true, ...meta });
    else if (level === "warning") log.warn(message, { queue: true, ...meta });
    else if (level === "info") log.info(message, { queue: true, ...meta });
  });
}
