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
import { THREAD_ANSWER_TASK, THREAD_REPLY_TASK } from "../../src/services/inbox/thread-replies";
import { reviveEffect, type SlackEffect } from "../../src/services/outbox/effects";
import { SLACK_TASK } from "../../src/services/outbox/enqueue";
import { eventually } from "./eventually";
import { silentLogger, type SlackFake } from "../../src/sandbox/slack";

export async function startTestOutbox(database: { prisma: Db; url: string }, clock: Clock, fake: SlackFake, options: { log?: Log; workers?: number; replyWorkers?: number } = {}): Promise<Outbox> {
  const log = options.log ?? silentLog;
  return startOutbox({
    connectionString: database.url,
    deps: { services: createServices({ db: database.prisma, clock, log, adminSlackIds: [] }), clock, log },
    slack: new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() }),
    workers: options.workers ?? 2,
    replyWorkers: options.replyWorkers,
    pollIntervalMs: 100,
  });
}

export interface QueuedEffect {
  effect: SlackEffect;
  key: string | null;
  attempts: number;
  lastError: string | null;
}

/** The effects waiting in the outbox (or being retried), oldest first; thread replies (the inbox) are not effects. */
export async function queuedEffects(db: Db): Promise<QueuedEffect[]> {
  const rows = await db.$queryRaw<Array<{ payload: unknown; key: string | null; attempts: number; last_error: string | null }>>`
    SELECT j.payload, j.key, j.attempts, j.last_error FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = ${SLACK_TASK}
     ORDER BY j.id`;
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
      DELETE FROM graphile_worker._private_jobs WHERE id = (
        SELECT j.id FROM graphile_worker._private_jobs j
          JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = ${SLACK_TASK}
         ORDER BY j.run_at, j.id LIMIT 1)
      RETURNING id::text, payload`;
    if (!job) return delivered;
    await deliverEffect(deps, slack, reviveEffect(job.payload), { jobId: job.id, attempt: 1 });
  }
}

export interface QueuedReply {
  task: string;
  payload: unknown;
  queue: string | null;
  key: string | null;
  attempts: number;
  lockedBy: string | null;
}

/** The inbox: thread replies (and answers to post again) queued and not yet handled, in the order they will run. */
export async function queuedReplies(db: Db): Promise<QueuedReply[]> {
  return db.$queryRaw<QueuedReply[]>`
    SELECT t.identifier AS task, j.payload, q.queue_name AS queue, j.key, j.attempts::int AS attempts, j.locked_by AS "lockedBy"
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier IN (${THREAD_REPLY_TASK}, ${THREAD_ANSWER_TASK})
      LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
     ORDER BY j.run_at, j.id`;
}

/** Resolves once every queued thread reply has been handled. */
export async function untilRepliesHandled(db: Db, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => (await queuedReplies(db)).length === 0, timeoutMs, "the queued thread replies to be handled");
}
