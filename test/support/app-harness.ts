// The real app on its real transport (HTTP endpoint or Socket Mode), with a test database and the
// Slack fake: what every end-to-end test drives.
import { createSlackApp, type SlackApp } from "../../src/app";
import { fixedClock, type Clock } from "../../src/clock";
import { checkHealth } from "../../src/db";
import { poolStats } from "../../src/db/client";
import { openMonitoringDatabase } from "../../src/db/monitoring";
import { JOBS } from "../../src/jobs/registry";
import { silentLog, type Log } from "../../src/logger";
import { WebClient } from "@slack/web-api";
import { createMetrics } from "../../src/observability/metrics";
import { startOutbox } from "../../src/publish/outbox";
import { createSlackUserLocales } from "../../src/publish/slack-user-locales";
import { createServices } from "../../src/services";
import { createSurveyPages } from "../../src/transport/survey-pages";
import { createTestDatabase, type TestDatabase } from "./db";
import { SlackFake, silentLogger, startSlackFake, type SlackFakeOptions, type Transport } from "../../src/sandbox/slack";

export const TEST_SIGNING_SECRET = "e2e-signing-secret";
export const TEST_BOT_TOKEN = "xoxb-e2e-bot-token";
export const TEST_APP_TOKEN = "xapp-1-A0FAKEAPP-1-e2e-app-token";

export interface TestApp {
  slack: SlackFake;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  /** Where the app serves HTTP: Slack's requests, /healthz and /metrics, or only the last two in Socket Mode. */
  port: number;
  url: string;
  /** The app itself, for tests of its stop. */
  app: SlackApp;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  adminSlackIds?: string[];
  now?: string;
  log?: Log;
  fake?: SlackFakeOptions;
  /** PUBLIC_URL: survey links for customers are offered, starting with it. */
  publicUrl?: string;
  /** How Slack reaches the app: signed HTTP requests (default) or Socket Mode. */
  transport?: Transport;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const transport = options.transport ?? "http";
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? "2026-11-23T01:00:00Z");
  const slack = await startSlackFake({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN, appToken: TEST_APP_TOKEN, transport, ...options.fake });
  const log = options.log ?? silentLog;
  // People's Slack languages (issue 14), asked of the fake like the bot asks Slack.
  const slackUserLocale = createSlackUserLocales(new WebClient(TEST_BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() }), {
    now: () => clock.now().getTime(),
  });
  const services = createServices({ db: database.prisma, clock: clock as Clock, log, adminSlackIds: options.adminSlackIds ?? [], slackUserLocale });
  const monitoring = openMonitoringDatabase(database.url, log);
  const metrics = createMetrics({ query: monitoring.query, pool: () => poolStats(database.prisma), now: () => clock.now(), log });
  const app: SlackApp = createSlackApp({
    slackApiUrl: slack.apiUrl,
    log,
    handlerDeps: { services, log, clock, jobNames: JOBS.map((job) => job.name), publicUrl: options.publicUrl, locales: services.locales },
    health: () => checkHealth(database.prisma),
    // Against the fake: fail fast instead of the WebClient's 30 minutes of retries.
    clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    mode:
      transport === "socket"
        ? { kind: "socket", botToken: TEST_BOT_TOKEN, appToken: TEST_APP_TOKEN }
        : { kind: "http", botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET },
    port: 0,
    metrics,
    pages: createSurveyPages({ services, log }),
  });
  const port = await app.start();
  const outbox = await startOutbox({
    connectionString: database.url,
    deps: { services, clock: clock as Clock, log, locales: services.locales },
    slack: new WebClient(TEST_BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, fetch: metrics.slackFetch() }),
    workers: 2,
    pollIntervalMs: 200,
  });
  const url = `http://127.0.0.1:${port}`;
  if (transport === "http") slack.setAppUrl(url);
  return {
    slack,
    database,
    clock,
    port,
    url,
    app,
    async stop() {
      await slack.driver.settle();
      // The app before the fake: a Socket Mode client that loses the fake reconnects to it.
      await app.stop();
      await outbox.stop();
      await slack.close();
      await monitoring.close();
      await database.close();
    },
  };
}

/** One app per test file; the database and the fake are emptied before each test. */
export function useTestApp(options: TestAppOptions = {}): { readonly current: TestApp } {
  const holder: { current?: TestApp } = {};
  beforeAll(async () => {
    holder.current = await startTestApp(options);
  });
  beforeEach(async () => {
    // The app keeps working after it acks (ticket messages, thread replies); let the previous
    // test's tail finish, or its late posts would land in this test's empty fake.
    await untilQuiet(holder.current!.slack);
    await holder.current!.database.reset();
    holder.current!.slack.reset();
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("useTestApp(): the app is ready only inside tests");
      return holder.current;
    },
  };
}

/** Resolves once the fake has had no Web API call for `quietMs` (at most `maxMs`). */
async function untilQuiet(slack: SlackFake, quietMs = 100, maxMs = 3000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let seen = slack.calls.length;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    if (slack.calls.length === seen) return;
    seen = slack.calls.length;
  }
}
