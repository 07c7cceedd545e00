// Composition root: config → database → metrics → Bolt app → handlers → outbox → jobs; graceful stop.
import { hostname } from "node:os";
import { WebClient } from "@slack/web-api";
import { boltLogger, createSlackApp, type SlackApp } from "./app";
import { systemClock } from "./clock";
import { ConfigError, loadStartupConfig, type Config, type SlackMode } from "./config";
import { openDatabase, type Database } from "./db";
import { onWorkersPool, poolStats } from "./db/client";
import { openMonitoringDatabase } from "./db/monitoring";
import { deadlineIn, within } from "./deadline";
import { JOBS } from "./jobs/registry";
import { createScheduler, evaluationSettingsFrom, jobSettingsFrom, type Scheduler } from "./jobs/scheduler";
import { createLogger, type Log } from "./logger";
import { createMetrics } from "./observability/metrics";
import { startOutbox, type Outbox } from "./publish/outbox";
import { createSlackUserLocales } from "./publish/slack-user-locales";
import { createServices } from "./services";
import { backfillNameSearchKeys } from "./services/customers/backfill-name-search-keys";
import { createSurveyPages } from "./transport/survey-pages";

const OUTBOX_STOP_FLOOR_MS = 1_000;
/** The workers' own connections (effects and thread replies), apart from the 10 the requests use. */
const WORKERS_POOL_SIZE = 8;
/** Beyond SHUTDOWN_TIMEOUT_SECONDS, for closing the pools and stopping the embedded server. */
const STOP_MARGIN_SECONDS = 15;

export const SLACK_SETUP_HINT = "See README.md, section \"Slack setup\", to create the app from manifest.yml and get these values.";

export interface Running {
  port: number;
  database: Database;
  slack: SlackApp;
  /**
   * The graceful stop, within `timeoutMs` (SHUTDOWN_TIMEOUT_SECONDS): no new requests, the
   * requests in flight ack and finish their post-ack work, the scheduler claims nothing more and
   * lets the runs it claimed end, the outbox lets the posts being sent end; then the pools close
   * and the embedded server stops.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export async function startBot(
  config: Config,
  mode: Extract<SlackMode, { kind: "http" | "socket" }>,
  log: Log,
  /** The embedded database died for good: the bot cannot serve anyone and should exit. */
  onDatabaseLost?: (error: Error) => void,
): Promise<Running> {
  // The outbox's and the thread replies' workers query through connections of their own
  // (onWorkersPool): a burst of queued replies never makes a request answered before its ack wait.
  const database = await openDatabase({ config, log, user: "bot", onDatabaseLost, workersPoolSize: WORKERS_POOL_SIZE });
  const monitoring = openMonitoringDatabase(database.url, log);
  const metrics = createMetrics({ query: monitoring.query, pool: () => poolStats(database.prisma), now: () => systemClock.now(), log, processMetrics: true });
  const serviceSettings = {
    clock: systemClock,
    log,
    adminSlackIds: config.ADMIN_SLACK_IDS,
    arrivalLimits: { urbanHours: config.ARRIVAL_HOURS_URBAN, suburbanHours: config.ARRIVAL_HOURS_SUBURBAN },
    escalateAfterMinutes: config.ESCALATE_AFTER_MINUTES,
    complaintWindowMonths: config.COMPLAINT_WINDOW_MONTHS,
    workshopTurnaround: { days: config.WORKSHOP_TURNAROUND_DAYS, specialDays: config.WORKSHOP_TURNAROUND_SPECIAL_DAYS },
    evaluationSettings: evaluationSettingsFrom(config),
    surveyMaxAttempts: config.SURVEY_MAX_ATTEMPTS,
    surveyLinkDays: config.SURVEY_LINK_DAYS,
    // Issue 14: people's Slack languages, cached. Its client neither retries nor waits: the lookup
    // pauses itself on a rate limit and a slow answer falls back to the branch's language.
    slackUserLocale: createSlackUserLocales(
      new WebClient(mode.botToken, { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 5_000, logger: boltLogger(log), fetch: metrics.slackFetch() }),
      { log },
    ),
  };
  const services = createServices({ db: database.prisma, ...serviceSettings });
  const slack = createSlackApp({
    mode,
    port: config.PORT,
    slackApiUrl: config.SLACK_API_URL,
    log,
    handlerDeps: { services, log, clock: systemClock, jobNames: JOBS.map((job) => job.name), publicUrl: config.PUBLIC_URL, locales: services.locales },
    health: database.health,
    metrics,
    pages: createSurveyPages({ services, log }),
  });
  const closeDatabase = async () => {
    await monitoring.close().catch((error: unknown) => log.warn("error while closing the metrics' database pool", { error }));
    await database.close();
  };
  let port: number;
  try {
    port = await slack.start();
  } catch (error) {
    await closeDatabase();
    throw error;
  }
  // Every Slack effect of a change leaves through the outbox (src/publish/outbox.ts), and its reply
  // workers handle the thread replies the listener queued. Its client neither retries nor waits by
  // itself: the outbox decides (Retry-After, backoff, give up).
  let outbox: Outbox;
  try {
    outbox = await startOutbox({
      connectionString: database.url,
      deps: { services, clock: systemClock, log, locales: services.locales },
      runTask: onWorkersPool,
      slack: new WebClient(mode.botToken, {
        slackApiUrl: config.SLACK_API_URL,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: 15_000,
        logger: boltLogger(log),
        fetch: metrics.slackFetch(),
      }),
    });
  } catch (error) {
    await slack.stop(0).catch(() => undefined);
    await closeDatabase();
    throw error;
  }
  log.info("service desk bot started", { transport: mode.kind, port, embeddedDatabase: database.embedded });
  releaseStartupGarbage();

  // Scheduled jobs (src/jobs/registry.ts), pruning of delivered Slack event ids among them. Every
  // replica may run the scheduler: each period is claimed in PostgreSQL and runs once.
  let scheduler: Scheduler | undefined;
  if (config.JOBS_ENABLED) {
    scheduler = createScheduler(
      {
        db: database.prisma,
        clock: systemClock,
        log,
        services,
        settings: jobSettingsFrom(config),
        claimedBy: `${hostname()}:${process.pid}`,
      },
      JOBS,
      { observe: ({ job, outcome, seconds }) => metrics.jobRun(job, outcome, seconds) },
    );
    scheduler.start().catch((error: unknown) => log.error("could not start the scheduled jobs", { error }));
  }

  // Korean and Chinese type-ahead keys for customers saved before they existed (Han names); the
  // search works meanwhile for every other customer.
  let stopping = false;
  const backfill = backfillNameSearchKeys({ db: database.prisma }, { shouldStop: () => stopping }).then(
    ({ filled }) => {
      if (filled > 0) log.info("customer name search keys filled in", { filled });
    },
    (error: unknown) => log.warn("could not fill in the customers' name search keys; the next start tries again", { error }),
  );

  return {
    port,
    database,
    slack,
    async stop(timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000) {
      const { left } = deadlineIn(timeoutMs);
      // Side by side: the scheduler claims nothing more at once, and its claimed runs end while requests drain.
      const jobsStopped = scheduler?.stop(left()).catch((error: unknown) => log.warn("error while stopping the scheduled jobs", { error }));
      await slack.stop(left()).catch((error: unknown) => log.warn("error while stopping Slack", { error }));
      await jobsStopped;
      stopping = true;
      await backfill;
      // After the requests and jobs, whose changes queue posts (and the listener, replies): the posts
      // being sent and the replies being handled end, the rest stay queued for the next bot
      // (graphile-worker unlocks them). Idle workers stop in milliseconds, so a second is left for
      // them even when the requests used up the bound.
      if (!(await within(outbox.stop(), Math.max(left(), OUTBOX_STOP_FLOOR_MS)))) log.warn("stopping: Slack posts still being sent when the bound ran out; they will be sent again", { timeoutMs });
      await closeDatabase();
    },
  };
}

/**
 * Starting (migrations, the query compiler's first plans, the modules' own set-up) leaves garbage V8
 * would keep as heap until a later collection. With `--expose-gc` (npm start) one full collection
 * hands it back, so that the bot at rest holds what it uses (issue 12: ≤ 200 MB at rest).
 */
function releaseStartupGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  let startup: ReturnType<typeof loadStartupConfig>;
  try {
    startup = loadStartupConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      const hint = error.slackCredentialsMissing ? SLACK_SETUP_HINT : 'See README.md, section "Configuration".';
      process.stderr.write(`${error.message}\n${hint}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { config, mode } = startup;
  const log = createLogger(config.LOG_LEVEL, undefined, {
    secrets: [mode.botToken, mode.kind === "socket" ? mode.appToken : undefined, mode.signingSecret, config.DATABASE_URL, passwordOf(config.DATABASE_URL)],
  });
  // Filled once started; the database may be lost before that, and stop() must work either way.
  const bot: { running?: Running } = {};
  let stopping = false;
  const stop = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    log.info("stopping", { reason, timeoutMs });
    const started = performance.now();
    // Closing the pools and stopping the embedded server come after the bound; should they hang, exit anyway.
    setTimeout(() => {
      process.stderr.write(`The bot did not stop within ${Math.round(timeoutMs / 1000) + STOP_MARGIN_SECONDS} s; exiting.\n`);
      process.exit(1);
    }, timeoutMs + STOP_MARGIN_SECONDS * 1000).unref();
    void (bot.running?.stop(timeoutMs) ?? Promise.resolve()).then(
      () => {
        log.info("stopped", { reason, ms: Math.round(performance.now() - started) });
        process.exit(exitCode);
      },
      (error: unknown) => {
        log.error("error while stopping", { error });
        process.exit(1);
      },
    );
  };
  bot.running = await startBot(config, mode, log, (error) => {
    // Exit non-zero so that whatever supervises the bot (systemd, Docker, Kubernetes) restarts it.
    process.stderr.write(`The bot stopped: ${error.message}\n`);
    stop("database lost", 1);
  });
  process.on("SIGINT", () => stop("SIGINT", 0));
  process.on("SIGTERM", () => stop("SIGTERM", 0));
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
