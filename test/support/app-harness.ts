// The real app on its real HTTP endpoint, with a test database and the Slack fake: what every
// end-to-end test drives.
import { createSlackApp, type SlackApp } from "../../src/app";
import { fixedClock, type Clock } from "../../src/clock";
import { checkHealth } from "../../src/db";
import { silentLog, type Log } from "../../src/logger";
import { createServices } from "../../src/services";
import { createTestDatabase, type TestDatabase } from "./db";
import { SlackFake, startSlackFake, type SlackFakeOptions } from "./slack-fake";

export const TEST_SIGNING_SECRET = "e2e-signing-secret";
export const TEST_BOT_TOKEN = "xoxb-e2e-bot-token";

export interface TestApp {
  slack: SlackFake;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  adminSlackIds?: string[];
  now?: string;
  log?: Log;
  fake?: SlackFakeOptions;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? "2026-11-23T01:00:00Z");
  const slack = await startSlackFake({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN, ...options.fake });
  const log = options.log ?? silentLog;
  const services = createServices({ db: database.prisma, clock: clock as Clock, log, adminSlackIds: options.adminSlackIds ?? [] });
  const app: SlackApp = createSlackApp({
    mode: { kind: "http", botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET },
    port: 0,
    slackApiUrl: slack.apiUrl,
    log,
    handlerDeps: { services, log },
    health: () => checkHealth(database.prisma),
    // Against the fake: fail fast instead of the WebClient's 30 minutes of retries.
    clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
  });
  const port = await app.start();
  const url = `http://127.0.0.1:${port}`;
  slack.setAppUrl(url);
  return {
    slack,
    database,
    clock,
    port,
    url,
    async stop() {
      await slack.driver.settle();
      await app.stop();
      await slack.close();
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
