// The environment, parsed once. Nothing else in the app reads process.env.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { isValidTimeZone } from "./domain/working-calendar";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const slackIdList = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(",").map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, "Slack user ids such as U012ABCDEF, comma-separated")));

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "true or false" })
  .optional()
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { message: "development, production or test" }).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], { message: "debug, info, warn or error" }).default("info"),
  PORT: z.coerce.number({ message: "a port number" }).int().min(0).max(65535).default(3000),
  /** On SIGTERM/SIGINT, how long requests in flight, job runs and Slack posts being sent get to finish. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number({ message: "a number of seconds" }).positive().max(600).default(10),

  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "a bot token starting with xoxb-").optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith("xapp-", "an app-level token starting with xapp-").optional()),
  SLACK_API_URL: z.url({ message: "a URL ending in /api/" }).default("https://slack.com/api/"),

  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, "a postgresql:// connection string").optional(),
  ),
  EMBEDDED_PG_DIR: z.string().min(1).default("./data/postgres"),
  EMBEDDED_PG_PORT: z.coerce.number({ message: "a port number" }).int().min(1024).max(65535).default(54329),
  /** As root, where the embedded server's programs and data go when EMBEDDED_PG_DIR is private (mode 0700 home directories). */
  EMBEDDED_PG_SYSTEM_DIR: z.string().min(1).default("/var/lib/servicedesk"),

  ADMIN_SLACK_IDS: slackIdList,
  ARRIVAL_HOURS_URBAN: z.coerce.number({ message: "a number of working hours" }).positive().max(100).default(6),
  ARRIVAL_HOURS_SUBURBAN: z.coerce.number({ message: "a number of working hours" }).positive().max(100).default(7),
  DEFAULT_TIME_ZONE: z.string().default("Asia/Seoul").refine(isValidTimeZone, "an IANA time zone such as Asia/Seoul"),
  SLACK_DEDUPE_HOURS: z.coerce.number({ message: "a number of hours" }).positive().default(24),
  JOBS_ENABLED: booleanFlag.default(true),
  /** A job run still RUNNING after this long is taken to have crashed and may be claimed again. */
  JOB_STALE_MINUTES: z.coerce.number({ message: "a number of minutes" }).positive().default(15),
  /** R8: local time (HH:MM) at which calls are carried over; empty = each branch's first opening of the day. */
  CARRY_OVER_AT: optionalString.pipe(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a local time as HH:MM, or empty for the branch's first opening")
      .optional(),
  ),
  /** R7: warn this many working minutes before an arrival deadline passes. */
  PRE_WARNING_MINUTES: z.coerce.number({ message: "a number of working minutes" }).int().min(1).max(600).default(60),
  /** R7/R12: an escalation unacknowledged this many working minutes goes on to the manager(s). */
  ESCALATE_AFTER_MINUTES: z.coerce.number({ message: "a number of working minutes" }).int().min(1).max(1440).default(30),
  /** R15: remind technicians who have not filed their daily report this many minutes before closing. */
  REPORT_REMINDER_BEFORE_CLOSE_MINUTES: z.coerce.number({ message: "a number of minutes" }).int().min(0).max(600).default(60),
  /** R16: post the directors' daily summary this many minutes after the branch's last closing. */
  SUMMARY_AFTER_CLOSE_MINUTES: z.coerce.number({ message: "a number of minutes" }).int().min(0).max(600).default(30),
  /** R11/R12: an item taken to the workshop goes back within this many working days (seed 003: 1). */
  WORKSHOP_TURNAROUND_DAYS: z.coerce.number({ message: "a number of working days" }).int().min(1).max(30).default(1),
  /** R11/R12: the limit for very special machines and accessories (seed 003: 3 working days). */
  WORKSHOP_TURNAROUND_SPECIAL_DAYS: z.coerce.number({ message: "a number of working days" }).int().min(1).max(60).default(3),
  /** R18: contracts ending within this many days get their expiry notice. */
  CONTRACT_NOTICE_DAYS: z.coerce.number({ message: "a number of days" }).int().min(1).max(365).default(30),
  /** R22: substantiated complaints against one technician count inside this rolling window. */
  COMPLAINT_WINDOW_MONTHS: z.coerce.number({ message: "a number of months" }).int().min(1).max(60).default(12),
  /** R21: warn the complaint's handler (or the directors) this many hours before the 24-hour first response is due. */
  COMPLAINT_RESPONSE_WARNING_HOURS: z.coerce.number({ message: "a number of hours" }).int().min(1).max(23).default(4),
  /** R21: warn this many days before the one-month resolution is due. */
  COMPLAINT_RESOLUTION_WARNING_DAYS: z.coerce.number({ message: "a number of days" }).int().min(1).max(27).default(3),
  /** R20: the target share of closed calls with an answered survey, in percent (the procedure: 100). */
  SURVEY_COVERAGE_TARGET_PERCENT: z.coerce.number({ message: "a percentage" }).min(0).max(100).default(100),
  /** R20: the target share of satisfied and very satisfied answers, in percent (the procedure: at or above 98). */
  SURVEY_SATISFACTION_TARGET_PERCENT: z.coerce.number({ message: "a percentage" }).min(0).max(100).default(98),
  /** R6/R20: the monthly evaluation's target share of arrivals within the R6 deadline, in percent. */
  EVALUATION_ON_TIME_TARGET_PERCENT: z.coerce.number({ message: "a percentage" }).min(0).max(100).default(95),
  /** Where people reach this bot's HTTP server (e.g. https://desk.example.com): customers' survey links start with it; empty = no links. */
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: "an http(s) URL such as https://desk.example.com" }).optional()),
  /** R20: days a customer's survey link stays valid. */
  SURVEY_LINK_DAYS: z.coerce.number({ message: "a number of days" }).int().min(1).max(90).default(14),
  /** R19: tries to reach a customer for the survey before it counts as no answer. */
  SURVEY_MAX_ATTEMPTS: z.coerce.number({ message: "a number of tries" }).int().min(1).max(10).default(3),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    public readonly problems: string[],
    /** True when Slack credentials are among the problems: the README's Slack setup explains them. */
    public readonly slackCredentialsMissing = false,
  ) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/**
 * The process environment over a `.env` file in the working directory when there is one, so that
 * `npm start` and the CLI commands in a second terminal read the same settings. The environment wins.
 */
export function readEnvironment(cwd = process.cwd()): Env {
  const file = path.join(cwd, ".env");
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  return { ...fromFile, ...process.env };
}

/** Every invalid value is reported at once, each with what was expected. */
export function loadConfig(env: Env = readEnvironment()): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, env));
  return parsed.data;
}

/**
 * What `npm start` needs: a valid configuration with Slack credentials. Problems of both kinds
 * are reported together, so one restart fixes them all.
 */
export function loadStartupConfig(env: Env = readEnvironment()): { config: Config; mode: Extract<SlackMode, { kind: "http" | "socket" }> } {
  const parsed = configSchema.safeParse(env);
  const problems = parsed.success ? [] : describeIssues(parsed.error.issues, env);
  const present = (name: string) => Boolean(env[name]?.trim());
  const missing = [
    ...(present("SLACK_BOT_TOKEN") ? [] : ["SLACK_BOT_TOKEN"]),
    ...(present("SLACK_APP_TOKEN") || present("SLACK_SIGNING_SECRET") ? [] : ["SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)"]),
  ];
  problems.push(...missing.map((name) => `${name}: missing`));
  if (!parsed.success || problems.length) throw new ConfigError(problems, missing.length > 0);
  const mode = resolveSlackMode(parsed.data);
  if (mode.kind === "missing") throw new ConfigError(mode.missing.map((name) => `${name}: missing`), true);
  return { config: parsed.data, mode };
}

/** Variables whose values are secrets: a problem with one names its first characters only. */
const SECRET_VARIABLES = new Set(["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DATABASE_URL"]);

function describeIssues(issues: z.core.$ZodIssue[], env: Env): string[] {
  return issues.map((issue) => {
    const name = issue.path.join(".");
    const value = env[name];
    const got = value !== undefined && SECRET_VARIABLES.has(name) ? `${value.slice(0, 5)}…` : value;
    return `${name}: expected ${issue.message}${got === undefined ? "" : `, got "${got}"`}`;
  });
}

export type SlackMode =
  | { kind: "socket"; botToken: string; appToken: string; signingSecret?: string }
  | { kind: "http"; botToken: string; signingSecret: string };

/** Which transport the credentials allow, or the list of variables still missing. */
export function resolveSlackMode(config: Config): SlackMode | { kind: "missing"; missing: string[] } {
  const missing: string[] = [];
  if (!config.SLACK_BOT_TOKEN) missing.push("SLACK_BOT_TOKEN");
  if (config.SLACK_APP_TOKEN) {
    if (missing.length) return { kind: "missing", missing };
    return { kind: "socket", botToken: config.SLACK_BOT_TOKEN!, appToken: config.SLACK_APP_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET };
  }
  if (!config.SLACK_SIGNING_SECRET) missing.push("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)");
  if (missing.length) return { kind: "missing", missing };
  return { kind: "http", botToken: config.SLACK_BOT_TOKEN!, signingSecret: config.SLACK_SIGNING_SECRET! };
}

