// The inbox of thread replies: Slack's message events are acked before they are handled, so the
// listener only queues each reply as a graphile-worker job (one statement) and the bot's workers
// handle it (src/publish/thread-replies.ts). The backlog of a burst waits in PostgreSQL, not in
// memory, and a reply acked by a bot that dies before handling it is handled by another.
import { z } from "zod";
import type { DbOrTx } from "../../db";
import { QUEUE_GC_LOCK_CLASS } from "../outbox/enqueue";

/** The graphile-worker task that handles one thread reply. */
export const THREAD_REPLY_TASK = "thread-reply";
/** The task that posts again what a reply's answer could not post at once (reactions, threaded answers, ephemerals). */
export const THREAD_ANSWER_TASK = "thread-answer";
/**
 * Tries of a reply that fails for a reason that may pass (graphile-worker waits e^n seconds after
 * the n-th): eight span about half an hour. A database that is down costs no try: no worker can
 * take a job then.
 */
export const THREAD_REPLY_MAX_ATTEMPTS = 8;
/** Tries of an answer Slack did not take: five span about four minutes, then it is dropped. */
export const THREAD_ANSWER_MAX_ATTEMPTS = 5;

export interface QueuedThreadReply {
  channel: string;
  user: string;
  ts: string;
  threadTs: string;
  text: string;
  /** When the bot received it: the time the reply's changes are recorded at, however long it waited. */
  receivedAt: Date;
}

const queuedReplySchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  ts: z.string().min(1),
  threadTs: z.string().min(1),
  text: z.string(),
  receivedAt: z.coerce.date(),
});

export function reviveThreadReply(payload: unknown): QueuedThreadReply {
  return queuedReplySchema.parse(payload);
}

/** One thread's replies share a queue: graphile-worker runs them one at a time, in order, across replicas. */
export function queueOfThread(channel: string, threadTs: string): string {
  return `thread:${channel}:${threadTs}`;
}

/** A Slack ts ("1732320000.000123") as whole seconds and microseconds, exactly; null for anything else. */
function tsParts(ts: string): { seconds: number; micros: number } | null {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  return match ? { seconds: Number(match[1]), micros: Number((match[2] ?? "").padEnd(6, "0")) } : null;
}

/**
 * Queues a reply; false when this message was queued already (a redelivery, or the same message under
 * another event id) and is still waiting or being handled. The key dedupes rather than replaces: a
 * redelivery carries the same message, and replacing would move it behind later replies of its thread.
 *
 * A queue runs its jobs by run_at: the message's own time (its ts, Slack's order of the thread), not
 * the insert's, since two replies acked in order may be queued the other way round (each listener
 * claims its event first). Never later than now, whatever Slack's clock says.
 */
export async function queueThreadReply(deps: { db: DbOrTx }, reply: QueuedThreadReply): Promise<boolean> {
  const payload = JSON.stringify({ ...reply, receivedAt: reply.receivedAt.toISOString() });
  const sent = tsParts(reply.ts);
  const [job] = await deps.db.$queryRaw<[{ queued: boolean }]>`
    WITH gc_guard AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${QUEUE_GC_LOCK_CLASS}::int, 0))
    SELECT (graphile_worker.add_job(
      ${THREAD_REPLY_TASK}::text,
      ${payload}::json,
      queue_name => ${queueOfThread(reply.channel, reply.threadTs)}::text,
      run_at => least(to_timestamp(${sent?.seconds ?? null}::bigint) + ${sent?.micros ?? 0}::int * interval '1 microsecond', now()),
      max_attempts => ${THREAD_REPLY_MAX_ATTEMPTS}::int,
      job_key => ${`thread-reply:${reply.channel}:${reply.ts}`}::text,
      job_key_mode => 'unsafe_dedupe'
    )).revision = 0 AS queued FROM gc_guard`;
  return job.queued;
}
