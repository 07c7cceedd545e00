import { WebClient } from "@slack/web-api";
import type { Clock } from "../../../src/clock";
import type { Db } from "../../../src/db";
import type { JobDeps, JobSlackClient } from "../../../src/jobs/types";
import { DEFAULT_JOB_SETTINGS } from "../../../src/jobs/scheduler";
import { silentLog } from "../../../src/logger";
import { createServices } from "../../../src/services";
import { silentLogger, type SlackFake } from "../../support/slack-fake";

/** A WebClient talking to the Slack fake, failing fast. */
export function fakeSlackClient(fake: SlackFake): WebClient {
  return new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() });
}

export function jobDeps(db: Db, clock: Clock, overrides: Partial<JobDeps> & { slack?: JobSlackClient | null } = {}): JobDeps {
  return {
    db,
    clock,
    log: silentLog,
    services: createServices({ db, clock, log: silentLog, adminSlackIds: [] }),
    slack: null,
    settings: DEFAULT_JOB_SETTINGS,
    claimedBy: "test-scheduler",
    ...overrides,
  };
}
