// The whole service desk on one machine: the database, the demo company, the Slack stand-in with
// the demo's people and channels, and the bot connected to it exactly as to Slack (HTTP mode,
// signed requests, SLACK_API_URL pointing at the stand-in), on the sandbox's own clock.
import { WebClient } from "@slack/web-api";
import { createSlackApp, type SlackApp } from "../app";
import { checkHealth } from "../db";
import { createPrismaClient, poolStats, type Db } from "../db/client";
import { migrate } from "../db/migrator";
import { openMonitoringDatabase } from "../db/monitoring";
import { nextWorkingDate } from "../domain/surveys";
import { localDateTime } from "../domain/working-calendar";
import { JOBS } from "../jobs/registry";
import { createScheduler, DEFAULT_JOB_SETTINGS, type Scheduler } from "../jobs/scheduler";
import type { Log } from "../logger";
import { createMetrics } from "../observability/metrics";
import { startOutbox, type Outbox } from "../publish/outbox";
import { createServices } from "../services";
import { seedDemoCompany } from "../services/seed/demo-company";
import { loadBranchCalendar } from "../services/tickets/load-branch-calendar";
import { createSurveyPages } from "../transport/survey-pages";
import { localDay, minuteOfDay, sandboxClock, type SandboxClock } from "./clock";
import { keepSlackState, loadSlackState, type SlackStateKeeper, type SlackStateLoad } from "./slack-state-file";
import { startSlackFake, type FakeChannel, type FakeUser, type SlackFake } from "./slack";

const SIGNING_SECRET = "sandbox-signing-secret";
const BOT_TOKEN = "xoxb-sandbox-bot-token";
/** The demo's admin, who also gets what no one else would (the bot's ADMIN_SLACK_IDS). */
const DEMO_ADMIN = "U0DEMO016";

export interface Persona {
  id: string;
  name: string;
  roles: string[];
  branch: string;
  timeZone: string;
}

export interface SandboxChannel {
  id: string;
  name: string;
  branch: string;
}

export interface Desk {
  slack: SlackFake;
  clock: SandboxClock;
  db: Db;
  personas: Persona[];
  channels: SandboxChannel[];
  /** What became of the stand-in's saved workspace at start ("absent" when no file was asked for). */
  slackState: SlackStateLoad;
  /** Where the bot itself listens (Slack's requests, /healthz, the survey pages). */
  botUrl: string;
  /**
   * Moves the clock, then runs every scheduled job once as of the new time; resolves when they are
   * done. "to" and "next working day" read the wall clock and calendar of `branchCode` (default: the first branch).
   */
  moveClock(move: ClockMove, branchCode?: string): Promise<Date>;
  stop(): Promise<void>;
}

export type ClockMove = { by: number } | { to: string } | { nextWorkingDayAt: string } | { at: Date };

export interface DeskOptions {
  databaseUrl: string;
  /** Where the clock starts. */
  now: Date;
  log: Log;
  /** Real time keeps flowing from `now` unless frozen (tests). */
  frozen?: boolean;
  /**
   * The stand-in's workspace is read from this JSON file at start and written to it after changes
   * and at stop, so Slack's side survives a restart like the database. Without it, memory only.
   */
  slackStateFile?: string;
}

export async function startDesk(options: DeskOptions): Promise<Desk> {
  const { log } = options;
  await migrate({ url: options.databaseUrl, log });
  const db = createPrismaClient(options.databaseUrl);
  const frozenAt = Date.now();
  const clock = sandboxClock(options.now, options.frozen ? () => frozenAt : Date.now);
  if ((await db.branch.count()) === 0) await seedDemoCompany({ db, clock, log }, { adminSlackIds: [] });

  const branches = await db.branch.findMany({ orderBy: { id: "asc" } });
  const staff = await db.staff.findMany({ where: { active: true }, orderBy: { slackUserId: "asc" }, include: { branch: true } });
  const personas: Persona[] = staff.map((person) => ({ id: person.slackUserId, name: person.name, roles: person.roles.map((role) => role.toLowerCase()), branch: person.branch.code, timeZone: person.branch.timeZone }));
  const channels: SandboxChannel[] = branches.flatMap((branch) => {
    const slug = branch.code.toLowerCase();
    return [
      branch.dispatchChannelId ? { id: branch.dispatchChannelId, name: `${slug}-dispatch`, branch: branch.code } : undefined,
      branch.directorsChannelId ? { id: branch.directorsChannelId, name: `${slug}-directors`, branch: branch.code } : undefined,
      branch.surveyChannelId ? { id: branch.surveyChannelId, name: `${slug}-surveys`, branch: branch.code } : undefined,
    ].filter((channel): channel is SandboxChannel => channel !== undefined);
  });

  const users: Record<string, FakeUser> = Object.fromEntries(personas.map((persona) => [persona.id, { name: persona.name, realName: persona.name, tz: persona.timeZone }]));
  const slackChannels: Record<string, FakeChannel> = Object.fromEntries(channels.map((channel) => [channel.id, { name: channel.name }]));
  const slack = await startSlackFake({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, users, channels: slackChannels, now: () => clock.now().getTime(), transport: "http" });
  // Before the bot starts, so its first call already sees the old messages.
  const slackState: SlackStateLoad = options.slackStateFile ? await loadSlackState(options.slackStateFile, slack) : { kind: "absent" };
  const keeper: SlackStateKeeper | undefined = options.slackStateFile
    ? keepSlackState(options.slackStateFile, slack, { onError: (error) => log.warn("the sandbox could not save the Slack stand-in's workspace", { error }) })
    : undefined;

  const services = createServices({ db, clock, log, adminSlackIds: [DEMO_ADMIN] });
  const monitoring = openMonitoringDatabase(options.databaseUrl, log);
  const metrics = createMetrics({ query: monitoring.query, pool: () => poolStats(db), now: () => clock.now(), log });
  const app: SlackApp = createSlackApp({
    mode: { kind: "http", botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
    port: 0,
    slackApiUrl: slack.apiUrl,
    log,
    handlerDeps: { services, log, clock, jobNames: JOBS.map((job) => job.name) },
    health: () => checkHealth(db),
    // The stand-in answers at once; a refusal is shown on the page rather than retried for minutes.
    clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    metrics,
    pages: createSurveyPages({ services, log }),
  });
  const port = await app.start();
  const botUrl = `http://127.0.0.1:${port}`;
  slack.setAppUrl(botUrl);

  let outbox: Outbox | undefined;
  let scheduler: Scheduler | undefined;
  const stopAll = async () => {
    await scheduler?.stop(5_000).catch(() => undefined);
    await slack.driver.settle().catch(() => undefined);
    await app.stop(5_000).catch(() => undefined);
    await outbox?.stop().catch(() => undefined);
    // After the bot and the outbox, so their last posts are in the file.
    await keeper?.stop();
    await slack.close().catch(() => undefined);
    await monitoring.close().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
  };
  try {
    outbox = await startOutbox({
      connectionString: options.databaseUrl,
      deps: { services, clock, log },
      slack: new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, fetch: metrics.slackFetch() }),
      workers: 2,
      pollIntervalMs: 200,
    });
    scheduler = createScheduler({ db, clock, log, services, settings: DEFAULT_JOB_SETTINGS, claimedBy: `sandbox:${process.pid}` }, JOBS);
    await scheduler.start();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const jobs = scheduler;

  return {
    slack,
    clock,
    db,
    personas,
    channels,
    slackState,
    botUrl,
    async moveClock(move, branchCode) {
      const now = clock.now();
      const branch = branches.find((candidate) => candidate.code === branchCode) ?? branches[0];
      const timeZone = branch?.timeZone ?? "UTC";
      let target: Date;
      if ("by" in move) target = new Date(now.getTime() + move.by);
      else if ("at" in move) target = move.at;
      else if ("to" in move) {
        // The next time the clock shows it in the first branch's zone: today if still ahead, else tomorrow.
        const today = localDateTime(timeZone, localDay(now, timeZone), minuteOfDay(move.to));
        target = today > now ? today : localDateTime(timeZone, nextIsoDay(localDay(now, timeZone)), minuteOfDay(move.to));
      } else {
        const calendar = await loadBranchCalendar(db, branch.id);
        const day = nextWorkingDate(calendar, localDay(now, timeZone)) ?? nextIsoDay(localDay(now, timeZone));
        target = localDateTime(timeZone, day, minuteOfDay(move.nextWorkingDayAt));
      }
      if (target.getTime() < now.getTime()) throw new Error("the sandbox's clock only moves forward: jobs already ran for the time in between");
      clock.set(target);
      // As the cron ticks would have: each job once, as of the new time, one after another.
      for (const job of JOBS) await jobs.tick(job);
      return clock.now();
    },
    stop: stopAll,
  };
}

function nextIsoDay(isoDay: string): string {
  const next = new Date(`${isoDay}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
