import { WebClient } from "@slack/web-api";
import type { Clock } from "../../../src/clock";
import type { Db } from "../../../src/db";
import type { Job, JobDeps } from "../../../src/jobs/types";
import { runJob as runJobNow, type JobOutcome, type RunJobOptions } from "../../../src/jobs/runner";
import type { OutboxSlackClient } from "../../../src/publish/slack-client";
import { drainOutbox } from "../../support/outbox";
import { DEFAULT_JOB_SETTINGS } from "../../../src/jobs/scheduler";
import { silentLog } from "../../../src/logger";
import { createServices } from "../../../src/services";
import { silentLogger, type SlackFake } from "../../../src/sandbox/slack";

/** A WebClient talking to the Slack fake, failing fast. */
export function fakeSlackClient(fake: SlackFake): WebClient {
  return new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() });
}

// Jobs queue their Slack posts; a test that gives jobDeps a Slack client has them delivered by runJob.
const deliverTo = new WeakMap<JobDeps, OutboxSlackClient>();

/** `slack`: the client through which runJob (below) delivers what the job queued, as the bot's outbox would. */
export function jobDeps(db: Db, clock: Clock, overrides: Partial<JobDeps> & { slack?: OutboxSlackClient | null } = {}): JobDeps {
  const { slack, ...rest } = overrides;
  const deps: JobDeps = {
    db,
    clock,
    log: silentLog,
    services: createServices({ db, clock, log: silentLog, adminSlackIds: [] }),
    settings: DEFAULT_JOB_SETTINGS,
    claimedBy: "test-scheduler",
    ...rest,
  };
  if (slack) deliverTo.set(deps, slack);
  return deps;
}

/** Runs the job as the scheduler does, then (when jobDeps got a Slack client) delivers its queued posts. */
export async function runJob(deps: JobDeps, job: Job, options: RunJobOptions = {}): Promise<JobOutcome[]> {
  const outcomes = await runJobNow(deps, job, options);
  const slack = deliverTo.get(deps);
  if (slack) await drainOutbox(deps.db, deps.clock, slack);
  return outcomes;
}
