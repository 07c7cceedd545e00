// The outbox's workers against the Slack fake, for tests that drive services without the app, and
// what they read of its queue.
import { WebClient } from "@slack/web-api";
import type { Clock } from "../../src/clock";
import type { Db } from "../../src/db";
import { silentLog, type Log } from "../../src/logger";
import { deliverEffect } from "../../src/publish/deliver";
import { startOutbox, type Outbox } from "../../src/publish/outbox";
import type { OutboxSlackClient } from "../../src/publish/slack-client";
import { createServices } from "../../src/services";
import { reviveEffect, type SlackEffect } from "../../src/services/outbox/effects";
import { eventually } from "./eventually";
import { silentLogger, type SlackFake } from "./slack-fake";

export async function startTestOutbox(database: { prisma: Db; url: string }, clock: Clock, fake: SlackFake, options: { log?: Log; workers?: number } = {}): Promise<Outbox> {
  const log = options.log ?? silentLog;
  return startOutbox({
    connectionString: database.url,
    deps: { services: createServices({ db: database.prisma, clock, log, adminSlackIds: [] }), clock, log },
    slack: new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() }),
    workers: options.workers ?? 2,
    pollIntervalMs: 100,
  });
}

export interface QueuedEffect {
  effect: SlackEffect;
  key: string | null;
  attempts: number;
  lastError: string | null;
}

/** The effects waiting in the outbox (or being retried), oldest first. */
export async function queuedEffects(db: Db): Promise<QueuedEffect[]> {
  const rows = await db.$queryRaw<Array<{ payload: unknown; key: string | null; attempts: number; last_error: string | null }>>`
    SELECT payload, key, attempts, last_error FROM graphile_worker._private_jobs ORDER BY id`;
  return rows.map((row) => ({ effect: reviveEffect(row.payload), key: row.key, attempts: row.attempts, lastError: row.last_error }));
}

/** Resolves once the outbox has delivered (or given up on) everything queued. */
export async function untilDelivered(db: Db, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => (await queuedEffects(db)).length === 0, timeoutMs, "the outbox's queue to empty");
}

/** For tests that run a job without the app: an outbox delivers what is queued, then stops. */
export async function deliverQueued(database: { prisma: Db; url: string }, clock: Clock, fake: SlackFake): Promise<void> {
  const outbox = await startTestOutbox(database, clock, fake);
  try {
    await untilDelivered(database.prisma);
  } finally {
    await outbox.stop();
  }
}

/**
 * For tests that run a job or a service without the app: delivers everything queued, in the
 * queue's order, in this process (no workers), through the same code as the outbox's workers.
 * Never alongside a running outbox (an app harness runs one: wait with `untilDelivered` there).
 */
export async function drainOutbox(db: Db, clock: Clock, slack: OutboxSlackClient, options: { log?: Log } = {}): Promise<number> {
  const log = options.log ?? silentLog;
  const deps = { services: createServices({ db, clock, log, adminSlackIds: [] }), clock, log };
  for (let delivered = 0; ; delivered++) {
    const [job] = await db.$queryRaw<Array<{ id: string; payload: unknown }>>`
      DELETE FROM graphile_worker._private_jobs WHERE id = (SELECT id FROM graphile_worker._private_jobs ORDER BY run_at, id LIMIT 1)
      RETURNING id::text, payload`;
    if (!job) return delivered;
    await deliverEffect(deps, slack, reviveEffect(job.payload), { jobId: job.id, attempt: 1 });
  }
}
