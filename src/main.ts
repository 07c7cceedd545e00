// Composition root: config → database → Bolt app → handlers → outbox → jobs; graceful stop.
import { hostname } from "node:os";
import { WebClient } from "@slack/web-api";
import { boltLogger, createSlackApp, type SlackApp } from "./app";
import { systemClock } from "./clock";
import { ConfigError, loadStartupConfig, type Config, type SlackMode } from "./config";
import { openDatabase, type Database } from "./db";
import { JOBS } from "./jobs/registry";
import { createScheduler, jobSettingsFrom, type Scheduler } from "./jobs/scheduler";
import { createLogger, type Log } from "./logger";
import { startOutbox, type Outbox } from "./publish/outbox";
import { createServices } from "./services";

export const SLACK_SETUP_HINT = "See README.md, section \"Slack setup\", to create the app from manifest.yml and get these values.";

export interface Running {
  port: number;
  database: Database;
  slack: SlackApp;
  stop(): Promise<void>;
}

export async function startBot(
  config: Config,
  mode: Extract<SlackMode, { kind: "http" | "socket" }>,
  log: Log,
  /** The embedded database died for good: the bot cannot serve anyone and should exit. */
  onDatabaseLost?: (error: Error) => void,
): Promise<Running> {
  const database = await openDatabase({ config, log, user: "bot", onDatabaseLost });
  const services = createServices({
    db: database.prisma,
    clock: systemClock,
    log,
    adminSlackIds: config.ADMIN_SLACK_IDS,
    arrivalLimits: { urbanHours: config.ARRIVAL_HOURS_URBAN, suburbanHours: config.ARRIVAL_HOURS_SUBURBAN },
    escalateAfterMinutes: config.ESCALATE_AFTER_MINUTES,
    workshopTurnaround: { days: config.WORKSHOP_TURNAROUND_DAYS, specialDays: config.WORKSHOP_TURNAROUND_SPECIAL_DAYS },
  });
  const slack = createSlackApp({
    mode,
    port: config.PORT,
    slackApiUrl: config.SLACK_API_URL,
    log,
    handlerDeps: { services, log, clock: systemClock, jobNames: JOBS.map((job) => job.name) },
    health: database.health,
  });
  let port: number;
  try {
    port = await slack.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  // Every Slack effect of a change leaves through the outbox (src/publish/outbox.ts). Its client
  // neither retries nor waits by itself: the outbox decides (Retry-After, backoff, give up).
  let outbox: Outbox;
  try {
    outbox = await startOutbox({
      connectionString: database.url,
      deps: { services, clock: systemClock, log },
      slack: new WebClient(mode.botToken, { slackApiUrl: config.SLACK_API_URL, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 15_000, logger: boltLogger(log) }),
    });
  } catch (error) {
    await slack.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
  log.info("service desk bot started", { transport: mode.kind, port, embeddedDatabase: database.embedded });

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
    );
    scheduler.start().catch((error: unknown) => log.error("could not start the scheduled jobs", { error }));
  }

  return {
    port,
    database,
    slack,
    async stop() {
      await scheduler?.stop().catch((error: unknown) => log.warn("error while stopping the scheduled jobs", { error }));
      await slack.stop().catch((error: unknown) => log.warn("error while stopping Slack", { error }));
      await outbox.stop().catch((error: unknown) => log.warn("error while stopping the outbox", { error }));
      await database.close();
    },
  };
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
  const log = createLogger(startup.config.LOG_LEVEL);
  // Filled once started; the database may be lost before that, and stop() must work either way.
  const bot: { running?: Running } = {};
  let stopping = false;
  const stop = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { reason });
    void (bot.running?.stop() ?? Promise.resolve()).then(
      () => process.exit(exitCode),
      (error: unknown) => {
        log.error("error while stopping", { error });
        process.exit(1);
      },
    );
  };
  bot.running = await startBot(startup.config, startup.mode, log, (error) => {
    // Exit non-zero so that whatever supervises the bot (systemd, Docker, Kubernetes) restarts it.
    process.stderr.write(`The bot stopped: ${error.message}\n`);
    stop("database lost", 1);
  });
  process.on("SIGINT", () => stop("SIGINT", 0));
  process.on("SIGTERM", () => stop("SIGTERM", 0));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
