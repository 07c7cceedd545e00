// The outbox's workers: graphile-worker claims the queued Slack effects (SKIP LOCKED, one at a time
// per ticket, across replicas), and each is delivered by deliver.ts. What Slack refuses for
// good, or what fails through every try, is recorded for the admins (SlackEffectFailure) instead.
//
// A bot killed with kill -9 leaves its jobs locked, and graphile-worker frees such jobs only after
// 4 hours. So each bot holds a PostgreSQL advisory lock for as long as it lives and names its
// workers after it; any bot frees, within seconds, the jobs of workers whose lock is gone.
import { randomInt } from "node:crypto";
import { run, type Runner, type RunnerOptions, type Task } from "graphile-worker";
import { Client, Pool } from "pg";
import { queueLogger } from "../logger";
import type { Services } from "../services";
import { reviveEffect, ticketOf } from "../services/outbox/effects";
import { SLACK_TASK } from "../services/outbox/enqueue";
import { classifySlackError, PermanentSlackFailure } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";
import { deliverEffect } from "./deliver";
import type { OutboxDeps } from "./post-once";

/** Advisory lock class of the outbox's liveness locks (the object is the bot's random key). */
const LIVENESS_LOCK_CLASS = 74_110_011;
const WORKER_PREFIX = "outbox-";

export interface OutboxOptions {
  connectionString: string;
  deps: OutboxDeps & { services: Pick<Services, "recordSlackFailure"> };
  slack: OutboxSlackClient;
  /** Effects delivered at once by this bot (distinct tickets). */
  workers?: number;
  /** How often idle workers look for effects whose retry is due (new ones are announced at once). */
  pollIntervalMs?: number;
  /** How often dead bots' effects are looked for. */
  reapIntervalMs?: number;
}

export interface Outbox {
  /** Frees effects locked by bots that died (run on start and every few seconds). */
  reap(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startOutbox(options: OutboxOptions): Promise<Outbox> {
  const { deps, slack } = options;
  const log = deps.log;
  const workers = options.workers ?? 4;
  const pool = new Pool({ connectionString: options.connectionString, max: workers + 2 });
  pool.on("error", (error) => log.warn("outbox: a pooled database connection failed", { error }));
  const key = randomInt(1, 2 ** 31 - 1);
  const liveness = new Client({ connectionString: options.connectionString });
  liveness.on("error", (error) => log.error("outbox: lost the liveness connection; other bots will retry this bot's effects", { error }));
  await liveness.connect();
  // A machine that dies without closing its connections is noticed by TCP keepalive in ~25 s, not
  // the system's default of about two hours; only then is its lock released.
  await liveness.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
  await liveness.query("SELECT pg_advisory_lock($1, $2)", [LIVENESS_LOCK_CLASS, key]);

  const slackTask: Task = async (payload, helpers) => {
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

  const reap = async (): Promise<string[]> => {
    // One statement: the locked workers named after a bot whose liveness lock nobody holds.
    const found = await pool.query<{ worker: string }>(
      `WITH locked AS (
         SELECT locked_by AS worker FROM graphile_worker._private_jobs WHERE locked_by LIKE '${WORKER_PREFIX}%'
         UNION SELECT locked_by FROM graphile_worker._private_job_queues WHERE locked_by LIKE '${WORKER_PREFIX}%'
       ), owned AS (
         SELECT worker, split_part(worker, '-', 2) AS owner FROM locked
       )
       SELECT worker FROM owned
       WHERE owner ~ '^[0-9]+$' AND owner::bigint <> $2
         AND NOT EXISTS (
           SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = owner::bigint::oid AND objsubid = 2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))`,
      [LIVENESS_LOCK_CLASS, key],
    );
    const dead = found.rows.map((row) => row.worker);
    if (dead.length) {
      await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
      log.warn("outbox: freed the effects of a bot that stopped without finishing them", { workers: dead });
    }
    return dead;
  };

  await reap().catch((error: unknown) => log.warn("outbox: could not look for stopped bots' effects", { error }));
  // One runner per worker, each with a name that carries this bot's liveness key.
  const runners: Runner[] = [];
  try {
    for (let index = 0; index < workers; index++) {
      runners.push(
        await run({
          // A worker's own name is honoured with concurrency 1 (graphile-worker's main.js), though not in its types.
          ...({ workerId: `${WORKER_PREFIX}${key}-${index}` } as RunnerOptions),
          pgPool: pool,
          taskList: { [SLACK_TASK]: slackTask },
          parsedCronItems: [],
          concurrency: 1,
          noHandleSignals: true,
          pollInterval: options.pollIntervalMs ?? 1_000,
          logger: queueLogger(log),
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(runners.map((runner) => runner.stop()));
    await liveness.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  const reaper = setInterval(() => void reap().catch((error: unknown) => log.warn("outbox: could not look for stopped bots' effects", { error })), options.reapIntervalMs ?? 5_000);
  reaper.unref();

  return {
    reap,
    async stop() {
      clearInterval(reaper);
      // graphile-worker lets running effects finish and unlocks the rest.
      await Promise.allSettled(runners.map((runner) => runner.stop()));
      await liveness.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
