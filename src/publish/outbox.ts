// The bot's workers on graphile-worker's queue. The outbox's: graphile-worker claims the queued
// Slack effects (SKIP LOCKED, one at a time per ticket, across replicas), and each is delivered by
// deliver.ts; what Slack refuses for good, or what fails through every try, is recorded for the
// admins (SlackEffectFailure) instead. The inbox's: technicians' thread replies, queued by the
// listener, handled by thread-replies.ts (one at a time per thread, across replicas).
//
// Two runners on one pool, each taking only its own tasks: a burst of replies waiting in the queue
// never holds back a ticket message or an alert, and each is sized for its work. One runner per
// kind rather than one per worker: a runner holds a connection to LISTEN, and wakes one idle
// worker per new job where one runner per worker would wake them all.
//
// A bot killed with kill -9 leaves its jobs locked, and graphile-worker frees such jobs only after
// 4 hours. So each worker, before it takes any job, takes a PostgreSQL advisory lock of its own
// (on the bot's liveness connection, held for as long as the bot lives); any bot frees, within
// seconds, the jobs of workers whose lock is gone.
import { run, type Runner, type Task, type TaskList } from "graphile-worker";
import { Client, Pool } from "pg";
import { queueLogger, type Log } from "../logger";
import type { Services } from "../services";
import { reviveEffect, ticketOf } from "../services/outbox/effects";
import { QUEUE_GC_LOCK_CLASS, SLACK_TASK } from "../services/outbox/enqueue";
import { reviveThreadReply, THREAD_ANSWER_MAX_ATTEMPTS, THREAD_ANSWER_TASK, THREAD_REPLY_TASK } from "../services/inbox/thread-replies";
import { classifySlackError, PermanentSlackFailure } from "./slack-errors";
import type { OutboxSlackClient, ThreadReplySlackClient } from "./slack-client";
import { deliverEffect } from "./deliver";
import type { OutboxDeps } from "./post-once";
import { failureOf, handleQueuedReply, postPart, type AnswerPart, type ThreadReplyDeps } from "./thread-replies";

/** Advisory lock class of each worker's liveness lock (the object is hashtext of the worker's name). */
const WORKER_LOCK_CLASS = 74_110_012;
/**
 * Bots before this one held one lock of class 74110011 on a random key and named their workers
 * `outbox-<key>-<n>`; their jobs are judged by that lock, so that a rolling upgrade frees nothing alive.
 */
const BOT_LOCK_CLASS = 74_110_011;

/** Empty queues deleted per transaction (each run of the reaper), so that a backlog of them never holds up new jobs for long. */
const QUEUE_GC_BATCH = 1_000;

/** Thread replies handled at once per bot by default: see README, "Thread replies from the field". */
export const REPLY_WORKERS = 16;

export interface OutboxOptions {
  connectionString: string;
  deps: OutboxDeps & ThreadReplyDeps & { services: Pick<Services, "recordSlackFailure"> };
  slack: OutboxSlackClient & ThreadReplySlackClient;
  /** Effects delivered at once by this bot (distinct tickets). */
  workers?: number;
  /** Thread replies handled at once by this bot (distinct threads). */
  replyWorkers?: number;
  /** How often idle workers look for jobs whose retry is due (new ones are announced at once). */
  pollIntervalMs?: number;
  /** How often dead bots' jobs are looked for. */
  reapIntervalMs?: number;
  /** Runs each task: the bot's puts their queries on its workers' connections (onWorkersPool, src/db/client.ts). */
  runTask?: <T>(work: () => T) => T;
}

export interface Outbox {
  /** Frees the jobs locked by workers of bots that died (run on start and every few seconds). */
  reap(): Promise<string[]>;
  /** Deletes queues left empty (run with reap); how many. */
  collectQueues(): Promise<number>;
  stop(): Promise<void>;
}

export async function startOutbox(options: OutboxOptions): Promise<Outbox> {
  const { deps, slack } = options;
  const log = deps.log;
  const workers = options.workers ?? 4;
  const replyWorkers = options.replyWorkers ?? REPLY_WORKERS;
  // A LISTEN connection per runner; a worker holds one only for the statement that takes, finishes or
  // fails its job (its work queries go through the services' pool). graphile-worker warns below its
  // concurrency; connections open only when needed and close after 10 s idle.
  const pool = new Pool({ connectionString: options.connectionString, max: 2 + Math.max(workers, replyWorkers) });
  pool.on("error", (error) => log.warn("outbox: a pooled database connection failed", { error }));
  const liveness = new Client({ connectionString: options.connectionString });
  liveness.on("error", (error) => log.error("outbox: lost the liveness connection; other bots will retry this bot's jobs", { error }));
  await liveness.connect();
  // A machine that dies without closing its connections is noticed by TCP keepalive in ~25 s, not
  // the system's default of about two hours; only then are its locks released.
  await liveness.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");

  // graphile-worker runs this hook before a worker's first job. One query at a time on the connection.
  let locking: Promise<unknown> = Promise.resolve();
  const lockWorker = (workerId: string): Promise<void> => {
    const locked = locking.then(() => liveness.query("SELECT pg_try_advisory_lock($1, hashtext($2))", [WORKER_LOCK_CLASS, workerId]));
    locking = locked.catch(() => undefined);
    return locked.then(
      () => undefined,
      (error: unknown) => log.error("outbox: a worker could not take its liveness lock; other bots may take its jobs", { workerId, error }),
    );
  };
  const workerLiveness = {
    name: "ServiceDeskWorkerLiveness" as keyof GraphileConfig.Plugins,
    version: "1.0.0",
    worker: { hooks: { startWorker: (_context: unknown, event: { worker: { workerId: string } }) => lockWorker(event.worker.workerId) } },
  } as GraphileConfig.Plugin;

  const runTask = options.runTask ?? ((work) => work());
  const slackTask: Task = (payload, helpers) => runTask(() => deliverSlackEffect(payload, helpers));
  const deliverSlackEffect: Task = async (payload, helpers) => {
    const effect = reviveEffect(payload);
    const { job } = helpers;
    try {
      await deliverEffect(deps, slack, effect, { jobId: job.id, attempt: job.attempts });
    } catch (error) {
      const permanent = error instanceof PermanentSlackFailure;
      if (!permanent && job.attempts < job.max_attempts) throw error; // tried again in e^attempts seconds
      const failure = classifySlackError(error);
      const reason = permanent ? error.reason : failure.kind === "rate-limited" ? "ratelimited" : failure.reason;
      log.error("outbox: a Slack effect failed for good; admins can resend it from /repair jobs", { kind: effect.kind, ticketId: ticketOf(effect), reason, attempts: job.attempts });
      await deps.services.recordSlackFailure({ effect, error: reason, attempts: job.attempts, at: deps.clock.now() });
    }
  };

  const replyTask: Task = (payload, helpers) => runTask(() => handleReply(payload, helpers));
  const handleReply: Task = async (payload, helpers) => {
    const { job } = helpers;
    const unsent = await handleQueuedReply(deps, slack, reviveThreadReply(payload), { attempt: job.attempts, maxAttempts: job.max_attempts });
    // The reply is recorded: what Slack did not take is posted again later, apart, so the thread's next reply need not wait.
    if (unsent.length) await helpers.addJob(THREAD_ANSWER_TASK, unsent, { maxAttempts: THREAD_ANSWER_MAX_ATTEMPTS });
  };

  // A list of parts: graphile-worker tries again only the parts whose promise failed.
  const answerTask: Task = (payload, helpers) => runTask(() => postAnswerParts(payload, helpers));
  const postAnswerParts: Task = (payload, helpers) => {
    const last = helpers.job.attempts >= helpers.job.max_attempts;
    return (payload as AnswerPart[]).map(async (part) => {
      try {
        await postPart(slack, part);
      } catch (error) {
        if (failureOf(error, part, log) === "again" && !last) throw error;
        if (last) log.error("a thread reply's answer could not be posted; dropped", { kind: part.kind, channel: part.channel, attempts: helpers.job.attempts });
      }
    });
  };

  const reap = async (): Promise<string[]> => {
    // One statement: the workers holding jobs or queues whose liveness lock nobody holds.
    const found = await pool.query<{ worker: string }>(
      `WITH locked AS (
         SELECT locked_by AS worker FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
         UNION SELECT locked_by FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
       ), held AS (
         SELECT classid, objid FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
       SELECT worker FROM locked
        WHERE NOT EXISTS (
          SELECT 1 FROM held
           WHERE CASE WHEN worker ~ '^outbox-[0-9]+-[0-9]+$'
                      THEN classid = $2 AND objid = split_part(worker, '-', 2)::bigint::oid
                      ELSE classid = $1 AND objid = (hashtext(worker)::bigint & 4294967295)::oid END)`,
      [WORKER_LOCK_CLASS, BOT_LOCK_CLASS],
    );
    const dead = found.rows.map((row) => row.worker);
    if (dead.length) {
      await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
      log.warn("outbox: freed the jobs of a bot that stopped without finishing them", { workers: dead });
    }
    return dead;
  };

  // graphile-worker never deletes a queue, and each get_job locks the row of every idle one: with a
  // queue per ticket and per thread, a year's would make each take seconds. The empty ones go, a batch
  // at a time, unless a job is being added to a queue at that moment (see QUEUE_GC_LOCK_CLASS).
  const collectQueues = async (): Promise<number> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ free: boolean }>("SELECT pg_try_advisory_xact_lock($1, 0) AS free", [QUEUE_GC_LOCK_CLASS]);
      const deleted = rows[0]?.free
        ? await client.query(
            `DELETE FROM graphile_worker._private_job_queues WHERE id IN (
               SELECT q.id FROM graphile_worker._private_job_queues q
                WHERE q.locked_at IS NULL AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.job_queue_id = q.id)
                LIMIT ${QUEUE_GC_BATCH} FOR UPDATE SKIP LOCKED)`,
          )
        : undefined;
      await client.query("COMMIT");
      return deleted?.rowCount ?? 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const housekeeping = async () => {
    await reap().catch((error: unknown) => log.warn("outbox: could not look for stopped bots' jobs", { error }));
    await collectQueues().catch((error: unknown) => log.warn("outbox: could not delete empty queues", { error }));
  };

  await housekeeping();
  const runners: Runner[] = [];
  const startRunner = async (taskList: TaskList, concurrency: number, runnerLog: Log) => {
    runners.push(
      await run({
        pgPool: pool,
        taskList,
        parsedCronItems: [],
        concurrency,
        noHandleSignals: true,
        pollInterval: options.pollIntervalMs ?? 1_000,
        logger: queueLogger(runnerLog),
        preset: { plugins: [workerLiveness] },
      }),
    );
  };
  try {
    await startRunner({ [SLACK_TASK]: slackTask }, workers, log);
    // A line per reply handled would be a line per technician's message, its text included: debug only.
    const replyLog: Log = { ...log, info: (message, fields) => (message.startsWith("Completed task") ? log.debug(message, fields) : log.info(message, fields)) };
    await startRunner({ [THREAD_REPLY_TASK]: replyTask, [THREAD_ANSWER_TASK]: answerTask }, replyWorkers, replyLog);
  } catch (error) {
    await Promise.allSettled(runners.map((runner) => runner.stop()));
    await liveness.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  const reaper = setInterval(() => void housekeeping(), options.reapIntervalMs ?? 5_000);
  reaper.unref();

  return {
    reap,
    collectQueues,
    async stop() {
      clearInterval(reaper);
      // graphile-worker lets running jobs finish and unlocks the rest.
      await Promise.allSettled(runners.map((runner) => runner.stop()));
      await liveness.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
